// kst's cell rules in Promela.
//
// Each inline is one of CellModel's rules (cell_model.cpp), applied to every
// FQDN of one server inside one d_step, so the whole system's transition is
// the synchronous product of its cells' transitions -- the same relation the
// naive oracle builds from CellModel itself. The Promela differs only in
// encoding, and each difference is equivalent:
//  - A version set is an int's bits over the scenario's distinct versions,
//    bit 0 being version 0 (UM Routing's): union is |, "exactly one version"
//    is ONE(m) (one bit set), "two or more" is MANY(m), "adds a version" is
//    (new & ~old) != 0 -- VersionSet's insert, size() == 1, size() >= 2 and
//    AddsVersion.
//  - narrate is Narrate line for line: 14563 only when a version was added
//    to a set that then holds two or more (both-removed, conflict-repeats);
//    14495 then 14493 when one version replaces another
//    (version-change-replaces); 14493 when a set becomes one version
//    (withdraw-restores-at-once); 14495 when a present entry loses its last
//    claim.
//  - start is Start: 14492 per FQDN, a 14563 when the topology itself claims
//    two versions, the UM flags cleared, then on a UM Routing server 44024
//    and, for a listed FQDN, the claim; a clash (a topology claim other than
//    version 0) logs 14563 and 44030 and withdraws the claim, keeping HANDLED,
//    RETRY or nothing as the reading says (um-startup-withdraw).
//  - poll is Poll: a listed FQDN is added when not handled (or, on the retry
//    list, once the topology claims nothing); an unlisted one is dropped when
//    handled or on the retry list. kst also records the AD revision read
//    (ad_seen); no rule depends on it, so the model keeps none, and a poll is
//    enabled only when it changes a flag (POLL_WOULD_CHANGE), which is when
//    kst's Poll changes anything but ad_seen.
//  - replicate is Apply(kReplicate): only FQDNs whose versions change are
//    narrated (an unchanged set logs nothing in Narrate either).
//  - end_check is IsEnd for the whole system: plan done, every server on the
//    newest replica, no poll would change anything; the naive oracle shows
//    that the end entries of a cell in quiescent whole systems are exactly
//    kst's cell end entries (oracle_test.cpp), and the SPIN cross-check
//    compares them scenario by scenario (tests/spin).
// Tested by promela_export_test.cpp (the text, `spin -a`) and tests/spin.

#include "export/promela_cell_rules.h"

#include <vector>

namespace kst {
namespace {

const char* PolicyFlags(StartupConflictPolicy policy) {
  switch (policy) {
    case StartupConflictPolicy::kWithdrawRemember:
      return "HANDLED";
    case StartupConflictPolicy::kWithdrawRetry:
      return "RETRY";
    case StartupConflictPolicy::kWithdrawForget:
      return "0";
  }
  return "0";
}

/// Cells whose entry can change (their FQDN's claims change in some revision,
/// or some AD revision lists it) or that are needed at the end; any other
/// cell has one entry in every state and nothing to check at the end.
std::vector<size_t> ObservedCells(const PromelaLayout& layout) {
  const size_t nf = layout.fqdns.size();
  if (nf == 0) return {};
  std::vector<bool> varies(nf, false);
  for (size_t f = 0; f < nf; ++f)
    for (const auto& revision : layout.topology) varies[f] = varies[f] || revision[f] != layout.topology[0][f];
  for (int f : layout.um_fqdns) varies[static_cast<size_t>(f)] = true;
  std::vector<size_t> cells;
  for (size_t c = 0; c < layout.cells(); ++c)
    if (varies[c % nf] || layout.needed_end[c]) cells.push_back(c);
  return cells;
}

}  // namespace

void WriteCellRules(const Semantics& semantics, std::ostream& out) {
  out << R"(inline kst_log(s, f, e) { printf("kst line %d %d %d\n", s, f, e) }

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
)";
  out << "             um[UM(s, um_slot[f_])] = " << PolicyFlags(semantics.startup_conflict) << ";  /* reading "
      << semantics.name << " */\n";
  out << R"(             before = t_ | 1; after = t_; added = 0; narrate(s, f_)
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

)";
}

void WriteEndChecks(const PromelaLayout& layout, std::ostream& out) {
  out << R"(/* Quiescent: plan done, every server on the newest replica, no poll would change anything
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
)";
  const std::vector<size_t> observed = ObservedCells(layout);
  const size_t nf = layout.fqdns.size();
  out << "/* The observed cells: " << observed.size()
      << " whose entry can change (their FQDN's claims change, or AD\n"
         "   lists it) or that are needed at the end; any other cell keeps one entry in every state. */\n";
  if (observed.size() <= kUnrolledEndCells) {
    out << "inline end_cells() {\n";
    for (size_t c : observed)
      out << "  end_cell(" << c / nf << ", " << c % nf << ", " << c << ");  /* " << layout.fqdns[c % nf] << " on "
          << layout.servers[c / nf].fqdn << " */\n";
    if (observed.empty()) out << "  skip\n";
    out << "}\n\n";
    return;
  }
  out << "hidden int observed_cell[" << observed.size() << "];  /* filled by init */\n"
      << "inline end_cells() {\n  for (u_ : 0 .. " << observed.size() - 1
      << ") {\n    c_ = observed_cell[u_];\n    end_cell(c_ / NF, c_ % NF, c_)\n  }\n}\n\n";
}

void WriteObservedCellTable(const PromelaLayout& layout, std::ostream& out) {
  const std::vector<size_t> observed = ObservedCells(layout);
  if (observed.size() <= kUnrolledEndCells) return;
  out << "    /* The observed cells (end_cells) */\n";
  for (size_t k = 0; k < observed.size(); ++k) out << "    observed_cell[" << k << "] = " << observed[k] << ";\n";
}

}  // namespace kst
