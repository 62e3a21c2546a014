// kst_input_bench: does reading an input take time and memory in proportion
// to its size? (issue 16: a reader that is quadratic somewhere turns a large
// but honest export into a minute-long wait, or a hostile one into a hang.)
//
// For each kind of input kst reads (kst-topology/1 as JSON and YAML, a
// published topology, a Topology Builder file, Exchange exports as CliXml,
// ConvertTo-Json and Export-Csv, a snapshot folder of them) and for the
// shapes that stressed one reader (many unknown elements, many keys in one
// object, long FQDN lists), it writes an input of 10k, 20k, 40k, 80k and 160k
// items (pools, records, elements, keys or list entries: each kind says which)
// and loads it through kst::LoadInput, the code `kst check` runs before the
// analysis: format detection, parsing, reading, mapping, the reference
// checks, and the diagnostics printed (to /dev/null). Each load is a forked
// child, so its peak RSS (ru_maxrss from wait4) is its own and its heap is
// cold; the parent only streams the inputs to disk, so what the child
// inherits is small (the "baseline" row: a child that loads nothing). The
// child checks that it read every item (a reader that drops input is fast
// for the wrong reason) and exits non-zero otherwise.
//
// A row shows the run of --repeat that used the least CPU time, its wall
// time, the instructions the load executed (user space, counted by the
// child with perf_event_open; "n/a" where the kernel refuses), and the ratio
// to the row of half the size: a linear reader stays near 2.0 per doubling;
// the goal is at most 2.2 for every kind, judged on CPU time (on a shared
// machine the wall time swings with the load). The summary gives, per kind,
// the worst ratio of two neighbouring rows and the ratio fitted over all rows
// (CPU time ~ items^b by least squares, 2^b per doubling), which one noisy
// row moves less. The instruction count does not
// depend on the load of the machine or on its caches: where the CPU time of
// a row grows faster than its instructions, the difference is memory (a
// larger heap misses the caches more), not the algorithm. `--quick` loads
// 1k and 2k items once: the smoke test ctest runs (bench_inputs_quick), which
// asserts only that every load completes and reads what it should.

#include <fcntl.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "cli/input_loading.h"

namespace kst {
namespace {

namespace fs = std::filesystem;

std::string Name(const char* format, size_t i) {
  char name[64];
  std::snprintf(name, sizeof name, format, i);
  return name;
}

constexpr const char* kTopologyNamespace = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008";
constexpr const char* kCliXmlHeader =
    "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n";

// --- generators: each streams its input to `path` (a file, or a folder for
// the snapshot) and returns the number of items kst must read from it.

void KstJsonPools(std::ostream& out, size_t n) {
  out << "{\"format\": \"kst-topology/1\", \"lync\": {\"pools\": [\n";
  for (size_t i = 1; i <= n; ++i) {
    out << (i > 1 ? ",\n" : "") << "  {\"fqdn\": \"" << Name("pool%06zu.contoso.com", i)
        << "\", \"role\": \"FrontEnd\", \"version\": 6, \"computers\": [\"" << Name("fe%06zua.contoso.com", i)
        << "\", \"" << Name("fe%06zub.contoso.com", i) << "\"]}";
  }
  out << "\n]}}\n";
}

void KstYamlPools(std::ostream& out, size_t n) {
  out << "format: kst-topology/1\nlync:\n  pools:\n";
  for (size_t i = 1; i <= n; ++i) {
    out << "    - fqdn: " << Name("pool%06zu.contoso.com", i) << "\n      role: FrontEnd\n      version: 6\n"
        << "      computers: [" << Name("fe%06zua.contoso.com", i) << ", " << Name("fe%06zub.contoso.com", i) << "]\n";
  }
}

void PublishedTopology(std::ostream& out, size_t n) {
  out << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Topology xmlns=\"" << kTopologyNamespace
      << "\">\n  <Clusters>\n";
  for (size_t i = 1; i <= n; ++i) {
    out << "    <Cluster Fqdn=\"" << Name("pool%06zu.contoso.com", i) << "\">\n      <ClusterId SiteId=\"1\" Number=\""
        << i << "\" />\n      <Machine Fqdn=\"" << Name("fe%06zua.contoso.com", i) << "\" />\n      <Machine Fqdn=\""
        << Name("fe%06zub.contoso.com", i) << "\" />\n    </Cluster>\n";
  }
  out << "  </Clusters>\n  <Services>\n";
  for (size_t i = 1; i <= n; ++i) {
    out << "    <Service RoleVersion=\"1\" ServiceVersion=\"6\">\n      <ServiceId SiteId=\"1\" RoleName=\"Registrar\" "
        << "Instance=\"" << i << "\" />\n      <InstalledOn><ClusterId SiteId=\"1\" Number=\"" << i
        << "\" /></InstalledOn>\n    </Service>\n";
  }
  out << "  </Services>\n</Topology>\n";
}

void TopologyBuilder(std::ostream& out, size_t n) {
  out << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<TopologyBuilder "
      << "xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008\">\n  <NewTopology>\n"
      << "    <PartialTopology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008\">\n"
      << "      <CentralSites>\n        <CentralSite SiteId=\"1\">\n          <Clusters>\n";
  for (size_t i = 1; i <= n; ++i) {
    out << "            <Cluster IsSingleMachineOnly=\"false\" UniqueId=\"" << Name("c%06zu", i) << "\" Fqdn=\""
        << Name("pool%06zu.contoso.com", i) << "\">\n              <Machines>\n                <Machine Fqdn=\""
        << Name("fe%06zua.contoso.com", i) << "\" />\n                <Machine Fqdn=\""
        << Name("fe%06zub.contoso.com", i) << "\" />\n              </Machines>\n            </Cluster>\n";
  }
  out << "          </Clusters>\n        </CentralSite>\n      </CentralSites>\n      <Services>\n";
  for (size_t i = 1; i <= n; ++i) {
    out << "        <Service UniqueId=\"" << Name("s%06zu", i) << "\" RoleName=\"Registrar\" InstalledOn=\""
        << Name("c%06zu", i) << "\" ServiceVersion=\"6\" />\n";
  }
  out << "      </Services>\n    </PartialTopology>\n  </NewTopology>\n</TopologyBuilder>\n";
}

void ServersCliXml(std::ostream& out, size_t first, size_t n) {
  out << kCliXmlHeader;
  for (size_t i = first; i < first + n; ++i) {
    out << "  <Obj RefId=\"" << i - first << "\">\n";
    if (i == first) {
      out << "    <TN RefId=\"0\">\n      <T>Microsoft.Exchange.Data.Directory.Management.ExchangeServer</T>\n"
          << "      <T>System.Object</T>\n    </TN>\n";
    } else {
      out << "    <TNRef RefId=\"0\" />\n";
    }
    out << "    <ToString>" << Name("EX%zu", i) << "</ToString>\n    <Props>\n      <S N=\"Name\">" << Name("EX%zu", i)
        << "</S>\n      <S N=\"Fqdn\">" << Name("ex%06zu.contoso.com", i)
        << "</S>\n      <S N=\"AdminDisplayVersion\">Version 15.0 (Build 1497.2)</S>\n"
        << "      <B N=\"IsUnifiedMessagingServer\">true</B>\n    </Props>\n  </Obj>\n";
  }
  out << "</Objs>\n";
}

void ServersJson(std::ostream& out, size_t n) {
  out << "[\n";
  for (size_t i = 1; i <= n; ++i) {
    out << (i > 1 ? ",\n" : "") << "  {\"Name\": \"" << Name("EX%zu", i) << "\", \"Fqdn\": \""
        << Name("ex%06zu.contoso.com", i)
        << "\", \"AdminDisplayVersion\": \"Version 15.0 (Build 1497.2)\", \"IsUnifiedMessagingServer\": true}";
  }
  out << "\n]\n";
}

void ServersCsv(std::ostream& out, size_t n) {
  out << "#TYPE Microsoft.Exchange.Data.Directory.Management.ExchangeServer\r\n"
      << "\"Name\",\"Fqdn\",\"AdminDisplayVersion\",\"IsUnifiedMessagingServer\"\r\n";
  for (size_t i = 1; i <= n; ++i) {
    out << "\"" << Name("EX%zu", i) << "\",\"" << Name("ex%06zu.contoso.com", i)
        << "\",\"Version 15.0 (Build 1497.2)\",\"True\"\r\n";
  }
}

// many unknown elements where clusters live: each reported with its path
void UnknownElements(std::ostream& out, size_t n) {
  out << "<Topology xmlns=\"" << kTopologyNamespace << "\">\n  <Clusters>\n";
  for (size_t i = 1; i <= n; ++i) out << "    <Unknown />\n";
  out << "  </Clusters>\n</Topology>\n";
}

// a pool object with n keys kst does not know: one warning each
void JsonKeys(std::ostream& out, size_t n) {
  out << "{\"format\": \"kst-topology/1\", \"lync\": {\"pools\": [{\"fqdn\": \"pool.contoso.com\", \"role\": "
      << "\"FrontEnd\", \"version\": 6";
  for (size_t i = 1; i <= n; ++i) out << ",\n  \"" << Name("k%06zu", i) << "\": " << i;
  out << "}]}}\n";
}

void YamlKeys(std::ostream& out, size_t n) {
  out << "format: kst-topology/1\nlync:\n  pools:\n    - fqdn: pool.contoso.com\n      role: FrontEnd\n"
      << "      version: 6\n";
  for (size_t i = 1; i <= n; ++i) out << "      " << Name("k%06zu", i) << ": " << i << "\n";
}

// one pool of n computers (kst JSON), one cluster of n machines (XML)
void JsonComputers(std::ostream& out, size_t n) {
  out << "{\"format\": \"kst-topology/1\", \"lync\": {\"pools\": [{\"fqdn\": \"pool.contoso.com\", \"role\": "
      << "\"FrontEnd\", \"version\": 6, \"computers\": [";
  for (size_t i = 1; i <= n; ++i) out << (i > 1 ? ",\n" : "\n") << "  \"" << Name("fe%06zu.contoso.com", i) << "\"";
  out << "]}]}}\n";
}

void XmlMachines(std::ostream& out, size_t n) {
  out << "<Topology xmlns=\"" << kTopologyNamespace << "\">\n  <Clusters>\n    <Cluster Fqdn=\"pool.contoso.com\">\n"
      << "      <ClusterId SiteId=\"1\" Number=\"1\" />\n";
  for (size_t i = 1; i <= n; ++i) out << "      <Machine Fqdn=\"" << Name("fe%06zu.contoso.com", i) << "\" />\n";
  out << "    </Cluster>\n  </Clusters>\n  <Services>\n    <Service ServiceVersion=\"6\">\n"
      << "      <ServiceId SiteId=\"1\" RoleName=\"Registrar\" Instance=\"1\" />\n"
      << "      <InstalledOn><ClusterId SiteId=\"1\" Number=\"1\" /></InstalledOn>\n    </Service>\n  </Services>\n"
      << "</Topology>\n";
}

// n Exchange servers and one dial plan naming them all (kst JSON)
void DialPlanServers(std::ostream& out, size_t n) {
  out << "{\"format\": \"kst-topology/1\", \"exchange\": {\"servers\": [";
  for (size_t i = 1; i <= n; ++i)
    out << (i > 1 ? ",\n" : "\n") << "  {\"fqdn\": \"" << Name("ex%06zu.contoso.com", i)
        << "\", \"version\": \"2013\"}";
  out << "],\n\"um_dial_plans\": [{\"name\": \"DP\", \"uri_type\": \"TelExtn\", \"servers\": [";
  for (size_t i = 1; i <= n; ++i) out << (i > 1 ? ",\n" : "\n") << "  \"" << Name("ex%06zu.contoso.com", i) << "\"";
  out << "]}]}}\n";
}

// A folder as an administrator makes it: a quarter of the items each in the
// topology (clusters), Get-ExchangeServer (CliXml), Get-UMDialPlan (CSV) and
// Get-UMService (JSON: server i answers dial plan i).
void Snapshot(const fs::path& folder, size_t n) {
  fs::create_directories(folder);
  size_t quarter = n / 4;
  {
    std::ofstream out(folder / "topology.xml");
    PublishedTopology(out, quarter);
  }
  {
    std::ofstream out(folder / "exchange-servers.xml");
    ServersCliXml(out, 1, quarter);
  }
  {
    std::ofstream out(folder / "um-dial-plans.csv");
    out << "#TYPE Microsoft.Exchange.Data.Directory.Management.UMDialPlan\r\n\"Name\",\"URIType\"\r\n";
    for (size_t i = 1; i <= quarter; ++i) out << "\"" << Name("DP%zu", i) << "\",\"TelExtn\"\r\n";
  }
  {
    std::ofstream out(folder / "um-services.json");
    out << "[\n";
    for (size_t i = 1; i <= quarter; ++i)
      out << (i > 1 ? ",\n" : "") << "  {\"Fqdn\": \"" << Name("ex%06zu.contoso.com", i) << "\", \"DialPlans\": [\""
          << Name("DP%zu", i) << "\"], \"Status\": \"Enabled\"}";
    out << "\n]\n";
  }
}

// --- what a load must have read ------------------------------------------------

size_t Pools(const LoadedInput& in) {
  return in.scenario.base.pools.size();
}
size_t ExchangeServers(const LoadedInput& in) {
  return in.scenario.base.exchange_servers.size();
}
size_t Computers(const LoadedInput& in) {
  size_t count = 0;
  for (const LyncPool& pool : in.scenario.base.pools) count += pool.computers.size();
  return count;
}
size_t Warnings(const LoadedInput& in) {
  return static_cast<size_t>(std::count_if(in.diagnostics.all().begin(), in.diagnostics.all().end(),
                                           [](const Diagnostic& d) { return d.severity == Severity::kWarning; }));
}
size_t SnapshotItems(const LoadedInput& in) {
  const Topology& topology = in.scenario.base;
  size_t count = topology.pools.size() + topology.exchange_servers.size() + topology.dial_plans.size();
  for (const UmDialPlan& plan : topology.dial_plans) count += plan.servers.size();
  return count;
}
size_t DialPlanServersRead(const LoadedInput& in) {
  const Topology& topology = in.scenario.base;
  return topology.dial_plans.size() == 1 && topology.dial_plans[0].servers.size() == topology.exchange_servers.size()
             ? topology.exchange_servers.size()
             : 0;
}

struct Kind {
  const char* name;
  const char* unit;
  const char* file;  // the file (or folder) name in the work folder
  std::function<void(const fs::path&, size_t)> write;
  std::function<size_t(const LoadedInput&)> count;  // must equal the size
  bool expect_ok = true;                            // false: the load reports errors by design
};

template <typename F>
std::function<void(const fs::path&, size_t)> ToFile(F write) {
  return [write](const fs::path& path, size_t n) {
    std::ofstream out(path);
    write(out, n);
  };
}

std::vector<Kind> Kinds() {
  return {
      {"kst JSON topology", "pools", "topology.json", ToFile(KstJsonPools), Pools},
      {"kst YAML topology", "pools", "topology.yaml", ToFile(KstYamlPools), Pools},
      {"Get-CsTopology -AsXml", "pools", "topology.xml", ToFile(PublishedTopology), Pools},
      {"Topology Builder .tbxml", "pools", "topology.tbxml", ToFile(TopologyBuilder), Pools},
      {"Exchange CliXml", "servers", "servers.xml",
       ToFile([](std::ostream& out, size_t n) { ServersCliXml(out, 1, n); }), ExchangeServers},
      {"Exchange ConvertTo-Json", "servers", "servers.json", ToFile(ServersJson), ExchangeServers},
      {"Exchange Export-Csv", "servers", "servers.csv", ToFile(ServersCsv), ExchangeServers},
      {"snapshot folder", "records", "snapshot", Snapshot, SnapshotItems},
      {"XML unknown elements", "elements", "unknown.xml", ToFile(UnknownElements), Warnings},
      {"JSON keys in one object", "keys", "keys.json", ToFile(JsonKeys), Warnings},
      {"YAML keys in one mapping", "keys", "keys.yaml", ToFile(YamlKeys), Warnings},
      {"JSON FQDN list", "computers", "computers.json", ToFile(JsonComputers), Computers},
      {"XML machines of a cluster", "machines", "machines.xml", ToFile(XmlMachines), Computers},
      {"dial plan of n servers", "servers", "dial-plan.json", ToFile(DialPlanServers), DialPlanServersRead},
  };
}

// --- one measured load -------------------------------------------------------

struct Measurement {
  bool ok = false;
  std::string problem;
  double wall_seconds = 0;
  double cpu_seconds = 0;
  double peak_mib = 0;
  uint64_t instructions = 0;  // 0 when not counted
};

// The user-space instructions of the calling process, or -1.
int OpenInstructionCounter() {
  perf_event_attr attr{};
  attr.type = PERF_TYPE_HARDWARE;
  attr.size = sizeof attr;
  attr.config = PERF_COUNT_HW_INSTRUCTIONS;
  attr.disabled = 1;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  return static_cast<int>(syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0));
}

/// What the child tells the parent through the pipe.
struct ChildReport {
  size_t found = 0;
  uint64_t instructions = 0;
};

/// Forks a child that loads `path` (or does nothing when `kind` is null) and
/// reports whether it read `expected` items; the parent waits with wait4.
Measurement Load(const Kind* kind, const fs::path& path, size_t expected) {
  Measurement m;
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    m.problem = "pipe failed";
    return m;
  }
  std::cout.flush();
  auto start = std::chrono::steady_clock::now();
  pid_t child = fork();
  if (child == 0) {
    close(pipe_fds[0]);
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu() < 0 ? 0 : sched_getcpu(), &one);
    sched_setaffinity(0, sizeof one, &one);
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, STDERR_FILENO);
    ChildReport report{expected, 0};
    int status = 0;
    if (kind) {
      LoadedInput input;
      int counter = OpenInstructionCounter();
      if (counter >= 0) ioctl(counter, PERF_EVENT_IOC_ENABLE, 0);
      bool ok = LoadInput(path.string(), &input, std::cerr);
      std::cerr.flush();
      if (counter >= 0) {
        ioctl(counter, PERF_EVENT_IOC_DISABLE, 0);
        if (read(counter, &report.instructions, sizeof report.instructions) != sizeof report.instructions)
          report.instructions = 0;
      }
      report.found = kind->count(input);
      status = ok != kind->expect_ok ? 1 : report.found != expected ? 2 : 0;
    }
    std::cerr.flush();
    if (write(pipe_fds[1], &report, sizeof report) != sizeof report) status = 3;
    _exit(status);
  }
  close(pipe_fds[1]);
  int status = 0;
  struct rusage usage {};
  if (child < 0 || wait4(child, &status, 0, &usage) < 0) {
    m.problem = "fork or wait failed";
    close(pipe_fds[0]);
    return m;
  }
  m.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  m.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
  ChildReport report;
  bool told = read(pipe_fds[0], &report, sizeof report) == static_cast<ssize_t>(sizeof report);
  close(pipe_fds[0]);
  m.instructions = told ? report.instructions : 0;
  if (!WIFEXITED(status)) {
    m.problem = "the load crashed (signal " + std::to_string(WIFSIGNALED(status) ? WTERMSIG(status) : 0) + ")";
  } else if (WEXITSTATUS(status) == 1) {
    m.problem = kind && kind->expect_ok ? "the load reported input errors" : "the load did not fail";
  } else if (WEXITSTATUS(status) == 2) {
    m.problem =
        "read " + (told ? std::to_string(report.found) : std::string("?")) + " items, not " + std::to_string(expected);
  } else if (WEXITSTATUS(status) != 0) {
    m.problem = "exit " + std::to_string(WEXITSTATUS(status));
  } else {
    m.ok = true;
  }
  return m;
}

Measurement Best(const Kind* kind, const fs::path& path, size_t size, int repeat) {
  Measurement best;
  for (int r = 0; r < repeat; ++r) {
    Measurement m = Load(kind, path, size);
    if (!m.ok) return m;
    if (r == 0 || m.cpu_seconds < best.cpu_seconds) best = m;
  }
  return best;
}

std::string Ratio(double now, double before) {
  if (before <= 0) return "-";
  char text[16];
  std::snprintf(text, sizeof text, "%.2fx", now / before);
  return text;
}

int Run(const std::vector<size_t>& sizes, int repeat, const fs::path& work, const std::string& only) {
  fs::create_directories(work);
  Measurement baseline = Best(nullptr, work, 0, repeat);
  std::printf("input loading through kst::LoadInput, one forked child per load, best CPU time of %d\n", repeat);
  std::printf("baseline (a child that loads nothing): peak RSS %.1f MiB\n\n", baseline.peak_mib);
  std::printf("%-26s %-9s %7s %8s %8s %7s %9s %7s %9s %7s\n", "kind", "unit", "items", "wall s", "CPU s", "x CPU",
              "G instr", "x instr", "peak MiB", "x MiB");
  bool all_ok = true;
  struct Worst {
    std::string kind;
    double cpu = 0;  // the largest ratio of two neighbouring rows
    double instructions = 0;
    std::vector<std::pair<double, double>> points;  // (log items, log CPU seconds)
  };
  std::vector<Worst> worst;
  for (const Kind& kind : Kinds()) {
    if (!only.empty() && std::string(kind.name).find(only) == std::string::npos) continue;
    Measurement previous;
    Worst kind_worst;
    kind_worst.kind = kind.name;
    for (size_t size : sizes) {
      fs::path path = work / kind.file;
      fs::remove_all(path);
      kind.write(path, size);
      Measurement m = Best(&kind, path, size, repeat);
      fs::remove_all(path);
      if (!m.ok) {
        std::printf("%-26s %-9s %7zu  FAILED: %s\n", kind.name, kind.unit, size, m.problem.c_str());
        all_ok = false;
        break;
      }
      const double now = static_cast<double>(m.instructions), before = static_cast<double>(previous.instructions);
      char instructions[16] = "n/a";
      if (m.instructions) std::snprintf(instructions, sizeof instructions, "%.3f", now / 1e9);
      auto ratio = [&](double a, double b) { return previous.ok ? Ratio(a, b) : std::string("-"); };
      std::printf("%-26s %-9s %7zu %8.3f %8.3f %7s %9s %7s %9.1f %7s\n", kind.name, kind.unit, size, m.wall_seconds,
                  m.cpu_seconds, ratio(m.cpu_seconds, previous.cpu_seconds).c_str(), instructions,
                  m.instructions ? ratio(now, before).c_str() : "-", m.peak_mib,
                  ratio(m.peak_mib, previous.peak_mib).c_str());
      if (previous.ok && previous.cpu_seconds > 0)
        kind_worst.cpu = std::max(kind_worst.cpu, m.cpu_seconds / previous.cpu_seconds);
      if (m.cpu_seconds > 0)
        kind_worst.points.emplace_back(std::log(static_cast<double>(size)), std::log(m.cpu_seconds));
      if (previous.ok && previous.instructions > 0)
        kind_worst.instructions = std::max(
            kind_worst.instructions, static_cast<double>(m.instructions) / static_cast<double>(previous.instructions));
      previous = m;
    }
    worst.push_back(kind_worst);
    std::fflush(stdout);
  }
  if (sizes.size() > 1) {
    // The fitted ratio: 2^b for CPU time ~ items^b, least squares over all
    // rows; one noisy row moves it less than it moves a neighbouring pair.
    std::printf("\n%-44s %s\n", "ratio per doubling (goal: at most 2.2)",
                "CPU time: worst pair   fitted   instructions: worst pair");
    for (const Worst& w : worst) {
      double n = static_cast<double>(w.points.size()), sx = 0, sy = 0, sxx = 0, sxy = 0;
      for (const auto& [x, y] : w.points) sx += x, sy += y, sxx += x * x, sxy += x * y;
      double slope = n > 1 && n * sxx - sx * sx > 0 ? (n * sxy - sx * sy) / (n * sxx - sx * sx) : 0;
      double fitted = std::exp2(slope);
      char instructions[16] = "n/a";
      if (w.instructions > 0) std::snprintf(instructions, sizeof instructions, "%.2fx", w.instructions);
      std::printf("  %-42s %14.2fx %8.2fx %19s%s\n", w.kind.c_str(), w.cpu, fitted, instructions,
                  w.cpu <= 2.2    ? ""
                  : fitted <= 2.2 ? "  (one pair over the goal)"
                                  : "  over the goal");
    }
  }
  return all_ok ? 0 : 1;
}

}  // namespace
}  // namespace kst

int main(int argc, char** argv) {
  CLI::App app{"kst_input_bench: time and peak memory of loading each kind of input kst reads, per doubling size"};
  bool quick = false;
  int repeat = 3;
  std::string work = "bench-inputs";
  std::string only;
  std::vector<size_t> sizes = {10000, 20000, 40000, 80000, 160000};
  app.add_flag("--quick", quick, "1k and 2k items, once each: a smoke test that asserts only completion");
  app.add_option("--repeat", repeat, "loads per row; the one with the least CPU time is shown")
      ->check(CLI::PositiveNumber);
  app.add_option("--work", work, "folder for the generated inputs (each is removed after its row)");
  app.add_option("--sizes", sizes, "item counts, each double the one before")->delimiter(',');
  app.add_option("--only", only, "only the kinds whose name contains this text");
  CLI11_PARSE(app, argc, argv);
  if (quick) {
    sizes = {1000, 2000};
    repeat = 1;
  }
  return kst::Run(sizes, repeat, work, only);
}
