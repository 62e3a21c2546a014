#include "model/log_event_model.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "model/model_catalog.h"

namespace kst {
namespace {

struct MeaningName {
  LogMeaning meaning;
  const char* name;
};
constexpr MeaningName kMeanings[] = {
    {LogMeaning::kTableListed, "table-listed"},
    {LogMeaning::kEntryAdded, "entry-added"},
    {LogMeaning::kEntryRemoved, "entry-removed"},
    {LogMeaning::kVersionConflict, "version-conflict"},
    {LogMeaning::kUmRoutingStarted, "um-routing-started"},
    {LogMeaning::kUmAddFailed, "um-add-failed"},
    {LogMeaning::kServiceState, "service-state"},
    {LogMeaning::kServiceControl, "service-control"},
    {LogMeaning::kUmOptionsFailed, "um-options-failed"},
    {LogMeaning::kMwiFailed, "mwi-failed"},
};

bool SameText(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

const char* LogMeaningName(LogMeaning meaning) {
  for (const MeaningName& entry : kMeanings)
    if (entry.meaning == meaning) return entry.name;
  return "?";
}

LogEventModel LogEventModel::Parse(std::string_view json_text) {
  const nlohmann::json doc = nlohmann::json::parse(json_text);
  const nlohmann::json& section = doc.at("event_log");
  LogEventModel model;
  for (const auto& name : section.at("front_end_services")) model.front_end_services_.push_back(name);
  for (const auto& e : section.at("events")) {
    LogEventInfo info;
    info.provider = e.at("provider");
    info.id = e.at("id");
    const std::string meaning = e.at("meaning");
    bool known = false;
    for (const MeaningName& entry : kMeanings)
      if (meaning == entry.name) info.meaning = entry.meaning, known = true;
    if (!known) throw std::runtime_error("model: event_log meaning \"" + meaning + "\" is unknown");
    info.fqdn_string = e.at("fqdn");
    info.version_string = e.at("version");
    info.entries_string = e.at("entries");
    info.assumption = e.at("assumption");
    model.events_.push_back(std::move(info));
  }
  return model;
}

const LogEventModel& LogEventModel::Embedded() {
  static const LogEventModel model = Parse(EmbeddedModelText());
  return model;
}

const LogEventInfo* LogEventModel::Find(std::string_view provider, uint32_t id) const {
  for (const LogEventInfo& info : events_)
    if (info.id == id && SameText(info.provider, provider)) return &info;
  return nullptr;
}

bool LogEventModel::IsFrontEndService(std::string_view name) const {
  for (const std::string& known : front_end_services_)
    if (SameText(known, name)) return true;
  return false;
}

}  // namespace kst
