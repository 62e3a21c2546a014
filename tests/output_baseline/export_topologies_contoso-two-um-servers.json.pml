/*
 * Promela model of a kst what-if scenario, for SPIN. Written by kst 0.1.0 (kst export promela)
 * from the plan `kst check` compiles; the two must agree.
 *
 * Scenario  scenarios/topologies/contoso-two-um-servers.json
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
 * Run   spin -a model.pml && gcc -O2 -DSAFETY -DNOREDUCE -DVECTORSZ=1024 -o pan pan.c && ./pan -c0 -e
 *       cycles (kst/flapping): gcc -O2 -DNP -DNOREDUCE -DVECTORSZ=1024 -o pan pan.c && ./pan -l -A
 *       replay trail N, every violation printed, none stopping it: spin -DKST_LABEL_INIT=0 -tN model.pml
 * -DNOREDUCE because the observer must see every quiescent state (partial-order reduction may
 * skip some); nearly every statement reads shared state, so little would be reduced anyway.
 * kst keeps the AD revision UM Routing read last; no rule here needs it, so a poll that would
 * only refresh it is no step: verdicts are the same, state counts are not comparable one to one.
 */

#define NS 3        /* servers with a Known Servers Table: processes Server(0 .. NS-1) */
#define NF 7        /* FQDNs some producer claims or some requirement names */
#define NU 2        /* FQDNs some AD revision lists as SipName dial plan hosts: UM Routing's state */
#define NU_SLOTS 2
#define NREV 1      /* topology revisions: the base, then one per publish */
#define NAD 1       /* AD revisions: the base, then one per Exchange change */
#define NSTEPS 0    /* admin steps of the plan */
#define NCELLS 21
#define NO_UM 255

#ifndef KST_LABEL_INIT
#define KST_LABEL_INIT 1  /* 0 when replaying a trail: print violations, never stop */
#endif

/* Servers: index FQDN (role) */
/*   0  edge01.contoso.com (Edge) */
/*   1  fe01.contoso.com (FrontEnd, runs UM Routing, hosts a registrar) */
/*   2  fe02.contoso.com (FrontEnd, runs UM Routing, hosts a registrar) */
/* FQDNs: index FQDN [UM slot] */
/*   0  edge01.contoso.com */
/*   1  edgepool.contoso.com */
/*   2  ex1.contoso.com  [UM slot 0] */
/*   3  ex2.contoso.com  [UM slot 1] */
/*   4  fe01.contoso.com */
/*   5  fe02.contoso.com */
/*   6  pool01.contoso.com */
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
#define POLL_WOULD_CHANGE(s) (POLL_CHANGES(s, 0) || POLL_CHANGES(s, 1))
#define ALL_REPLICATED (replica[0] == published && replica[1] == published && replica[2] == published)

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
/* The observed cells: 6 whose entry can change (their FQDN's claims change, or AD
   lists it) or that are needed at the end; any other cell keeps one entry in every state. */
inline end_cells() {
  end_cell(0, 2, 2);  /* ex1.contoso.com on edge01.contoso.com */
  end_cell(0, 3, 3);  /* ex2.contoso.com on edge01.contoso.com */
  end_cell(1, 2, 9);  /* ex1.contoso.com on fe01.contoso.com */
  end_cell(1, 3, 10);  /* ex2.contoso.com on fe01.contoso.com */
  end_cell(2, 2, 16);  /* ex1.contoso.com on fe02.contoso.com */
  end_cell(2, 3, 17);  /* ex2.contoso.com on fe02.contoso.com */
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
    topology[0] = 2;  /* edge01.contoso.com {6} */
    topology[1] = 2;  /* edgepool.contoso.com {6} */
    topology[4] = 2;  /* fe01.contoso.com {6} */
    topology[5] = 2;  /* fe02.contoso.com {6} */
    topology[6] = 2;  /* pool01.contoso.com {6} */
    /* UM slots and AD: which FQDNs host SipName dial plans, per AD revision */
    for (f_ : 0 .. NF - 1) { um_slot[f_] = NO_UM };
    um_fqdn[0] = 2; um_slot[2] = 0;  /* ex1.contoso.com */
    um_fqdn[1] = 3; um_slot[3] = 1;  /* ex2.contoso.com */
    listed[0] = 1;  /* AD revision 0 (base) */
    listed[1] = 1;  /* AD revision 0 (base) */
    /* Roles and requirements */
    runs_um[1] = 1;
    runs_um[2] = 1;
    needed_start[9] = 1;
    needed_end[9] = 1;
    needed_start[10] = 1;
    needed_end[10] = 1;
    needed_start[16] = 1;
    needed_end[16] = 1;
    needed_start[17] = 1;
    needed_end[17] = 1;
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
  run Server(0);  /* edge01.contoso.com */
  run Server(1);  /* fe01.contoso.com */
  run Server(2);  /* fe02.contoso.com */
  }
}
--- stderr
exit 0
