/*
 * Promela model of a kst what-if scenario, for SPIN. Written by kst 0.1.0 (kst export promela)
 * from the plan `kst check` compiles; the two must agree.
 *
 * Scenario  scenarios/topologies/northwind-four-sites.json
 * Reading   withdraw-remember (the default): At start-up conflict UM Routing logs 44030, withdraws its claim and keeps the FQDN as handled: it never re-adds it while AD lists it.
 * Restarts  planned: only the plan's restarts
 *
 * The system. Every server that keeps a Known Servers Table is a process, Server(s); its
 * nondeterministic actions are the asynchronous events: apply the next published topology
 * revision (replication), let UM Routing poll Exchange's dial plans, and with restarts "any"
 * restart RTCSRV once. Admin walks the plan in order; init performs the steady start (every
 * server as if RTCSRV had just started with the base topology: assumption steady-start).
 * Published topology and AD are revision counters into constant tables. A server's entry
 * for an FQDN is derived, never stored: the versions its replica's topology claims plus UM
 * Routing's version 0, present when exactly one version is claimed (assumption both-removed).
 * Version sets are bits: bit 0 is version 0 (see the legend). Every action is one d_step.
 *
 * Properties: kst rule <- assertion label (cell c = s * NF + f)
 *   kst/version-conflict (error) <- kst_version_conflict[c]: a 14563 is logged for the cell: two versions claimed, both entries removed
 *   kst/unknown-server (error) <- kst_unknown_server_at_end[c]: the cell's FQDN is needed at the end and absent in a quiescent state
 *   kst/unknown-server (warning) <- kst_unknown_server_on_the_way[c]: the cell's FQDN is needed before and after the plan, was present, and is absent in some state
 *   kst/order-dependent (warning) <- kst_order_dependent[c]: quiescent states disagree on the cell's entry: the end depends on the order
 *   kst/flapping (error) <- a non-progress cycle: every action changes the state, so any cycle is one
 * A label holds 1 until pan reports its (rule, cell), then 0: pan -c0 -e lists each once, with a trail.
 * The labels and the order-dependence observer are hidden: not matched, not restored on backtracking.
 *
 * Run   spin -a model.pml && gcc -O2 -DSAFETY -DNOREDUCE -DVECTORSZ=3072 -o pan pan.c && ./pan -c0 -e
 *       cycles (kst/flapping): gcc -O2 -DNP -DNOREDUCE -DVECTORSZ=3072 -o pan pan.c && ./pan -l -A
 *       replay trail N, every violation printed, none stopping it: spin -DKST_LABEL_INIT=0 -tN model.pml
 * -DNOREDUCE because the observer must see every quiescent state (partial-order reduction may
 * skip some); nearly every statement reads shared state, so little would be reduced anyway.
 * kst keeps the AD revision UM Routing read last; no rule here needs it, so a poll that would
 * only refresh it is no step: verdicts are the same, state counts are not comparable one to one.
 */

#define NS 47        /* servers with a Known Servers Table: processes Server(0 .. NS-1) */
#define NF 64        /* FQDNs some producer claims or some requirement names */
#define NU 3        /* FQDNs some AD revision lists as SipName dial plan hosts: UM Routing's state */
#define NU_SLOTS 3
#define NREV 1      /* topology revisions: the base, then one per publish */
#define NAD 1       /* AD revisions: the base, then one per Exchange change */
#define NSTEPS 0    /* admin steps of the plan */
#define NCELLS 3008
#define NO_UM 255

#ifndef KST_LABEL_INIT
#define KST_LABEL_INIT 1  /* 0 when replaying a trail: print violations, never stop */
#endif

/* Servers: index FQDN (role) */
/*   0  ams-dir01.northwind.com (Director, hosts a registrar) */
/*   1  ams-fe01.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   2  ams-fe02.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   3  ams-fe03.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   4  ams-fe04.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   5  ams-fe05.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   6  ams-fe06.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   7  ams-fe07.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   8  ams-fe08.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   9  ams-med01.northwind.com (Mediation) */
/*   10  ams-med02.northwind.com (Mediation) */
/*   11  edge01.northwind.com (Edge) */
/*   12  edge02.northwind.com (Edge) */
/*   13  edge03.northwind.com (Edge) */
/*   14  lon-dir01.northwind.com (Director, hosts a registrar) */
/*   15  lon-fe01.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   16  lon-fe02.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   17  lon-fe03.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   18  lon-fe04.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   19  lon-fe05.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   20  lon-fe06.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   21  lon-fe07.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   22  lon-fe08.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   23  lon-med01.northwind.com (Mediation) */
/*   24  lon-med02.northwind.com (Mediation) */
/*   25  nyc-dir01.northwind.com (Director, hosts a registrar) */
/*   26  nyc-fe01.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   27  nyc-fe02.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   28  nyc-fe03.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   29  nyc-fe04.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   30  nyc-fe05.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   31  nyc-fe06.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   32  nyc-fe07.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   33  nyc-fe08.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   34  nyc-med01.northwind.com (Mediation) */
/*   35  nyc-med02.northwind.com (Mediation) */
/*   36  sgp-dir01.northwind.com (Director, hosts a registrar) */
/*   37  sgp-fe01.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   38  sgp-fe02.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   39  sgp-fe03.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   40  sgp-fe04.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   41  sgp-fe05.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   42  sgp-fe06.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   43  sgp-fe07.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   44  sgp-fe08.northwind.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   45  sgp-med01.northwind.com (Mediation) */
/*   46  sgp-med02.northwind.com (Mediation) */
/* FQDNs: index FQDN [UM slot] */
/*   0  ams-dir01.northwind.com */
/*   1  ams-fe01.northwind.com */
/*   2  ams-fe02.northwind.com */
/*   3  ams-fe03.northwind.com */
/*   4  ams-fe04.northwind.com */
/*   5  ams-fe05.northwind.com */
/*   6  ams-fe06.northwind.com */
/*   7  ams-fe07.northwind.com */
/*   8  ams-fe08.northwind.com */
/*   9  ams-med01.northwind.com */
/*   10  ams-med02.northwind.com */
/*   11  dir-ams.northwind.com */
/*   12  dir-lon.northwind.com */
/*   13  dir-nyc.northwind.com */
/*   14  dir-sgp.northwind.com */
/*   15  edge.northwind.com */
/*   16  edge01.northwind.com */
/*   17  edge02.northwind.com */
/*   18  edge03.northwind.com */
/*   19  ex1.northwind.com  [UM slot 0] */
/*   20  ex2.northwind.com  [UM slot 1] */
/*   21  ex3.northwind.com  [UM slot 2] */
/*   22  ex4.northwind.com */
/*   23  lon-dir01.northwind.com */
/*   24  lon-fe01.northwind.com */
/*   25  lon-fe02.northwind.com */
/*   26  lon-fe03.northwind.com */
/*   27  lon-fe04.northwind.com */
/*   28  lon-fe05.northwind.com */
/*   29  lon-fe06.northwind.com */
/*   30  lon-fe07.northwind.com */
/*   31  lon-fe08.northwind.com */
/*   32  lon-med01.northwind.com */
/*   33  lon-med02.northwind.com */
/*   34  med-ams.northwind.com */
/*   35  med-lon.northwind.com */
/*   36  med-nyc.northwind.com */
/*   37  med-sgp.northwind.com */
/*   38  nyc-dir01.northwind.com */
/*   39  nyc-fe01.northwind.com */
/*   40  nyc-fe02.northwind.com */
/*   41  nyc-fe03.northwind.com */
/*   42  nyc-fe04.northwind.com */
/*   43  nyc-fe05.northwind.com */
/*   44  nyc-fe06.northwind.com */
/*   45  nyc-fe07.northwind.com */
/*   46  nyc-fe08.northwind.com */
/*   47  nyc-med01.northwind.com */
/*   48  nyc-med02.northwind.com */
/*   49  pool-ams.northwind.com */
/*   50  pool-lon.northwind.com */
/*   51  pool-nyc.northwind.com */
/*   52  pool-sgp.northwind.com */
/*   53  sgp-dir01.northwind.com */
/*   54  sgp-fe01.northwind.com */
/*   55  sgp-fe02.northwind.com */
/*   56  sgp-fe03.northwind.com */
/*   57  sgp-fe04.northwind.com */
/*   58  sgp-fe05.northwind.com */
/*   59  sgp-fe06.northwind.com */
/*   60  sgp-fe07.northwind.com */
/*   61  sgp-fe08.northwind.com */
/*   62  sgp-med01.northwind.com */
/*   63  sgp-med02.northwind.com */
/* Version bits: bit 0 = version 0, bit 1 = version 6 */

/* Event-log lines, printed as "kst line S F E" (assumption um-runtime-events for id 0) */
#define E_14492 0  /* 14492 LS Protocol Stack: RTCSRV started; the Known Servers Table lists these servers */
#define E_14493 1  /* 14493 LS Protocol Stack: a server was added to the Known Servers Table */
#define E_14495 2  /* 14495 LS Protocol Stack: a server was removed from the Known Servers Table */
#define E_14563 3  /* 14563 LS Protocol Stack: one FQDN claimed with two different versions; both entries are removed */
#define E_44024 4  /* 44024 LS Exchange Unified Messaging Routing: UM Routing started; Exchange servers hosting SipName dial plans found */
#define E_44030 5  /* 44030 LS Exchange Unified Messaging Routing: UM Routing could not add an Exchange server to the Known Servers Table at start-up */
#define E_um_runtime_add 6  /* 0 LS Exchange Unified Messaging Routing: UM Routing found a new Exchange server hosting a SipName dial plan (event id not public) */
#define E_um_runtime_remove 7  /* 0 LS Exchange Unified Messaging Routing: UM Routing no longer finds an Exchange server hosting a SipName dial plan (event id not public) */

/* Properties, printed as "kst violation R C" */
#define R_version_conflict 0
#define R_unknown_server_at_end 1
#define R_unknown_server_on_the_way 2
#define R_order_dependent 3
#define R_guide_blocked 4

/* Constant tables, filled once by init: hidden, so not part of the state vector. */
hidden int  topology[NREV * NF];  /* version set the topology claims for FQDN f in revision r */
hidden byte listed[NAD * NU_SLOTS];  /* AD revision a lists UM slot u as a SipName dial plan host */
hidden byte um_fqdn[NU_SLOTS];    /* the FQDN of UM slot u */
hidden byte um_slot[NF];          /* the UM slot of FQDN f, or NO_UM */
hidden byte runs_um[NS];          /* the server runs Exchange UM Routing (assumption um-routing-roles) */
hidden byte needed_start[NCELLS]; /* the cell's FQDN is needed on its server before the plan (needed-by) */
hidden byte needed_end[NCELLS];   /* ... and after it */
hidden byte watched[NCELLS];      /* needed before and after, and present after the steady start */
hidden byte restart_plan[1];  /* plan step k restarts server s: [k * NS + s] */

/* The state of the system */
byte step;       /* admin steps done */
byte published;  /* topology revisions published to the Central Management Store, after the base */
byte ad;         /* Exchange (AD) changes made */
byte replica[NS];  /* the topology revision each server applied */
bit  restarted[NS];  /* the server's one unplanned restart (restarts "any") is used */
byte um[NS * NU_SLOTS];  /* UM Routing on server s, UM slot u: CLAIM | HANDLED | RETRY */
#define CLAIM   1  /* holds its version-0 claim */
#define HANDLED 2  /* counts the FQDN as handled */
#define RETRY   4  /* keeps it on its retry list (reading retry-list) */

/* Properties: one label per (rule, cell), 1 until reported */
hidden byte kst_version_conflict[NCELLS];
hidden byte kst_unknown_server_at_end[NCELLS];
hidden byte kst_unknown_server_on_the_way[NCELLS];
hidden byte kst_order_dependent[NCELLS];
hidden int  end_seen[NCELLS];  /* entries seen in quiescent states: bit 0 absent, bit k+1 version bit k */
hidden byte kst_guide_blocked;

/* Scratch for d_steps (never live between steps) */
hidden int s_, f_, u_, c_, t_, m_, before, after;
hidden byte added, quiescent;

#define CELL(s, f)      ((s) * NF + (f))
#define UM(s, u)        ((s) * NU_SLOTS + (u))
#define TOPO(s, f)      topology[replica[s] * NF + (f)]
#define UM_BIT(s, f)    ((um_slot[f] != NO_UM && (um[UM(s, um_slot[f])] & CLAIM) != 0) -> 1 : 0)
#define CLAIMED(s, f)   (TOPO(s, f) | UM_BIT(s, f))
#define ONE(m)          ((m) != 0 && ((m) & ((m) - 1)) == 0)
#define MANY(m)         (((m) & ((m) - 1)) != 0)
#define PRESENT(s, f)   ONE(CLAIMED(s, f))
#define LISTED(u)       (listed[ad * NU_SLOTS + (u)] != 0)
#define HANDLES(s, u)   ((um[UM(s, u)] & HANDLED) != 0)
#define RETRYING(s, u)  ((um[UM(s, u)] & RETRY) != 0)
/* A poll would change UM slot u on server s (cell_model.cpp, Poll) */
#define POLL_CHANGES(s, u) (LISTED(u) -> (RETRYING(s, u) -> TOPO(s, um_fqdn[u]) == 0 : !HANDLES(s, u)) \
                                      : (um[UM(s, u)] & (HANDLED | RETRY)) != 0)
#define POLL_WOULD_CHANGE(s) (POLL_CHANGES(s, 0) || POLL_CHANGES(s, 1) || POLL_CHANGES(s, 2))
#define ALL_REPLICATED (replica[0] == published && replica[1] == published && replica[2] == published && replica[3] == published && replica[4] == published && replica[5] == published && replica[6] == published && replica[7] == published && replica[8] == published && replica[9] == published && replica[10] == published && replica[11] == published && replica[12] == published && replica[13] == published && replica[14] == published && replica[15] == published && replica[16] == published && replica[17] == published && replica[18] == published && replica[19] == published && replica[20] == published && replica[21] == published && replica[22] == published && replica[23] == published && replica[24] == published && replica[25] == published && replica[26] == published && replica[27] == published && replica[28] == published && replica[29] == published && replica[30] == published && replica[31] == published && replica[32] == published && replica[33] == published && replica[34] == published && replica[35] == published && replica[36] == published && replica[37] == published && replica[38] == published && replica[39] == published && replica[40] == published && replica[41] == published && replica[42] == published && replica[43] == published && replica[44] == published && replica[45] == published && replica[46] == published)

inline kst_log(s, f, e) { printf("kst line %d %d %d\n", s, f, e) }

/* A violation of property RULE on cell c: printed; asserted once (LABEL is the rule's label for c). */
inline violation(LABEL, RULE, c) {
  printf("kst violation %d %d\n", RULE, c);
  if
  :: LABEL -> assert(!LABEL); LABEL = 0
  :: else -> skip
  fi
}

/* The lines of one cell's change of claims from `before` to `after` (version sets); `added`: a
   producer added a version. Assumptions both-removed, conflict-repeats, withdraw-restores-at-once,
   version-change-replaces (cell_model.cpp, Narrate). */
inline narrate(s, f) {
  if
  :: MANY(after) ->
     if
     :: added -> kst_log(s, f, E_14563); violation(kst_version_conflict[CELL(s, f)], R_version_conflict, CELL(s, f))
     :: else -> skip
     fi
  :: ONE(after) && before != after ->
     if
     :: ONE(before) -> kst_log(s, f, E_14495)
     :: else -> skip
     fi;
     kst_log(s, f, E_14493)
  :: after == 0 && ONE(before) -> kst_log(s, f, E_14495)
  :: else -> skip
  fi
}

/* A cell has its new state: print its claims; check that a watched FQDN is still known. */
inline settled(s, f) {
  m_ = CLAIMED(s, f);
  printf("kst entry %d %d %d\n", s, f, m_);
  if
  :: watched[CELL(s, f)] && !ONE(m_) ->
     violation(kst_unknown_server_on_the_way[CELL(s, f)], R_unknown_server_on_the_way, CELL(s, f))
  :: else -> skip
  fi
}

/* RTCSRV starts on server s: the table is rebuilt from its replica (14492), then UM Routing starts
   (44024) and adds the SipName hosts AD lists now; a clash with the topology logs 14563 and 44030
   and the claim is withdrawn (cell_model.cpp, Start; assumptions startup-line-order,
   rebuild-listed-not-added, um-startup-withdraw; the reading decides what UM Routing keeps). */
inline start(s) {
  for (f_ : 0 .. NF - 1) {
    t_ = TOPO(s, f_);
    kst_log(s, f_, E_14492);
    if
    :: MANY(t_) -> before = 0; after = t_; added = 1; narrate(s, f_)
    :: else -> skip
    fi;
    if
    :: um_slot[f_] != NO_UM -> um[UM(s, um_slot[f_])] = 0
    :: else -> skip
    fi;
    if
    :: runs_um[s] ->
       kst_log(s, f_, E_44024);
       if
       :: um_slot[f_] != NO_UM && LISTED(um_slot[f_]) ->
          before = t_; after = t_ | 1; added = 1; narrate(s, f_);
          if
          :: t_ == 0 || t_ == 1 -> um[UM(s, um_slot[f_])] = CLAIM | HANDLED
          :: else ->
             kst_log(s, f_, E_44030);
             um[UM(s, um_slot[f_])] = HANDLED;  /* reading withdraw-remember */
             before = t_ | 1; after = t_; added = 0; narrate(s, f_)
          fi
       :: else -> skip
       fi
    :: else -> skip
    fi;
    settled(s, f_)
  }
}

/* Server s applies the next published revision (assumptions replication-applies-live,
   replication-fifo). Only FQDNs whose versions change are touched. */
inline replicate(s) {
  replica[s]++;
  printf("kst event replicate %d %d\n", s, replica[s]);
  for (f_ : 0 .. NF - 1) {
    t_ = topology[(replica[s] - 1) * NF + f_];
    if
    :: t_ != TOPO(s, f_) ->
       before = t_ | UM_BIT(s, f_); after = CLAIMED(s, f_); added = ((TOPO(s, f_) & ~t_) != 0);
       narrate(s, f_); settled(s, f_)
    :: else -> skip
    fi
  }
}

/* UM Routing on server s reads the newest AD state (cell_model.cpp, Poll; assumptions
   um-steady-blind, um-remembers-withdrawn: it does not notice a conflict the topology causes). */
inline poll(s) {
  printf("kst event poll %d\n", s);
  for (u_ : 0 .. NU_SLOTS - 1) {
    f_ = um_fqdn[u_];
    before = CLAIMED(s, f_);
    if
    :: u_ < NU && LISTED(u_) && (RETRYING(s, u_) -> TOPO(s, f_) == 0 : !HANDLES(s, u_)) ->
       um[UM(s, u_)] = CLAIM | HANDLED; kst_log(s, f_, E_um_runtime_add);
       after = CLAIMED(s, f_); added = 1; narrate(s, f_); settled(s, f_)
    :: u_ < NU && !LISTED(u_) && (um[UM(s, u_)] & (HANDLED | RETRY)) != 0 ->
       um[UM(s, u_)] = 0; kst_log(s, f_, E_um_runtime_remove);
       after = CLAIMED(s, f_); added = 0; narrate(s, f_); settled(s, f_)
    :: else -> skip
    fi
  }
}

/* Quiescent: plan done, every server on the newest replica, no poll would change anything
   (kst's IsEnd). There, each observed cell records its entry and is checked. */
inline end_check() {
  quiescent = (step == NSTEPS && ALL_REPLICATED);
  for (s_ : 0 .. NS - 1) {
    if
    :: quiescent && runs_um[s_] && POLL_WOULD_CHANGE(s_) -> quiescent = 0
    :: else -> skip
    fi
  };
  if
  :: quiescent -> printf("kst quiescent\n"); end_cells()
  :: else -> skip
  fi
}

/* One observed cell in a quiescent state: its entry joins the entries seen across SPIN's whole
   search (hidden: not restored on backtracking); a second one makes the end order-dependent. */
inline end_cell(s, f, c) {
  m_ = CLAIMED(s, f);
  printf("kst end %d %d\n", c, m_);
  end_seen[c] = end_seen[c] | (ONE(m_) -> m_ << 1 : 1);
  if
  :: MANY(end_seen[c]) -> violation(kst_order_dependent[c], R_order_dependent, c)
  :: else -> skip
  fi;
  if
  :: needed_end[c] && !ONE(m_) -> violation(kst_unknown_server_at_end[c], R_unknown_server_at_end, c)
  :: else -> skip
  fi
}
/* The observed cells: 177 whose entry can change (their FQDN's claims change, or AD
   lists it) or that are needed at the end; any other cell keeps one entry in every state. */
inline end_cells() {
  end_cell(0, 19, 19);  /* ex1.northwind.com on ams-dir01.northwind.com */
  end_cell(0, 20, 20);  /* ex2.northwind.com on ams-dir01.northwind.com */
  end_cell(0, 21, 21);  /* ex3.northwind.com on ams-dir01.northwind.com */
  end_cell(0, 22, 22);  /* ex4.northwind.com on ams-dir01.northwind.com */
  end_cell(1, 19, 83);  /* ex1.northwind.com on ams-fe01.northwind.com */
  end_cell(1, 20, 84);  /* ex2.northwind.com on ams-fe01.northwind.com */
  end_cell(1, 21, 85);  /* ex3.northwind.com on ams-fe01.northwind.com */
  end_cell(1, 22, 86);  /* ex4.northwind.com on ams-fe01.northwind.com */
  end_cell(2, 19, 147);  /* ex1.northwind.com on ams-fe02.northwind.com */
  end_cell(2, 20, 148);  /* ex2.northwind.com on ams-fe02.northwind.com */
  end_cell(2, 21, 149);  /* ex3.northwind.com on ams-fe02.northwind.com */
  end_cell(2, 22, 150);  /* ex4.northwind.com on ams-fe02.northwind.com */
  end_cell(3, 19, 211);  /* ex1.northwind.com on ams-fe03.northwind.com */
  end_cell(3, 20, 212);  /* ex2.northwind.com on ams-fe03.northwind.com */
  end_cell(3, 21, 213);  /* ex3.northwind.com on ams-fe03.northwind.com */
  end_cell(3, 22, 214);  /* ex4.northwind.com on ams-fe03.northwind.com */
  end_cell(4, 19, 275);  /* ex1.northwind.com on ams-fe04.northwind.com */
  end_cell(4, 20, 276);  /* ex2.northwind.com on ams-fe04.northwind.com */
  end_cell(4, 21, 277);  /* ex3.northwind.com on ams-fe04.northwind.com */
  end_cell(4, 22, 278);  /* ex4.northwind.com on ams-fe04.northwind.com */
  end_cell(5, 19, 339);  /* ex1.northwind.com on ams-fe05.northwind.com */
  end_cell(5, 20, 340);  /* ex2.northwind.com on ams-fe05.northwind.com */
  end_cell(5, 21, 341);  /* ex3.northwind.com on ams-fe05.northwind.com */
  end_cell(5, 22, 342);  /* ex4.northwind.com on ams-fe05.northwind.com */
  end_cell(6, 19, 403);  /* ex1.northwind.com on ams-fe06.northwind.com */
  end_cell(6, 20, 404);  /* ex2.northwind.com on ams-fe06.northwind.com */
  end_cell(6, 21, 405);  /* ex3.northwind.com on ams-fe06.northwind.com */
  end_cell(6, 22, 406);  /* ex4.northwind.com on ams-fe06.northwind.com */
  end_cell(7, 19, 467);  /* ex1.northwind.com on ams-fe07.northwind.com */
  end_cell(7, 20, 468);  /* ex2.northwind.com on ams-fe07.northwind.com */
  end_cell(7, 21, 469);  /* ex3.northwind.com on ams-fe07.northwind.com */
  end_cell(7, 22, 470);  /* ex4.northwind.com on ams-fe07.northwind.com */
  end_cell(8, 19, 531);  /* ex1.northwind.com on ams-fe08.northwind.com */
  end_cell(8, 20, 532);  /* ex2.northwind.com on ams-fe08.northwind.com */
  end_cell(8, 21, 533);  /* ex3.northwind.com on ams-fe08.northwind.com */
  end_cell(8, 22, 534);  /* ex4.northwind.com on ams-fe08.northwind.com */
  end_cell(9, 19, 595);  /* ex1.northwind.com on ams-med01.northwind.com */
  end_cell(9, 20, 596);  /* ex2.northwind.com on ams-med01.northwind.com */
  end_cell(9, 21, 597);  /* ex3.northwind.com on ams-med01.northwind.com */
  end_cell(10, 19, 659);  /* ex1.northwind.com on ams-med02.northwind.com */
  end_cell(10, 20, 660);  /* ex2.northwind.com on ams-med02.northwind.com */
  end_cell(10, 21, 661);  /* ex3.northwind.com on ams-med02.northwind.com */
  end_cell(11, 19, 723);  /* ex1.northwind.com on edge01.northwind.com */
  end_cell(11, 20, 724);  /* ex2.northwind.com on edge01.northwind.com */
  end_cell(11, 21, 725);  /* ex3.northwind.com on edge01.northwind.com */
  end_cell(12, 19, 787);  /* ex1.northwind.com on edge02.northwind.com */
  end_cell(12, 20, 788);  /* ex2.northwind.com on edge02.northwind.com */
  end_cell(12, 21, 789);  /* ex3.northwind.com on edge02.northwind.com */
  end_cell(13, 19, 851);  /* ex1.northwind.com on edge03.northwind.com */
  end_cell(13, 20, 852);  /* ex2.northwind.com on edge03.northwind.com */
  end_cell(13, 21, 853);  /* ex3.northwind.com on edge03.northwind.com */
  end_cell(14, 19, 915);  /* ex1.northwind.com on lon-dir01.northwind.com */
  end_cell(14, 20, 916);  /* ex2.northwind.com on lon-dir01.northwind.com */
  end_cell(14, 21, 917);  /* ex3.northwind.com on lon-dir01.northwind.com */
  end_cell(14, 22, 918);  /* ex4.northwind.com on lon-dir01.northwind.com */
  end_cell(15, 19, 979);  /* ex1.northwind.com on lon-fe01.northwind.com */
  end_cell(15, 20, 980);  /* ex2.northwind.com on lon-fe01.northwind.com */
  end_cell(15, 21, 981);  /* ex3.northwind.com on lon-fe01.northwind.com */
  end_cell(15, 22, 982);  /* ex4.northwind.com on lon-fe01.northwind.com */
  end_cell(16, 19, 1043);  /* ex1.northwind.com on lon-fe02.northwind.com */
  end_cell(16, 20, 1044);  /* ex2.northwind.com on lon-fe02.northwind.com */
  end_cell(16, 21, 1045);  /* ex3.northwind.com on lon-fe02.northwind.com */
  end_cell(16, 22, 1046);  /* ex4.northwind.com on lon-fe02.northwind.com */
  end_cell(17, 19, 1107);  /* ex1.northwind.com on lon-fe03.northwind.com */
  end_cell(17, 20, 1108);  /* ex2.northwind.com on lon-fe03.northwind.com */
  end_cell(17, 21, 1109);  /* ex3.northwind.com on lon-fe03.northwind.com */
  end_cell(17, 22, 1110);  /* ex4.northwind.com on lon-fe03.northwind.com */
  end_cell(18, 19, 1171);  /* ex1.northwind.com on lon-fe04.northwind.com */
  end_cell(18, 20, 1172);  /* ex2.northwind.com on lon-fe04.northwind.com */
  end_cell(18, 21, 1173);  /* ex3.northwind.com on lon-fe04.northwind.com */
  end_cell(18, 22, 1174);  /* ex4.northwind.com on lon-fe04.northwind.com */
  end_cell(19, 19, 1235);  /* ex1.northwind.com on lon-fe05.northwind.com */
  end_cell(19, 20, 1236);  /* ex2.northwind.com on lon-fe05.northwind.com */
  end_cell(19, 21, 1237);  /* ex3.northwind.com on lon-fe05.northwind.com */
  end_cell(19, 22, 1238);  /* ex4.northwind.com on lon-fe05.northwind.com */
  end_cell(20, 19, 1299);  /* ex1.northwind.com on lon-fe06.northwind.com */
  end_cell(20, 20, 1300);  /* ex2.northwind.com on lon-fe06.northwind.com */
  end_cell(20, 21, 1301);  /* ex3.northwind.com on lon-fe06.northwind.com */
  end_cell(20, 22, 1302);  /* ex4.northwind.com on lon-fe06.northwind.com */
  end_cell(21, 19, 1363);  /* ex1.northwind.com on lon-fe07.northwind.com */
  end_cell(21, 20, 1364);  /* ex2.northwind.com on lon-fe07.northwind.com */
  end_cell(21, 21, 1365);  /* ex3.northwind.com on lon-fe07.northwind.com */
  end_cell(21, 22, 1366);  /* ex4.northwind.com on lon-fe07.northwind.com */
  end_cell(22, 19, 1427);  /* ex1.northwind.com on lon-fe08.northwind.com */
  end_cell(22, 20, 1428);  /* ex2.northwind.com on lon-fe08.northwind.com */
  end_cell(22, 21, 1429);  /* ex3.northwind.com on lon-fe08.northwind.com */
  end_cell(22, 22, 1430);  /* ex4.northwind.com on lon-fe08.northwind.com */
  end_cell(23, 19, 1491);  /* ex1.northwind.com on lon-med01.northwind.com */
  end_cell(23, 20, 1492);  /* ex2.northwind.com on lon-med01.northwind.com */
  end_cell(23, 21, 1493);  /* ex3.northwind.com on lon-med01.northwind.com */
  end_cell(24, 19, 1555);  /* ex1.northwind.com on lon-med02.northwind.com */
  end_cell(24, 20, 1556);  /* ex2.northwind.com on lon-med02.northwind.com */
  end_cell(24, 21, 1557);  /* ex3.northwind.com on lon-med02.northwind.com */
  end_cell(25, 19, 1619);  /* ex1.northwind.com on nyc-dir01.northwind.com */
  end_cell(25, 20, 1620);  /* ex2.northwind.com on nyc-dir01.northwind.com */
  end_cell(25, 21, 1621);  /* ex3.northwind.com on nyc-dir01.northwind.com */
  end_cell(25, 22, 1622);  /* ex4.northwind.com on nyc-dir01.northwind.com */
  end_cell(26, 19, 1683);  /* ex1.northwind.com on nyc-fe01.northwind.com */
  end_cell(26, 20, 1684);  /* ex2.northwind.com on nyc-fe01.northwind.com */
  end_cell(26, 21, 1685);  /* ex3.northwind.com on nyc-fe01.northwind.com */
  end_cell(26, 22, 1686);  /* ex4.northwind.com on nyc-fe01.northwind.com */
  end_cell(27, 19, 1747);  /* ex1.northwind.com on nyc-fe02.northwind.com */
  end_cell(27, 20, 1748);  /* ex2.northwind.com on nyc-fe02.northwind.com */
  end_cell(27, 21, 1749);  /* ex3.northwind.com on nyc-fe02.northwind.com */
  end_cell(27, 22, 1750);  /* ex4.northwind.com on nyc-fe02.northwind.com */
  end_cell(28, 19, 1811);  /* ex1.northwind.com on nyc-fe03.northwind.com */
  end_cell(28, 20, 1812);  /* ex2.northwind.com on nyc-fe03.northwind.com */
  end_cell(28, 21, 1813);  /* ex3.northwind.com on nyc-fe03.northwind.com */
  end_cell(28, 22, 1814);  /* ex4.northwind.com on nyc-fe03.northwind.com */
  end_cell(29, 19, 1875);  /* ex1.northwind.com on nyc-fe04.northwind.com */
  end_cell(29, 20, 1876);  /* ex2.northwind.com on nyc-fe04.northwind.com */
  end_cell(29, 21, 1877);  /* ex3.northwind.com on nyc-fe04.northwind.com */
  end_cell(29, 22, 1878);  /* ex4.northwind.com on nyc-fe04.northwind.com */
  end_cell(30, 19, 1939);  /* ex1.northwind.com on nyc-fe05.northwind.com */
  end_cell(30, 20, 1940);  /* ex2.northwind.com on nyc-fe05.northwind.com */
  end_cell(30, 21, 1941);  /* ex3.northwind.com on nyc-fe05.northwind.com */
  end_cell(30, 22, 1942);  /* ex4.northwind.com on nyc-fe05.northwind.com */
  end_cell(31, 19, 2003);  /* ex1.northwind.com on nyc-fe06.northwind.com */
  end_cell(31, 20, 2004);  /* ex2.northwind.com on nyc-fe06.northwind.com */
  end_cell(31, 21, 2005);  /* ex3.northwind.com on nyc-fe06.northwind.com */
  end_cell(31, 22, 2006);  /* ex4.northwind.com on nyc-fe06.northwind.com */
  end_cell(32, 19, 2067);  /* ex1.northwind.com on nyc-fe07.northwind.com */
  end_cell(32, 20, 2068);  /* ex2.northwind.com on nyc-fe07.northwind.com */
  end_cell(32, 21, 2069);  /* ex3.northwind.com on nyc-fe07.northwind.com */
  end_cell(32, 22, 2070);  /* ex4.northwind.com on nyc-fe07.northwind.com */
  end_cell(33, 19, 2131);  /* ex1.northwind.com on nyc-fe08.northwind.com */
  end_cell(33, 20, 2132);  /* ex2.northwind.com on nyc-fe08.northwind.com */
  end_cell(33, 21, 2133);  /* ex3.northwind.com on nyc-fe08.northwind.com */
  end_cell(33, 22, 2134);  /* ex4.northwind.com on nyc-fe08.northwind.com */
  end_cell(34, 19, 2195);  /* ex1.northwind.com on nyc-med01.northwind.com */
  end_cell(34, 20, 2196);  /* ex2.northwind.com on nyc-med01.northwind.com */
  end_cell(34, 21, 2197);  /* ex3.northwind.com on nyc-med01.northwind.com */
  end_cell(35, 19, 2259);  /* ex1.northwind.com on nyc-med02.northwind.com */
  end_cell(35, 20, 2260);  /* ex2.northwind.com on nyc-med02.northwind.com */
  end_cell(35, 21, 2261);  /* ex3.northwind.com on nyc-med02.northwind.com */
  end_cell(36, 19, 2323);  /* ex1.northwind.com on sgp-dir01.northwind.com */
  end_cell(36, 20, 2324);  /* ex2.northwind.com on sgp-dir01.northwind.com */
  end_cell(36, 21, 2325);  /* ex3.northwind.com on sgp-dir01.northwind.com */
  end_cell(36, 22, 2326);  /* ex4.northwind.com on sgp-dir01.northwind.com */
  end_cell(37, 19, 2387);  /* ex1.northwind.com on sgp-fe01.northwind.com */
  end_cell(37, 20, 2388);  /* ex2.northwind.com on sgp-fe01.northwind.com */
  end_cell(37, 21, 2389);  /* ex3.northwind.com on sgp-fe01.northwind.com */
  end_cell(37, 22, 2390);  /* ex4.northwind.com on sgp-fe01.northwind.com */
  end_cell(38, 19, 2451);  /* ex1.northwind.com on sgp-fe02.northwind.com */
  end_cell(38, 20, 2452);  /* ex2.northwind.com on sgp-fe02.northwind.com */
  end_cell(38, 21, 2453);  /* ex3.northwind.com on sgp-fe02.northwind.com */
  end_cell(38, 22, 2454);  /* ex4.northwind.com on sgp-fe02.northwind.com */
  end_cell(39, 19, 2515);  /* ex1.northwind.com on sgp-fe03.northwind.com */
  end_cell(39, 20, 2516);  /* ex2.northwind.com on sgp-fe03.northwind.com */
  end_cell(39, 21, 2517);  /* ex3.northwind.com on sgp-fe03.northwind.com */
  end_cell(39, 22, 2518);  /* ex4.northwind.com on sgp-fe03.northwind.com */
  end_cell(40, 19, 2579);  /* ex1.northwind.com on sgp-fe04.northwind.com */
  end_cell(40, 20, 2580);  /* ex2.northwind.com on sgp-fe04.northwind.com */
  end_cell(40, 21, 2581);  /* ex3.northwind.com on sgp-fe04.northwind.com */
  end_cell(40, 22, 2582);  /* ex4.northwind.com on sgp-fe04.northwind.com */
  end_cell(41, 19, 2643);  /* ex1.northwind.com on sgp-fe05.northwind.com */
  end_cell(41, 20, 2644);  /* ex2.northwind.com on sgp-fe05.northwind.com */
  end_cell(41, 21, 2645);  /* ex3.northwind.com on sgp-fe05.northwind.com */
  end_cell(41, 22, 2646);  /* ex4.northwind.com on sgp-fe05.northwind.com */
  end_cell(42, 19, 2707);  /* ex1.northwind.com on sgp-fe06.northwind.com */
  end_cell(42, 20, 2708);  /* ex2.northwind.com on sgp-fe06.northwind.com */
  end_cell(42, 21, 2709);  /* ex3.northwind.com on sgp-fe06.northwind.com */
  end_cell(42, 22, 2710);  /* ex4.northwind.com on sgp-fe06.northwind.com */
  end_cell(43, 19, 2771);  /* ex1.northwind.com on sgp-fe07.northwind.com */
  end_cell(43, 20, 2772);  /* ex2.northwind.com on sgp-fe07.northwind.com */
  end_cell(43, 21, 2773);  /* ex3.northwind.com on sgp-fe07.northwind.com */
  end_cell(43, 22, 2774);  /* ex4.northwind.com on sgp-fe07.northwind.com */
  end_cell(44, 19, 2835);  /* ex1.northwind.com on sgp-fe08.northwind.com */
  end_cell(44, 20, 2836);  /* ex2.northwind.com on sgp-fe08.northwind.com */
  end_cell(44, 21, 2837);  /* ex3.northwind.com on sgp-fe08.northwind.com */
  end_cell(44, 22, 2838);  /* ex4.northwind.com on sgp-fe08.northwind.com */
  end_cell(45, 19, 2899);  /* ex1.northwind.com on sgp-med01.northwind.com */
  end_cell(45, 20, 2900);  /* ex2.northwind.com on sgp-med01.northwind.com */
  end_cell(45, 21, 2901);  /* ex3.northwind.com on sgp-med01.northwind.com */
  end_cell(46, 19, 2963);  /* ex1.northwind.com on sgp-med02.northwind.com */
  end_cell(46, 20, 2964);  /* ex2.northwind.com on sgp-med02.northwind.com */
  end_cell(46, 21, 2965);  /* ex3.northwind.com on sgp-med02.northwind.com */
}

/* A server: its asynchronous events, in any order. */
#define DO_REPLICATE 1
#define DO_POLL 2
#define DO_RESTART 3
#define DO_SKIP_POLL 4
hidden byte act_;  /* the event chosen, inside the atomic */

inline server_event(s) {
  if
  :: act_ == DO_REPLICATE -> replicate(s)
  :: act_ == DO_POLL -> poll(s)
  :: else -> printf("kst event poll-skipped %d\n", s)
  fi;
  end_check()
}

proctype Server(byte s) {
end:
  do
  :: atomic {
       if
       :: replica[s] < published -> act_ = DO_REPLICATE
       :: runs_um[s] && POLL_WOULD_CHANGE(s) -> act_ = DO_POLL
       fi;
       d_step { server_event(s) }
     }
  od
}

/* The admin walks the plan in order. The steps (their kinds and restarts are set in init):
     (none)
*/
#define PUBLISH 1
#define AD_CHANGE 2
#define RESTART 3
#define WAIT 4
hidden byte plan_kind[1];

inline admin_step() {
  printf("kst event admin %d\n", step + 1);
  if
  :: plan_kind[step] == PUBLISH -> published++  /* replicated later, server by server */
  :: plan_kind[step] == AD_CHANGE -> ad++  /* read at UM Routing's next poll or start */
  :: else -> skip  /* a wait: its guard was all of it */
  fi;
  step++;
  end_check()
}

proctype Admin() {
end:
  do
  :: d_step { step < NSTEPS && (plan_kind[step] != WAIT || ALL_REPLICATED) -> admin_step() }
  od
}

init {
  atomic {
  d_step {
    /* The published topology: revision 0 is the base */
    topology[0] = 2;  /* ams-dir01.northwind.com {6} */
    topology[1] = 2;  /* ams-fe01.northwind.com {6} */
    topology[2] = 2;  /* ams-fe02.northwind.com {6} */
    topology[3] = 2;  /* ams-fe03.northwind.com {6} */
    topology[4] = 2;  /* ams-fe04.northwind.com {6} */
    topology[5] = 2;  /* ams-fe05.northwind.com {6} */
    topology[6] = 2;  /* ams-fe06.northwind.com {6} */
    topology[7] = 2;  /* ams-fe07.northwind.com {6} */
    topology[8] = 2;  /* ams-fe08.northwind.com {6} */
    topology[9] = 2;  /* ams-med01.northwind.com {6} */
    topology[10] = 2;  /* ams-med02.northwind.com {6} */
    topology[11] = 2;  /* dir-ams.northwind.com {6} */
    topology[12] = 2;  /* dir-lon.northwind.com {6} */
    topology[13] = 2;  /* dir-nyc.northwind.com {6} */
    topology[14] = 2;  /* dir-sgp.northwind.com {6} */
    topology[15] = 2;  /* edge.northwind.com {6} */
    topology[16] = 2;  /* edge01.northwind.com {6} */
    topology[17] = 2;  /* edge02.northwind.com {6} */
    topology[18] = 2;  /* edge03.northwind.com {6} */
    topology[22] = 2;  /* ex4.northwind.com {6} */
    topology[23] = 2;  /* lon-dir01.northwind.com {6} */
    topology[24] = 2;  /* lon-fe01.northwind.com {6} */
    topology[25] = 2;  /* lon-fe02.northwind.com {6} */
    topology[26] = 2;  /* lon-fe03.northwind.com {6} */
    topology[27] = 2;  /* lon-fe04.northwind.com {6} */
    topology[28] = 2;  /* lon-fe05.northwind.com {6} */
    topology[29] = 2;  /* lon-fe06.northwind.com {6} */
    topology[30] = 2;  /* lon-fe07.northwind.com {6} */
    topology[31] = 2;  /* lon-fe08.northwind.com {6} */
    topology[32] = 2;  /* lon-med01.northwind.com {6} */
    topology[33] = 2;  /* lon-med02.northwind.com {6} */
    topology[34] = 2;  /* med-ams.northwind.com {6} */
    topology[35] = 2;  /* med-lon.northwind.com {6} */
    topology[36] = 2;  /* med-nyc.northwind.com {6} */
    topology[37] = 2;  /* med-sgp.northwind.com {6} */
    topology[38] = 2;  /* nyc-dir01.northwind.com {6} */
    topology[39] = 2;  /* nyc-fe01.northwind.com {6} */
    topology[40] = 2;  /* nyc-fe02.northwind.com {6} */
    topology[41] = 2;  /* nyc-fe03.northwind.com {6} */
    topology[42] = 2;  /* nyc-fe04.northwind.com {6} */
    topology[43] = 2;  /* nyc-fe05.northwind.com {6} */
    topology[44] = 2;  /* nyc-fe06.northwind.com {6} */
    topology[45] = 2;  /* nyc-fe07.northwind.com {6} */
    topology[46] = 2;  /* nyc-fe08.northwind.com {6} */
    topology[47] = 2;  /* nyc-med01.northwind.com {6} */
    topology[48] = 2;  /* nyc-med02.northwind.com {6} */
    topology[49] = 2;  /* pool-ams.northwind.com {6} */
    topology[50] = 2;  /* pool-lon.northwind.com {6} */
    topology[51] = 2;  /* pool-nyc.northwind.com {6} */
    topology[52] = 2;  /* pool-sgp.northwind.com {6} */
    topology[53] = 2;  /* sgp-dir01.northwind.com {6} */
    topology[54] = 2;  /* sgp-fe01.northwind.com {6} */
    topology[55] = 2;  /* sgp-fe02.northwind.com {6} */
    topology[56] = 2;  /* sgp-fe03.northwind.com {6} */
    topology[57] = 2;  /* sgp-fe04.northwind.com {6} */
    topology[58] = 2;  /* sgp-fe05.northwind.com {6} */
    topology[59] = 2;  /* sgp-fe06.northwind.com {6} */
    topology[60] = 2;  /* sgp-fe07.northwind.com {6} */
    topology[61] = 2;  /* sgp-fe08.northwind.com {6} */
    topology[62] = 2;  /* sgp-med01.northwind.com {6} */
    topology[63] = 2;  /* sgp-med02.northwind.com {6} */
    /* UM slots and AD: which FQDNs host SipName dial plans, per AD revision */
    for (f_ : 0 .. NF - 1) { um_slot[f_] = NO_UM };
    um_fqdn[0] = 19; um_slot[19] = 0;  /* ex1.northwind.com */
    um_fqdn[1] = 20; um_slot[20] = 1;  /* ex2.northwind.com */
    um_fqdn[2] = 21; um_slot[21] = 2;  /* ex3.northwind.com */
    listed[0] = 1;  /* AD revision 0 (base) */
    listed[1] = 1;  /* AD revision 0 (base) */
    listed[2] = 1;  /* AD revision 0 (base) */
    /* Roles and requirements */
    runs_um[1] = 1;
    runs_um[2] = 1;
    runs_um[3] = 1;
    runs_um[4] = 1;
    runs_um[5] = 1;
    runs_um[6] = 1;
    runs_um[7] = 1;
    runs_um[8] = 1;
    runs_um[15] = 1;
    runs_um[16] = 1;
    runs_um[17] = 1;
    runs_um[18] = 1;
    runs_um[19] = 1;
    runs_um[20] = 1;
    runs_um[21] = 1;
    runs_um[22] = 1;
    runs_um[26] = 1;
    runs_um[27] = 1;
    runs_um[28] = 1;
    runs_um[29] = 1;
    runs_um[30] = 1;
    runs_um[31] = 1;
    runs_um[32] = 1;
    runs_um[33] = 1;
    runs_um[37] = 1;
    runs_um[38] = 1;
    runs_um[39] = 1;
    runs_um[40] = 1;
    runs_um[41] = 1;
    runs_um[42] = 1;
    runs_um[43] = 1;
    runs_um[44] = 1;
    needed_start[22] = 1;
    needed_end[22] = 1;
    needed_start[83] = 1;
    needed_end[83] = 1;
    needed_start[84] = 1;
    needed_end[84] = 1;
    needed_start[85] = 1;
    needed_end[85] = 1;
    needed_start[86] = 1;
    needed_end[86] = 1;
    needed_start[147] = 1;
    needed_end[147] = 1;
    needed_start[148] = 1;
    needed_end[148] = 1;
    needed_start[149] = 1;
    needed_end[149] = 1;
    needed_start[150] = 1;
    needed_end[150] = 1;
    needed_start[211] = 1;
    needed_end[211] = 1;
    needed_start[212] = 1;
    needed_end[212] = 1;
    needed_start[213] = 1;
    needed_end[213] = 1;
    needed_start[214] = 1;
    needed_end[214] = 1;
    needed_start[275] = 1;
    needed_end[275] = 1;
    needed_start[276] = 1;
    needed_end[276] = 1;
    needed_start[277] = 1;
    needed_end[277] = 1;
    needed_start[278] = 1;
    needed_end[278] = 1;
    needed_start[339] = 1;
    needed_end[339] = 1;
    needed_start[340] = 1;
    needed_end[340] = 1;
    needed_start[341] = 1;
    needed_end[341] = 1;
    needed_start[342] = 1;
    needed_end[342] = 1;
    needed_start[403] = 1;
    needed_end[403] = 1;
    needed_start[404] = 1;
    needed_end[404] = 1;
    needed_start[405] = 1;
    needed_end[405] = 1;
    needed_start[406] = 1;
    needed_end[406] = 1;
    needed_start[467] = 1;
    needed_end[467] = 1;
    needed_start[468] = 1;
    needed_end[468] = 1;
    needed_start[469] = 1;
    needed_end[469] = 1;
    needed_start[470] = 1;
    needed_end[470] = 1;
    needed_start[531] = 1;
    needed_end[531] = 1;
    needed_start[532] = 1;
    needed_end[532] = 1;
    needed_start[533] = 1;
    needed_end[533] = 1;
    needed_start[534] = 1;
    needed_end[534] = 1;
    needed_start[918] = 1;
    needed_end[918] = 1;
    needed_start[979] = 1;
    needed_end[979] = 1;
    needed_start[980] = 1;
    needed_end[980] = 1;
    needed_start[981] = 1;
    needed_end[981] = 1;
    needed_start[982] = 1;
    needed_end[982] = 1;
    needed_start[1043] = 1;
    needed_end[1043] = 1;
    needed_start[1044] = 1;
    needed_end[1044] = 1;
    needed_start[1045] = 1;
    needed_end[1045] = 1;
    needed_start[1046] = 1;
    needed_end[1046] = 1;
    needed_start[1107] = 1;
    needed_end[1107] = 1;
    needed_start[1108] = 1;
    needed_end[1108] = 1;
    needed_start[1109] = 1;
    needed_end[1109] = 1;
    needed_start[1110] = 1;
    needed_end[1110] = 1;
    needed_start[1171] = 1;
    needed_end[1171] = 1;
    needed_start[1172] = 1;
    needed_end[1172] = 1;
    needed_start[1173] = 1;
    needed_end[1173] = 1;
    needed_start[1174] = 1;
    needed_end[1174] = 1;
    needed_start[1235] = 1;
    needed_end[1235] = 1;
    needed_start[1236] = 1;
    needed_end[1236] = 1;
    needed_start[1237] = 1;
    needed_end[1237] = 1;
    needed_start[1238] = 1;
    needed_end[1238] = 1;
    needed_start[1299] = 1;
    needed_end[1299] = 1;
    needed_start[1300] = 1;
    needed_end[1300] = 1;
    needed_start[1301] = 1;
    needed_end[1301] = 1;
    needed_start[1302] = 1;
    needed_end[1302] = 1;
    needed_start[1363] = 1;
    needed_end[1363] = 1;
    needed_start[1364] = 1;
    needed_end[1364] = 1;
    needed_start[1365] = 1;
    needed_end[1365] = 1;
    needed_start[1366] = 1;
    needed_end[1366] = 1;
    needed_start[1427] = 1;
    needed_end[1427] = 1;
    needed_start[1428] = 1;
    needed_end[1428] = 1;
    needed_start[1429] = 1;
    needed_end[1429] = 1;
    needed_start[1430] = 1;
    needed_end[1430] = 1;
    needed_start[1622] = 1;
    needed_end[1622] = 1;
    needed_start[1683] = 1;
    needed_end[1683] = 1;
    needed_start[1684] = 1;
    needed_end[1684] = 1;
    needed_start[1685] = 1;
    needed_end[1685] = 1;
    needed_start[1686] = 1;
    needed_end[1686] = 1;
    needed_start[1747] = 1;
    needed_end[1747] = 1;
    needed_start[1748] = 1;
    needed_end[1748] = 1;
    needed_start[1749] = 1;
    needed_end[1749] = 1;
    needed_start[1750] = 1;
    needed_end[1750] = 1;
    needed_start[1811] = 1;
    needed_end[1811] = 1;
    needed_start[1812] = 1;
    needed_end[1812] = 1;
    needed_start[1813] = 1;
    needed_end[1813] = 1;
    needed_start[1814] = 1;
    needed_end[1814] = 1;
    needed_start[1875] = 1;
    needed_end[1875] = 1;
    needed_start[1876] = 1;
    needed_end[1876] = 1;
    needed_start[1877] = 1;
    needed_end[1877] = 1;
    needed_start[1878] = 1;
    needed_end[1878] = 1;
    needed_start[1939] = 1;
    needed_end[1939] = 1;
    needed_start[1940] = 1;
    needed_end[1940] = 1;
    needed_start[1941] = 1;
    needed_end[1941] = 1;
    needed_start[1942] = 1;
    needed_end[1942] = 1;
    needed_start[2003] = 1;
    needed_end[2003] = 1;
    needed_start[2004] = 1;
    needed_end[2004] = 1;
    needed_start[2005] = 1;
    needed_end[2005] = 1;
    needed_start[2006] = 1;
    needed_end[2006] = 1;
    needed_start[2067] = 1;
    needed_end[2067] = 1;
    needed_start[2068] = 1;
    needed_end[2068] = 1;
    needed_start[2069] = 1;
    needed_end[2069] = 1;
    needed_start[2070] = 1;
    needed_end[2070] = 1;
    needed_start[2131] = 1;
    needed_end[2131] = 1;
    needed_start[2132] = 1;
    needed_end[2132] = 1;
    needed_start[2133] = 1;
    needed_end[2133] = 1;
    needed_start[2134] = 1;
    needed_end[2134] = 1;
    needed_start[2326] = 1;
    needed_end[2326] = 1;
    needed_start[2387] = 1;
    needed_end[2387] = 1;
    needed_start[2388] = 1;
    needed_end[2388] = 1;
    needed_start[2389] = 1;
    needed_end[2389] = 1;
    needed_start[2390] = 1;
    needed_end[2390] = 1;
    needed_start[2451] = 1;
    needed_end[2451] = 1;
    needed_start[2452] = 1;
    needed_end[2452] = 1;
    needed_start[2453] = 1;
    needed_end[2453] = 1;
    needed_start[2454] = 1;
    needed_end[2454] = 1;
    needed_start[2515] = 1;
    needed_end[2515] = 1;
    needed_start[2516] = 1;
    needed_end[2516] = 1;
    needed_start[2517] = 1;
    needed_end[2517] = 1;
    needed_start[2518] = 1;
    needed_end[2518] = 1;
    needed_start[2579] = 1;
    needed_end[2579] = 1;
    needed_start[2580] = 1;
    needed_end[2580] = 1;
    needed_start[2581] = 1;
    needed_end[2581] = 1;
    needed_start[2582] = 1;
    needed_end[2582] = 1;
    needed_start[2643] = 1;
    needed_end[2643] = 1;
    needed_start[2644] = 1;
    needed_end[2644] = 1;
    needed_start[2645] = 1;
    needed_end[2645] = 1;
    needed_start[2646] = 1;
    needed_end[2646] = 1;
    needed_start[2707] = 1;
    needed_end[2707] = 1;
    needed_start[2708] = 1;
    needed_end[2708] = 1;
    needed_start[2709] = 1;
    needed_end[2709] = 1;
    needed_start[2710] = 1;
    needed_end[2710] = 1;
    needed_start[2771] = 1;
    needed_end[2771] = 1;
    needed_start[2772] = 1;
    needed_end[2772] = 1;
    needed_start[2773] = 1;
    needed_end[2773] = 1;
    needed_start[2774] = 1;
    needed_end[2774] = 1;
    needed_start[2835] = 1;
    needed_end[2835] = 1;
    needed_start[2836] = 1;
    needed_end[2836] = 1;
    needed_start[2837] = 1;
    needed_end[2837] = 1;
    needed_start[2838] = 1;
    needed_end[2838] = 1;
    /* The plan */
    for (c_ : 0 .. NCELLS - 1) {
      kst_version_conflict[c_] = KST_LABEL_INIT; kst_unknown_server_at_end[c_] = KST_LABEL_INIT;
      kst_unknown_server_on_the_way[c_] = KST_LABEL_INIT; kst_order_dependent[c_] = KST_LABEL_INIT
    };
    kst_guide_blocked = KST_LABEL_INIT;
    /* The steady start (assumption steady-start) */
    printf("kst steady-start\n");
    for (s_ : 0 .. NS - 1) { start(s_) };
    for (s_ : 0 .. NS - 1) {
      for (f_ : 0 .. NF - 1) {
        watched[CELL(s_, f_)] = (needed_start[CELL(s_, f_)] && needed_end[CELL(s_, f_)] && PRESENT(s_, f_))
      }
    };
    end_check()
  };
  run Admin();
  run Server(0);  /* ams-dir01.northwind.com */
  run Server(1);  /* ams-fe01.northwind.com */
  run Server(2);  /* ams-fe02.northwind.com */
  run Server(3);  /* ams-fe03.northwind.com */
  run Server(4);  /* ams-fe04.northwind.com */
  run Server(5);  /* ams-fe05.northwind.com */
  run Server(6);  /* ams-fe06.northwind.com */
  run Server(7);  /* ams-fe07.northwind.com */
  run Server(8);  /* ams-fe08.northwind.com */
  run Server(9);  /* ams-med01.northwind.com */
  run Server(10);  /* ams-med02.northwind.com */
  run Server(11);  /* edge01.northwind.com */
  run Server(12);  /* edge02.northwind.com */
  run Server(13);  /* edge03.northwind.com */
  run Server(14);  /* lon-dir01.northwind.com */
  run Server(15);  /* lon-fe01.northwind.com */
  run Server(16);  /* lon-fe02.northwind.com */
  run Server(17);  /* lon-fe03.northwind.com */
  run Server(18);  /* lon-fe04.northwind.com */
  run Server(19);  /* lon-fe05.northwind.com */
  run Server(20);  /* lon-fe06.northwind.com */
  run Server(21);  /* lon-fe07.northwind.com */
  run Server(22);  /* lon-fe08.northwind.com */
  run Server(23);  /* lon-med01.northwind.com */
  run Server(24);  /* lon-med02.northwind.com */
  run Server(25);  /* nyc-dir01.northwind.com */
  run Server(26);  /* nyc-fe01.northwind.com */
  run Server(27);  /* nyc-fe02.northwind.com */
  run Server(28);  /* nyc-fe03.northwind.com */
  run Server(29);  /* nyc-fe04.northwind.com */
  run Server(30);  /* nyc-fe05.northwind.com */
  run Server(31);  /* nyc-fe06.northwind.com */
  run Server(32);  /* nyc-fe07.northwind.com */
  run Server(33);  /* nyc-fe08.northwind.com */
  run Server(34);  /* nyc-med01.northwind.com */
  run Server(35);  /* nyc-med02.northwind.com */
  run Server(36);  /* sgp-dir01.northwind.com */
  run Server(37);  /* sgp-fe01.northwind.com */
  run Server(38);  /* sgp-fe02.northwind.com */
  run Server(39);  /* sgp-fe03.northwind.com */
  run Server(40);  /* sgp-fe04.northwind.com */
  run Server(41);  /* sgp-fe05.northwind.com */
  run Server(42);  /* sgp-fe06.northwind.com */
  run Server(43);  /* sgp-fe07.northwind.com */
  run Server(44);  /* sgp-fe08.northwind.com */
  run Server(45);  /* sgp-med01.northwind.com */
  run Server(46);  /* sgp-med02.northwind.com */
  }
}
--- stderr
exit 0
