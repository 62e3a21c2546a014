// make bench-logs: generated event-log exports read as `kst reconcile` reads
// them (input/event_log_reader.h, every record kept), at doubling sizes up
// to a 1-million-event Get-WinEvent | Export-Csv file and a 500,000-event
// wevtutil /f:xml stream (the XML of a million events passes kst's 256 MiB
// file limit). Each load runs in a forked child; the parent prints its wall
// time, CPU time, peak resident memory and the ratio to the size before:
// reading is linear when the ratio stays near 2 (goal: at most 2.2).
// --quick reads 10,000 and 20,000 events, as a ctest smoke test.

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "base/file_reader.h"
#include "input/event_log_reader.h"

namespace {

const char* kServers[] = {"fe01", "fe02", "fe03", "fe04", "dir01", "edge01", "med01", "fe05"};

std::string Time(size_t i) {
  // One event every 10 ms from 2026-12-01T00:00:00Z.
  const size_t seconds = i / 100, ticks = (i % 100) * 100000;
  char text[64];
  std::snprintf(text, sizeof text, "2026-12-%02zuT%02zu:%02zu:%02zu.%07zuZ", 1 + seconds / 86400 % 28,
                seconds / 3600 % 24, seconds / 60 % 60, seconds % 60, ticks);
  return text;
}

void WriteCsv(const std::string& path, size_t events) {
  std::ofstream out(path, std::ios::binary);
  out << "\"TimeCreated\",\"Id\",\"RecordId\",\"ProviderName\",\"LogName\",\"MachineName\",\"Properties\","
         "\"Message\"\r\n";
  for (size_t i = 0; i < events; ++i) {
    out << '"' << Time(i) << "\",\"" << (i % 3 ? "14493" : "14495") << "\",\"" << i + 1
        << "\",\"LS Protocol Stack\",\"Lync Server\",\"" << kServers[i % 8] << ".contoso.com\",\"ex" << i % 50
        << ".contoso.com\t0\",\"Server changed.\"\r\n";
  }
}

void WriteXml(const std::string& path, size_t events) {
  std::ofstream out(path, std::ios::binary);
  for (size_t i = 0; i < events; ++i) {
    out << "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='LS "
           "Protocol Stack'/><EventID Qualifiers='16388'>"
        << (i % 3 ? "14493" : "14495") << "</EventID><Level>4</Level><TimeCreated SystemTime='" << Time(i)
        << "'/><EventRecordID>" << i + 1 << "</EventRecordID><Channel>Lync Server</Channel><Computer>"
        << kServers[i % 8] << ".contoso.com</Computer></System><EventData><Data>ex" << i % 50
        << ".contoso.com</Data><Data>0</Data></EventData></Event>\n";
  }
}

struct Measure {
  double wall = 0, cpu = 0;
  long peak_kib = 0;
  bool ok = false;
};

Measure Load(const std::string& path, size_t expected) {
  const auto start = std::chrono::steady_clock::now();
  pid_t child = fork();
  if (child == 0) {
    kst::DiskFileReader files;
    kst::EventLogs logs;
    kst::Diagnostics diagnostics;
    const bool ok = kst::ReadEventLogs({path}, &files, {}, &logs, &diagnostics);
    _exit(ok && logs.records.size() == expected ? 0 : 1);
  }
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  Measure m;
  m.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.cpu = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  m.peak_kib = usage.ru_maxrss;
  m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string work = "bench-logs";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0)
      quick = true;
    else if (std::strcmp(argv[i], "--work") == 0 && i + 1 < argc)
      work = argv[++i];
  }
  std::system(("mkdir -p '" + work + "'").c_str());
  struct Kind {
    const char* name;
    void (*write)(const std::string&, size_t);
    std::vector<size_t> sizes;
  };
  const std::vector<Kind> kinds = {
      {"Export-Csv", WriteCsv,
       quick ? std::vector<size_t>{10000, 20000} : std::vector<size_t>{125000, 250000, 500000, 1000000}},
      {"wevtutil xml", WriteXml,
       quick ? std::vector<size_t>{10000, 20000} : std::vector<size_t>{62500, 125000, 250000, 500000}}};
  std::printf("%-13s %9s %10s %9s %9s %12s %14s\n", "format", "events", "file MiB", "wall s", "cpu s", "peak RSS MiB",
              "cpu per double");
  bool failed = false;
  for (const Kind& kind : kinds) {
    double previous = 0;
    for (size_t events : kind.sizes) {
      const std::string path = work + "/events-" + std::to_string(events) + (kind.write == WriteCsv ? ".csv" : ".xml");
      kind.write(path, events);
      std::ifstream file(path, std::ios::binary | std::ios::ate);
      const double mib = static_cast<double>(file.tellg()) / (1 << 20);
      Measure m = Load(path, events);
      std::remove(path.c_str());
      char ratio[32] = "";
      if (previous > 0) std::snprintf(ratio, sizeof ratio, "%.2f", m.cpu / previous);
      std::printf("%-13s %9zu %10.1f %9.2f %9.2f %12.1f %14s%s\n", kind.name, events, mib, m.wall, m.cpu,
                  m.peak_kib / 1024.0, ratio, m.ok ? "" : "  FAILED");
      std::fflush(stdout);
      failed = failed || !m.ok;
      previous = m.cpu;
    }
  }
  return failed ? 1 : 0;
}
