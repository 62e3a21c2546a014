#include "plan/runbook_guidance.h"

#include <algorithm>
#include <map>

#include "base/text_join.h"

namespace kst {
namespace {

using Json = nlohmann::ordered_json;

constexpr char kLyncShell[] = "Lync Server Management Shell";
constexpr char kExchangeShell[] = "Exchange Management Shell";
constexpr char kTopologyBuilder[] = "Topology Builder";

// The reference pages the syntax below was read from.
constexpr char kNewTapSource[] =
    "https://learn.microsoft.com/en-us/powershell/module/skype/New-CsTrustedApplicationPool";
constexpr char kNewAppSource[] = "https://learn.microsoft.com/en-us/powershell/module/skype/New-CsTrustedApplication";
constexpr char kRemoveTapSource[] =
    "https://learn.microsoft.com/en-us/powershell/module/skype/Remove-CsTrustedApplicationPool";
constexpr char kNewComputerSource[] =
    "https://learn.microsoft.com/ja-jp/previous-versions/office/skype-server-2010/gg398405(v=ocs.14)";
constexpr char kRemoveComputerSource[] =
    "https://learn.microsoft.com/de-ch/powershell/module/skype/remove-cstrustedapplicationcomputer?view=skype-ps";
constexpr char kEnableTopologySource[] =
    "https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-topology-cmdlets";
constexpr char kReplicationSource[] =
    "https://learn.microsoft.com/en-us/powershell/module/skype/Get-CsManagementStoreReplicationStatus";
constexpr char kStopSource[] = "https://learn.microsoft.com/en-us/powershell/module/skype/Stop-CsWindowsService";
constexpr char kStartSource[] =
    "https://learn.microsoft.com/en-us/powershell/module/skypeforbusiness/start-cswindowsservice?view=skype-ps";
constexpr char kGetTapSource[] =
    "https://learn.microsoft.com/en-ie/powershell/module/skypeforbusiness/get-cstrustedapplicationpool?view=skype-ps";
constexpr char kGetDialPlanSource[] =
    "https://learn.microsoft.com/en-nz/powershell/module/exchangepowershell/get-umdialplan?view=exchange-ps";
constexpr char kSetUmServerSource[] =
    "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa996327(v=exchg.80)";
constexpr char kNewDialPlanSource[] =
    "https://learn.microsoft.com/ja-jp/previous-versions/office/exchange-server-2007/aa996771(v=exchg.80)";

ShellCommand Sourced(const char* shell, std::string command, const char* source) {
  return {shell, std::move(command), true, source};
}

ShellCommand Unsourced(const char* shell, std::string command) {
  return {shell, std::move(command), false, ""};
}

/// A PowerShell single-quoted string: nothing inside is expanded, a quote is
/// doubled. Dial plan names come from the input and may hold anything.
std::string Quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string Text(const Json& op, const char* key) {
  return op.contains(key) ? op[key].get<std::string>() : "";
}

/// "14563 (LS Protocol Stack, Error): one FQDN claimed ...", from the model.
std::string EventLine(const ModelCatalog& model, int id) {
  for (const EventInfo& event : model.events())
    if (event.id == id)
      return std::to_string(id) + " (" + event.source + ", " + event.level + "): " + event.description;
  return std::to_string(id);
}

std::string Servers(const std::vector<std::string>& who) {
  std::vector<std::string> servers;
  for (const std::string& item : who) {
    const std::string server = item.substr(0, item.find(':'));
    if (std::find(servers.begin(), servers.end(), server) == servers.end()) servers.push_back(server);
  }
  return JoinStrings(servers);
}

void Publish(RunbookStep* step) {
  step->commands.push_back(Sourced(kLyncShell, "Enable-CsTopology", kEnableTopologySource));
}

void Edit(const Json& op, const Topology& after, RunbookStep* step) {
  const std::string kind = Text(op, "op");
  if (kind == "add_trusted_application_pool") {
    const Json& pool = op["pool"];
    const std::string fqdn = pool.value("fqdn", "");
    std::string line = "New-CsTrustedApplicationPool -Identity " + fqdn;
    if (pool.contains("registrar")) line += " -Registrar " + pool["registrar"].get<std::string>();
    const auto computers = pool.value("computers", std::vector<std::string>{});
    if (!computers.empty()) line += " -ComputerFqdn " + computers.front();
    line += " -Site <site id>";
    step->commands.push_back(Sourced(kLyncShell, line, kNewTapSource));
    for (size_t i = 1; i < computers.size(); ++i)
      step->commands.push_back(Sourced(kLyncShell,
                                       "New-CsTrustedApplicationComputer -Identity " + computers[i] + " -Pool " + fqdn,
                                       kNewComputerSource));
    step->commands.push_back(
        Sourced(kLyncShell,
                "New-CsTrustedApplication -ApplicationId <application id> -TrustedApplicationPoolFqdn " + fqdn +
                    " -Port <port>",
                kNewAppSource));
    Publish(step);
    step->check = "Get-CsTrustedApplicationPool -Identity " + fqdn + " lists the pool";
  } else if (kind == "remove_trusted_application_pool") {
    step->commands.push_back(
        Sourced(kLyncShell, "Remove-CsTrustedApplicationPool -Identity " + Text(op, "fqdn"), kRemoveTapSource));
    Publish(step);
    step->check = "Get-CsTrustedApplicationPool -Identity " + Text(op, "fqdn") + " no longer finds the pool";
  } else if (kind == "add_computer" && after.FindTrustedApplicationPool(Text(op, "pool"))) {
    step->commands.push_back(Sourced(
        kLyncShell, "New-CsTrustedApplicationComputer -Identity " + Text(op, "fqdn") + " -Pool " + Text(op, "pool"),
        kNewComputerSource));
    Publish(step);
    step->check = "Get-CsTrustedApplicationPool -Identity " + Text(op, "pool") + " lists the computer";
  } else if (kind == "remove_computer" && after.FindTrustedApplicationPool(Text(op, "pool"))) {
    step->commands.push_back(Sourced(kLyncShell, "Remove-CsTrustedApplicationComputer -Identity " + Text(op, "fqdn"),
                                     kRemoveComputerSource));
    Publish(step);
    step->check = "Get-CsTrustedApplicationPool -Identity " + Text(op, "pool") + " no longer lists the computer";
  } else if (kind == "add_pool" || kind == "remove_pool" || kind == "add_computer" || kind == "remove_computer" ||
             kind == "set_pool_version") {
    step->commands.push_back(Unsourced(
        kTopologyBuilder, step->description + ", then publish the topology (kst gives no Management Shell command "
                                              "for it: pools and their versions are defined in Topology Builder)"));
    step->check = "Topology Builder publishes without errors";
  } else if (kind == "set_dial_plan" && op.contains("servers")) {
    std::string plan = Text(op, "name");
    std::vector<std::string> servers = op["servers"].get<std::vector<std::string>>();
    for (const std::string& server : servers)
      step->commands.push_back(
          Unsourced(kExchangeShell, "Set-UMService -Identity " + server + " -DialPlans <every dial plan " + server +
                                        " answers, " + Quoted(plan) +
                                        " among them> (Exchange 2013/2016: the sources kst consulted "
                                        "do not give this cmdlet's syntax)"));
    step->commands.push_back(Sourced(kExchangeShell,
                                     "Set-UMServer -Identity <server> -DialPlans <its dial plans> (Exchange 2007/2010: "
                                     "the UM server role; add or leave out " +
                                         Quoted(plan) +
                                         " for each server above "
                                         "and each server that leaves it)",
                                     kSetUmServerSource));
    step->check = "Get-UMDialPlan -Identity " + Quoted(plan) + " | Format-List shows the servers " +
                  JoinStrings(servers) + "; UM Routing sees the change at its next poll";
  } else if (kind == "add_dial_plan") {
    const Json& plan = op["dial_plan"];
    step->commands.push_back(Sourced(kExchangeShell,
                                     "New-UMDialPlan -Name " + Quoted(plan.value("name", "")) +
                                         " -NumberOfDigitsInExtension <digits> -URIType " +
                                         plan.value("uri_type", std::string("SipName")),
                                     kNewDialPlanSource));
    step->commands.push_back(Unsourced(kExchangeShell,
                                       "associate its servers with the dial plan (Set-UMService / "
                                       "Set-UMServer -DialPlans, as for set_dial_plan)"));
    step->check = "Get-UMDialPlan -Identity " + Quoted(plan.value("name", "")) + " finds it";
  } else if (kind == "remove_dial_plan") {
    step->commands.push_back(Unsourced(kExchangeShell, "Remove-UMDialPlan -Identity " + Quoted(Text(op, "name")) +
                                                           " (syntax not given by the sources kst consulted)"));
    step->check = "Get-UMDialPlan no longer lists " + Quoted(Text(op, "name"));
  } else {
    step->commands.push_back(
        Unsourced(kExchangeShell, step->description + " (an Exchange installation change; kst gives no command)"));
    step->check = "the change shows in Active Directory";
  }
}

/// A wait for a UM Routing poll. Neither its interval nor a line that marks
/// a poll is public, so the runbook says what would show its effect and what
/// it cannot give.
void UmPollWait(const ModelCatalog& model, RunbookStep* step) {
  std::vector<std::string> servers;
  for (const std::vector<std::string>* who : {&step->closes, &step->opens})
    for (const std::string& item : *who) {
      const std::string server = item.substr(0, item.find(':'));
      if (std::find(servers.begin(), servers.end(), server) == servers.end()) servers.push_back(server);
    }
  if (servers.empty()) servers.push_back("<each Front End or Standard Edition server>");
  for (const std::string& server : servers)
    step->commands.push_back(Unsourced(
        kLyncShell, "Get-WinEvent -ComputerName " + server +
                        " -FilterHashtable @{LogName='Lync Server'; Id=14493,14495} -MaxEvents 20   (Get-WinEvent's "
                        "syntax is public; the log name 'Lync Server' is not confirmed by the sources kst consulted)"));
  step->check =
      "wait for Exchange UM Routing's next poll of Active Directory on every server that runs it: its interval is "
      "not public (assumption um-poll-interval-unknown) and a poll logs no line with a public event id (assumption "
      "um-runtime-events), so only a table change it makes shows (14493 added, 14495 removed, below); where none is "
      "expected kst can name no sign that the poll happened. To be sure instead, restart RTCSRV on the server: UM "
      "Routing reads Active Directory at start and logs 44024";
  step->events.push_back(
      "not at a poll: " + EventLine(model, 44024) +
      " (UM Routing's start-up line listing the SipName hosts it found; public source: the id and meaning only) and " +
      EventLine(model, 44030) +
      " (its start-up conflict warning; seed 004 names the id, its text is not public): both come with an RTCSRV "
      "start, not with a poll");
}

}  // namespace

void AddRunbookGuidance(const Scenario& scenario, const ModelCatalog& model, std::vector<RunbookStep>* steps) {
  for (size_t i = 0; i < steps->size() && i < scenario.plan.size(); ++i) {
    RunbookStep& step = (*steps)[i];
    const PlanStep& plan_step = scenario.plan[i];
    switch (plan_step.kind) {
      case PlanStep::Kind::kWaitForReplication:
        step.commands.push_back(Sourced(kLyncShell, "Get-CsManagementStoreReplicationStatus", kReplicationSource));
        step.check = "repeat until every replica reports that it is up to date";
        break;
      case PlanStep::Kind::kWaitForUmPoll:
        UmPollWait(model, &step);
        break;
      case PlanStep::Kind::kRestart:
        for (const std::string& server : plan_step.servers) {
          step.commands.push_back(
              Sourced(kLyncShell, "Stop-CsWindowsService -Name RTCSRV -ComputerName " + server, kStopSource));
          step.commands.push_back(
              Sourced(kLyncShell, "Start-CsWindowsService -Name RTCSRV -ComputerName " + server, kStartSource));
        }
        step.check = "RTCSRV runs again on " + JoinStrings(plan_step.servers) +
                     " and the lines below are in its Lync Server event log before the next step";
        step.events.push_back(EventLine(model, 14492) + " — on " + JoinStrings(plan_step.servers));
        step.events.push_back(EventLine(model, 44024) + " — on those that run UM Routing");
        break;
      default:
        Edit(step.op, *plan_step.after, &step);
        break;
    }
    if (!step.conflicts.empty())
      step.events.push_back(EventLine(model, 14563) + " — may follow on " + Servers(step.conflicts) +
                            " (the FQDN is then absent there)");
    std::vector<std::string> removed;
    for (const std::string& who : step.opens)
      if (std::find(step.conflicts.begin(), step.conflicts.end(), who) == step.conflicts.end()) removed.push_back(who);
    if (!removed.empty()) step.events.push_back(EventLine(model, 14495) + " — may follow on " + Servers(removed));
    if (!step.closes.empty()) {
      if (plan_step.kind == PlanStep::Kind::kRestart)
        step.events.push_back("on " + Servers(step.closes) + ": " + EventLine(model, 14493) +
                              " (after a start-up conflict: " + EventLine(model, 14563) + ", then " +
                              EventLine(model, 44030) + ", then 14493)");
      else
        step.events.push_back(EventLine(model, 14493) + " — on " + Servers(step.closes));
    }
  }
}

}  // namespace kst
