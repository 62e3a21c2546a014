// The Promela export: one whole-system model of a scenario for SPIN.
//
// What is modelled. The state kst splits into (server, FQDN) cells is kept
// whole, the way a SPIN user would write the system: per server, the
// topology revision it applied (`replica[s]`), whether its one unplanned
// restart is used (`restarted[s]`), and UM Routing's flags for every FQDN
// some AD revision lists (`um[s][u]`: claims version 0, counts it handled, on
// the retry list); globally, the plan position (`step`) and the published
// topology and AD revisions (`published`, `ad`). Each server is a process
// whose nondeterministic actions are kst's cell events -- replicate, UM
// poll, unplanned restart -- applied to all of the server's FQDNs at once, as
// the real server does; the admin is a process that walks the plan. The
// topology revisions, AD revisions and requirements are constant tables,
// declared `hidden` so that they are not part of the state vector.
//
// Same semantics, by construction where possible: every table comes from the
// structures `kst check` compiles (the claim snapshots behind CompiledPlan,
// the cells' needed-by flags, the reading's start-up policy), and each inline
// is one of CellModel's rules in Promela, per FQDN of the server; where the
// encoding differs (version sets as bits, no record of the AD revision read,
// polls enabled only when they change a flag), promela_cell_rules.cpp says
// why it is equivalent. The entry is never stored: like CellModel::Entry it
// is derived from the claims. With every action one d_step and every poll a
// change, the state graph has no self-loops, so a cycle is a real one and
// kst/flapping is SPIN's non-progress-cycle search. A server's event is an
// atomic choice followed by one d_step (server_event), so its per-FQDN code
// is compiled once; the state between the two is inside the atomic and never
// stored. The admin is a loop over the plan tables for the same reason.
// Properties are assertions whose failing expression names a hidden array
// after the kst rule (PromelaProperties in promela_layout.cpp); each (rule,
// cell) is reported once. kst/order-dependent needs two runs, not one: a
// hidden observer collects, across SPIN's whole search, the entries each cell
// has in quiescent states (hidden data is neither matched nor restored on
// backtracking) and asserts when a second one appears. That is sound only if
// every quiescent state is visited -- hence -DNOREDUCE.
//
// Guided runs (`--guide`): the same model, each action also guarded by the
// next entry of a whole-system order lifted from a kst trace
// (global_schedule.h); a poll entry whose poll would change nothing is
// skipped; a monitor asserts, when nothing can move, that the order was
// followed to its end. Tested by promela_export_test.cpp (structure, `spin -a`)
// and tests/spin (SPIN's verdicts and trails against kst's).

#include "export/promela_export.h"

#include <algorithm>
#include <sstream>

#include "export/promela_cell_rules.h"

namespace kst {
namespace {

/// `text` from the input (a file name, a description, a dial plan's name) made
/// safe inside a /* */ comment: a "*/" would end the comment and let the rest
/// of the text be Promela, such as a c_code block that SPIN compiles into the
/// verifier. Written "*\/", and a line break as a space: the model's layout stays kst's.
std::string CommentText(std::string text) {
  for (size_t at = text.find("*/"); at != std::string::npos; at = text.find("*/", at + 3)) text.replace(at, 2, "*\\/");
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

constexpr const char* kGuideKinds[] = {"G_ADMIN", "G_REPLICATE", "G_POLL", "G_RESTART"};

std::string EventConstant(const std::string& key) {
  std::string name = "E_" + key;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

std::string VersionSetText(uint32_t bits, const std::vector<int>& versions) {
  std::string text;
  for (size_t k = 0; k < versions.size(); ++k)
    if (bits >> k & 1) text += (text.empty() ? "" : ", ") + std::to_string(versions[k]);
  return "{" + text + "}";
}

constexpr size_t kInitChunk = 500;  // statements per d_step of init's tables

class PromelaWriter {
 public:
  PromelaWriter(const CompiledPlan& plan, const ModelCatalog& model, const Semantics& semantics,
                const PromelaLayout& layout, const std::vector<GlobalSchedule>& guides, std::ostream& out)
      : plan_(plan), model_(model), semantics_(semantics), layout_(layout), guides_(guides), out_(out) {
    for (const KstServer& server : layout.servers) any_um_server_ |= server.runs_um_routing;
  }

  void Write() {
    Header();
    Sizes();
    Tables();
    State();
    Macros();
    WriteCellRules(semantics_, out_);
    WriteEndChecks(layout_, out_);
    if (guided()) Guide();
    Server();
    Admin();
    Init();
  }

 private:
  bool guided() const { return !guides_.empty(); }
  bool polls() const { return any_um_server_ && !layout_.um_fqdns.empty(); }
  size_t nf() const { return layout_.fqdns.size(); }
  size_t ns() const { return layout_.servers.size(); }
  size_t nu_slots() const { return std::max<size_t>(layout_.um_fqdns.size(), 1); }
  std::string Guard(const std::string& kind, const std::string& who) const {
    return guided() ? "GUIDE(" + kind + ", " + who + ") && " : "";
  }

  void Header() {
    const Scenario& scenario = plan_.scenario();
    out_ << "/*\n * Promela model of a kst what-if scenario, for SPIN. Written by kst " << KST_VERSION
         << " (kst export promela)\n * from the plan `kst check` compiles; the two must agree.\n *\n";
    out_ << " * Scenario  " << CommentText(scenario.file) << "\n";
    if (!scenario.description.empty()) out_ << " *           " << CommentText(scenario.description) << "\n";
    out_ << " * Reading   " << semantics_.name << (semantics_.is_default ? " (the default)" : "") << ": "
         << semantics_.statement << "\n";
    out_ << " * Restarts  "
         << (scenario.unplanned_restarts ? "any: each server may also restart RTCSRV once, at any point"
                                         : "planned: only the plan's restarts")
         << "\n";
    if (guided())
      out_ << " * Guided    SPIN may only follow " << guides_.size()
           << " whole-system order(s) lifted from kst traces (see guide_kind)\n";
    out_ << R"( *
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
)";
    for (const PromelaProperty& property : PromelaProperties())
      if (*property.rule)
        out_ << " *   " << property.rule << " (" << SeverityName(property.severity) << ") <- " << property.label
             << "[c]: " << property.meaning << "\n";
    out_ << R"( *   kst/flapping (error) <- a non-progress cycle: every action changes the state, so any cycle is one
 * A label holds 1 until pan reports its (rule, cell), then 0: pan -c0 -e lists each once, with a trail.
 * The labels and the order-dependence observer are hidden: not matched, not restored on backtracking.
 *
)";
    const std::string vector = "-DVECTORSZ=" + std::to_string(layout_.VectorSize());
    out_ << " * Run   spin -a model.pml && gcc -O2 -DSAFETY -DNOREDUCE " << vector << " -o pan pan.c && ./pan -c0 -e\n"
         << " *       cycles (kst/flapping): gcc -O2 -DNP -DNOREDUCE " << vector << " -o pan pan.c && ./pan -l -A\n";
    out_ << R"( *       replay trail N, every violation printed, none stopping it: spin -DKST_LABEL_INIT=0 -tN model.pml
 * -DNOREDUCE because the observer must see every quiescent state (partial-order reduction may
 * skip some); nearly every statement reads shared state, so little would be reduced anyway.
 * kst keeps the AD revision UM Routing read last; no rule here needs it, so a poll that would
 * only refresh it is no step: verdicts are the same, state counts are not comparable one to one.
 */

)";
  }

  void Sizes() {
    out_ << "#define NS " << ns() << "        /* servers with a Known Servers Table: processes Server(0 .. NS-1) */\n"
         << "#define NF " << nf() << "        /* FQDNs some producer claims or some requirement names */\n"
         << "#define NU " << layout_.um_fqdns.size()
         << "        /* FQDNs some AD revision lists as SipName dial plan hosts: UM Routing's state */\n"
         << "#define NU_SLOTS " << nu_slots() << "\n"
         << "#define NREV " << layout_.topology.size()
         << "      /* topology revisions: the base, then one per publish */\n"
         << "#define NAD " << layout_.listed.size()
         << "       /* AD revisions: the base, then one per Exchange change */\n"
         << "#define NSTEPS " << plan_.scenario().plan.size() << "    /* admin steps of the plan */\n"
         << "#define NCELLS " << layout_.cells() << "\n#define NO_UM 255\n\n"
         << "#ifndef KST_LABEL_INIT\n#define KST_LABEL_INIT 1  /* 0 when replaying a trail: print violations, never "
            "stop */\n"
            "#endif\n\n";
    out_ << "/* Servers: index FQDN (role) */\n";
    for (size_t s = 0; s < ns(); ++s) {
      const KstServer& server = layout_.servers[s];
      out_ << "/*   " << s << "  " << server.fqdn << " (" << server.role
           << (server.runs_um_routing ? ", runs UM Routing" : "")
           << (server.hosts_registrar ? ", hosts a registrar" : "") << ") */\n";
    }
    out_ << "/* FQDNs: index FQDN [UM slot] */\n";
    for (size_t f = 0; f < nf(); ++f) {
      auto u = std::find(layout_.um_fqdns.begin(), layout_.um_fqdns.end(), static_cast<int>(f));
      out_ << "/*   " << f << "  " << layout_.fqdns[f];
      if (u != layout_.um_fqdns.end()) out_ << "  [UM slot " << (u - layout_.um_fqdns.begin()) << "]";
      out_ << " */\n";
    }
    out_ << "/* Version bits: ";
    for (size_t k = 0; k < layout_.versions.size(); ++k)
      out_ << (k ? ", " : "") << "bit " << k << " = version " << layout_.versions[k];
    out_ << " */\n\n/* Event-log lines, printed as \"kst line S F E\" (assumption um-runtime-events for id 0) */\n";
    const std::vector<EventInfo>& events = model_.events();
    for (size_t e = 0; e < events.size(); ++e)
      out_ << "#define " << EventConstant(events[e].key) << " " << e << "  /* " << events[e].id << " "
           << events[e].source << ": " << events[e].description << " */\n";
    out_ << "\n/* Properties, printed as \"kst violation R C\" */\n";
    for (size_t r = 0; r < PromelaProperties().size(); ++r)
      out_ << "#define R_" << PromelaProperties()[r].label + 4 << " " << r << "\n";
    out_ << "\n";
  }

  void Tables() {
    out_ << R"(/* Constant tables, filled once by init: hidden, so not part of the state vector. */
hidden int  topology[NREV * NF];  /* version set the topology claims for FQDN f in revision r */
hidden byte listed[NAD * NU_SLOTS];  /* AD revision a lists UM slot u as a SipName dial plan host */
hidden byte um_fqdn[NU_SLOTS];    /* the FQDN of UM slot u */
hidden byte um_slot[NF];          /* the UM slot of FQDN f, or NO_UM */
hidden byte runs_um[NS];          /* the server runs Exchange UM Routing (assumption um-routing-roles) */
hidden byte needed_start[NCELLS]; /* the cell's FQDN is needed on its server before the plan (needed-by) */
hidden byte needed_end[NCELLS];   /* ... and after it */
hidden byte watched[NCELLS];      /* needed before and after, and present after the steady start */
)";
    out_ << "hidden byte restart_plan[" << std::max<size_t>(plan_.scenario().plan.size() * ns(), 1)
         << "];  /* plan step k restarts server s: [k * NS + s] */\n\n";
  }

  void State() {
    out_ << R"(/* The state of the system */
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

)";
  }

  void Macros() {
    out_ << R"(#define CELL(s, f)      ((s) * NF + (f))
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
)";
    out_ << "#define POLL_WOULD_CHANGE(s) (";
    for (size_t u = 0; u < layout_.um_fqdns.size(); ++u) out_ << (u ? " || " : "") << "POLL_CHANGES(s, " << u << ")";
    if (layout_.um_fqdns.empty()) out_ << "0";
    out_ << ")\n#define ALL_REPLICATED (";
    for (size_t s = 0; s < ns(); ++s) out_ << (s ? " && " : "") << "replica[" << s << "] == published";
    if (ns() == 0) out_ << "1";
    out_ << ")\n";
    if (PollWaits()) {
      out_ << "#define ALL_POLLED (";
      for (size_t s = 0; s < ns(); ++s)
        out_ << (s ? " && " : "") << "!(runs_um[" << s << "] && POLL_WOULD_CHANGE(" << s << "))";
      if (ns() == 0) out_ << "1";
      out_ << ")\n";
    }
    out_ << "\n";
  }

  void Guide() {
    size_t length = 0;
    for (const GlobalSchedule& guide : guides_) length += guide.events.size() + 1;
    out_ << "/* The guide: whole-system orders lifted from kst traces; an action may run only when it is\n"
            "   the next entry. A poll entry is skipped when the poll would change nothing (kst counts a poll\n"
            "   that only refreshes the AD revision it read; this model does not keep it). */\n"
         << "#define G_ADMIN 0\n#define G_REPLICATE 1\n#define G_POLL 2\n#define G_RESTART 3\n#define G_END 255\n"
         << "hidden byte guide_kind[" << length << "];\nhidden byte guide_who[" << length
         << "];  /* the server, or the plan step for G_ADMIN */\n"
         << "short g;  /* the next guide entry */\n"
         << "#define GUIDE(k, w) (guide_kind[g] == (k) && guide_who[g] == (w))\n\n"
         << "/* When nothing can move, the order must have been followed to its end. */\n"
         << "proctype GuideMonitor() {\n"
         << "  timeout ->\n  if\n  :: guide_kind[g] != G_END -> violation(kst_guide_blocked, R_guide_blocked, g)\n"
         << "  :: else -> skip\n  fi\n}\n\n";
    size_t at = 0;
    for (size_t i = 0; i < guides_.size(); ++i) {
      out_ << "#define GUIDE_" << i + 1 << " " << at << "  /* order " << i + 1 << " starts here */\n";
      at += guides_[i].events.size() + 1;
    }
    out_ << "\n";
  }

  /// A server: one atomic choice among its enabled events, then one d_step
  /// that performs it, so the per-FQDN code exists once per process type
  /// (the state between the two is never stored: it is inside the atomic).
  void Server() {
    out_ << "/* A server: its asynchronous events, in any order. */\n"
            "#define DO_REPLICATE 1\n#define DO_POLL 2\n#define DO_RESTART 3\n#define DO_SKIP_POLL 4\n"
            "hidden byte act_;  /* the event chosen, inside the atomic */\n\n"
            "inline server_event(s) {\n  if\n  :: act_ == DO_REPLICATE -> replicate(s)\n"
         << (polls() ? "  :: act_ == DO_POLL -> poll(s)\n" : "")
         << (plan_.scenario().unplanned_restarts
                 ? "  :: act_ == DO_RESTART -> restarted[s] = 1; printf(\"kst event restart %d\\n\", s); start(s)\n"
                 : "")
         << "  :: else -> printf(\"kst event poll-skipped %d\\n\", s)\n  fi;\n"
         << (guided() ? "  g++;\n" : "") << "  end_check()\n}\n\n"
         << "proctype Server(byte s) {\nend:\n  do\n  :: atomic {\n       if\n"
         << "       :: " << Guard("G_REPLICATE", "s") << "replica[s] < published -> act_ = DO_REPLICATE\n";
    if (polls())
      out_ << "       :: " << Guard("G_POLL", "s") << "runs_um[s] && POLL_WOULD_CHANGE(s) -> act_ = DO_POLL\n";
    if (plan_.scenario().unplanned_restarts)
      out_ << "       :: " << Guard("G_RESTART", "s") << "!restarted[s] -> act_ = DO_RESTART\n";
    if (guided())
      out_ << "       :: GUIDE(G_POLL, s) && !(runs_um[s] && POLL_WOULD_CHANGE(s)) -> act_ = DO_SKIP_POLL\n";
    out_ << "       fi;\n       d_step { server_event(s) }\n     }\n  od\n}\n\n";
  }

  /// The admin: one step of the plan per transition, from the plan tables.
  void Admin() {
    const std::vector<PlanStep>& steps = plan_.scenario().plan;
    out_ << "/* The admin walks the plan in order. The steps (their kinds and restarts are set in init):\n";
    for (size_t i = 0; i < steps.size(); ++i)
      out_ << "     " << i + 1 << ". " << KindName(steps[i].kind) << ": " << steps[i].op << " -- "
           << CommentText(steps[i].description) << " (" << CommentText(steps[i].location.ToString()) << ")\n";
    if (steps.empty()) out_ << "     (none)\n";
    out_ << "*/\n#define PUBLISH 1\n#define AD_CHANGE 2\n#define RESTART 3\n#define WAIT 4\n"
         << (PollWaits() ? "#define WAIT_POLL 5  /* until no UM Routing poll would change anything */\n" : "")
         << "hidden byte plan_kind[" << std::max<size_t>(steps.size(), 1) << "];\n\n"
         << "inline admin_step() {\n  printf(\"kst event admin %d\\n\", step + 1);\n  if\n"
         << "  :: plan_kind[step] == PUBLISH -> published++  /* replicated later, server by server */\n"
         << "  :: plan_kind[step] == AD_CHANGE -> ad++  /* read at UM Routing's next poll or start */\n"
         << (RestartSteps() == 0
                 ? ""
                 : "  :: plan_kind[step] == RESTART ->  /* RTCSRV restarts now on the servers the step names */\n"
                   "     for (s_ : 0 .. NS - 1) {\n       if\n       :: restart_plan[step * NS + s_] -> start(s_)\n"
                   "       :: else -> skip\n       fi\n     }\n")
         << "  :: else -> skip  /* a wait: its guard was all of it */\n  fi;\n"
         << (guided() ? "  g++;\n" : "") << "  step++;\n  end_check()\n}\n\n"
         << "proctype Admin() {\nend:\n  do\n  :: d_step { " << Guard("G_ADMIN", "step")
         << "step < NSTEPS && (plan_kind[step] != WAIT || ALL_REPLICATED)"
         << (PollWaits() ? " && (plan_kind[step] != WAIT_POLL || ALL_POLLED)" : "")
         << " -> admin_step() }\n  od\n}\n\n";
  }

  /// Whether the plan waits for a UM Routing poll (its kind and guard are written only then).
  bool PollWaits() const {
    const std::vector<PlanStep>& steps = plan_.scenario().plan;
    return std::any_of(steps.begin(), steps.end(),
                       [](const PlanStep& step) { return step.kind == PlanStep::Kind::kWaitForUmPoll; });
  }

  size_t RestartSteps() const {
    const std::vector<PlanStep>& steps = plan_.scenario().plan;
    return static_cast<size_t>(std::count_if(
        steps.begin(), steps.end(), [](const PlanStep& step) { return step.kind == PlanStep::Kind::kRestart; }));
  }

  static const char* KindName(PlanStep::Kind kind) {
    switch (kind) {
      case PlanStep::Kind::kPublish:
        return "publish";
      case PlanStep::Kind::kAdChange:
        return "AD change";
      case PlanStep::Kind::kRestart:
        return "restart";
      case PlanStep::Kind::kWaitForReplication:
        return "wait";
      case PlanStep::Kind::kWaitForUmPoll:
        return "wait for a UM Routing poll";
    }
    return "?";
  }

  void Init() {
    // SPIN bounds the statements of one d_step: the tables go in chunks,
    // all inside init's atomic, so no state between them is stored.
    out_ << "init {\n  atomic {\n";
    std::ostringstream tables;
    InitTables(tables);
    std::istringstream lines(tables.str());
    std::string line;
    size_t in_chunk = 0;
    while (std::getline(lines, line)) {
      if (in_chunk == 0) out_ << "  d_step {\n";
      out_ << line << "\n";
      if (++in_chunk == kInitChunk) {
        out_ << "  };\n";
        in_chunk = 0;
      }
    }
    if (in_chunk == 0) out_ << "  d_step {\n";
    out_ << R"(    for (c_ : 0 .. NCELLS - 1) {
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
)";
    if (guided()) {
      out_ << "#ifdef KST_GUIDE\n  g = KST_GUIDE;  /* follow one order: -DKST_GUIDE=GUIDE_n */\n#else\n  if\n";
      for (size_t i = 0; i < guides_.size(); ++i) out_ << "  :: g = GUIDE_" << i + 1 << "\n";
      out_ << "  fi;\n#endif\n";
    }
    out_ << "  run Admin();\n";
    for (size_t s = 0; s < ns(); ++s) out_ << "  run Server(" << s << ");  /* " << layout_.servers[s].fqdn << " */\n";
    if (guided()) out_ << "  run GuideMonitor()\n";
    out_ << "  }\n}\n";
  }

  void InitTables(std::ostream& out) {
    out << "    /* The published topology: revision 0 is the base */\n";
    for (size_t r = 0; r < layout_.topology.size(); ++r) {
      const std::vector<uint32_t>& revision = layout_.topology[r];
      if (r > 0) {
        out << "    /* revision " << r << ": plan step " << layout_.publish_steps[r - 1] + 1
            << " (the previous revision, then the changes) */\n"
            << "    for (f_ : 0 .. NF - 1) { topology[" << r << " * NF + f_] = topology[" << r - 1
            << " * NF + f_] };\n";
      }
      for (size_t f = 0; f < nf(); ++f) {
        if (r > 0 ? revision[f] == layout_.topology[r - 1][f] : revision[f] == 0) continue;
        out << "    topology[" << r * nf() + f << "] = " << revision[f] << ";  /* " << layout_.fqdns[f] << " "
            << VersionSetText(revision[f], layout_.versions) << " */\n";
      }
    }
    out << "    /* UM slots and AD: which FQDNs host SipName dial plans, per AD revision */\n"
        << "    for (f_ : 0 .. NF - 1) { um_slot[f_] = NO_UM };\n";
    for (size_t u = 0; u < layout_.um_fqdns.size(); ++u)
      out << "    um_fqdn[" << u << "] = " << layout_.um_fqdns[u] << "; um_slot[" << layout_.um_fqdns[u] << "] = " << u
          << ";  /* " << layout_.fqdns[static_cast<size_t>(layout_.um_fqdns[u])] << " */\n";
    for (size_t a = 0; a < layout_.listed.size(); ++a)
      for (size_t u = 0; u < layout_.um_fqdns.size(); ++u)
        if (layout_.listed[a][u])
          out << "    listed[" << a * nu_slots() + u << "] = 1;  /* AD revision " << a
              << (a ? ", plan step " + std::to_string(layout_.ad_steps[a - 1] + 1) : std::string(" (base)")) << " */\n";
    out << "    /* Roles and requirements */\n";
    for (size_t s = 0; s < ns(); ++s)
      if (layout_.servers[s].runs_um_routing) out << "    runs_um[" << s << "] = 1;\n";
    for (size_t c = 0; c < layout_.cells(); ++c) {
      if (layout_.needed_start[c]) out << "    needed_start[" << c << "] = 1;\n";
      if (layout_.needed_end[c]) out << "    needed_end[" << c << "] = 1;\n";
    }
    InitRestartPlan(out);
    WriteObservedCellTable(layout_, out);
    if (guided()) InitGuide(out);
  }

  void InitRestartPlan(std::ostream& out) {
    out << "    /* The plan */\n";
    const std::vector<PlanStep>& steps = plan_.scenario().plan;
    for (size_t i = 0; i < steps.size(); ++i) {
      static const char* kKinds[] = {"PUBLISH", "AD_CHANGE", "RESTART", "WAIT", "WAIT_POLL"};
      out << "    plan_kind[" << i << "] = " << kKinds[static_cast<int>(steps[i].kind)] << ";  /* step " << i + 1
          << ": " << steps[i].op << " */\n";
      for (const std::string& fqdn : steps[i].servers) {
        const int s = plan_.ServerIndex(fqdn);
        if (s >= 0) out << "    restart_plan[" << i * ns() + static_cast<size_t>(s) << "] = 1;  /* " << fqdn << " */\n";
      }
    }
  }

  void InitGuide(std::ostream& out) {
    size_t at = 0;
    for (size_t i = 0; i < guides_.size(); ++i) {
      const GlobalSchedule& guide = guides_[i];
      out << "    /* guide " << i + 1 << ": " << layout_.fqdns[guide.fqdn] << " on "
          << layout_.servers[guide.server].fqdn << (guide.to_end ? ", to a quiescent end" : "") << " */\n";
      for (const GlobalEvent& event : guide.events) {
        const int kind = static_cast<int>(event.kind);
        const int who = event.kind == CellEvent::kAdminStep ? event.plan_index : event.server;
        out << "    guide_kind[" << at << "] = " << kGuideKinds[kind] << "; guide_who[" << at << "] = " << who << ";";
        if (event.cell_event) out << "  /* the trace's own event */";
        out << "\n";
        at++;
      }
      out << "    guide_kind[" << at++ << "] = G_END;\n";
    }
  }

  const CompiledPlan& plan_;
  const ModelCatalog& model_;
  const kst::Semantics& semantics_;
  const PromelaLayout& layout_;
  const std::vector<GlobalSchedule>& guides_;
  std::ostream& out_;
  bool any_um_server_ = false;
};

}  // namespace

bool WritePromela(const CompiledPlan& plan, const ModelCatalog& model, const PromelaOptions& options, std::ostream& out,
                  Diagnostic* error) {
  PromelaLayout layout;
  if (!LayoutPromela(plan, &layout, error)) return false;
  size_t guide_length = 0;
  for (const GlobalSchedule& guide : options.guides) guide_length += guide.events.size() + 1;
  if (guide_length > 32767) {
    *error = {Severity::kError, "promela-limit", {}, "", "a guide of more than 32767 events does not fit"};
    return false;
  }
  const Semantics& semantics = options.semantics ? *options.semantics : model.DefaultSemantics();
  std::ostringstream text;
  PromelaWriter(plan, model, semantics, layout, options.guides, text).Write();
  out << text.str();
  return true;
}

}  // namespace kst
