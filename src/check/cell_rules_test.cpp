// The rule tables against the model: every rule id kst uses is described in
// model/kst-model.json and the other way round, and each table names only
// known rules, so a rule cannot be added in one place and forgotten in another.

#include "check/cell_rules.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "check/static_rules.h"
#include "model/model_catalog.h"
#include "model/rule_ids.h"

namespace kst {
namespace {

TEST_CASE("rule ids and the model's rules are the same set") {
  std::set<std::string> ids(std::begin(rule::kAll), std::end(rule::kAll));
  std::set<std::string> described;
  for (const RuleInfo& info : ModelCatalog::Embedded().rules()) described.insert(info.id);
  CHECK(ids == described);
  CHECK(ids.size() == std::size(rule::kAll));  // no id listed twice
}

TEST_CASE("the cell rule table names known rules once, in report order") {
  std::set<std::string> seen;
  for (const CellRule& cell_rule : CellRules()) {
    CAPTURE(cell_rule.id);
    CHECK(ModelCatalog::Embedded().FindRule(cell_rule.id) != nullptr);
    CHECK(seen.insert(cell_rule.id).second);
    CHECK(FindCellRule(cell_rule.id) == &cell_rule);
  }
  CHECK(std::string(CellRules().front().id) == rule::kVersionConflict);
  CHECK(FindCellRule("kst/no-such-rule") == nullptr);
}

TEST_CASE("a class's rules follow from its judged result") {
  ClassResult result;
  result.end_absent = true;
  CHECK(FindCellRule(rule::kUnknownServer)->shows(result));
  CHECK(FindCellRule(rule::kUnknownServer)->holds(result, Severity::kError));
  // permanent here, so a transient outage elsewhere is another finding
  CHECK_FALSE(FindCellRule(rule::kUnknownServer)->holds(result, Severity::kWarning));
  CHECK_FALSE(FindCellRule(rule::kVersionConflict)->shows(result));
  result.conflict = true;
  CHECK(FindCellRule(rule::kVersionConflict)->shows(result));
}

TEST_CASE("static checks are listed once each") {
  std::set<std::string> names;
  for (const StaticRuleCheck& check : StaticRuleChecks()) CHECK(names.insert(check.name).second);
  CHECK(names == std::set<std::string>{"certificate", "clock"});
}

}  // namespace
}  // namespace kst
