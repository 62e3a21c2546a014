#pragma once
// The estate in the HTML report (report/html_writer.cpp): the change plan,
// the topology picture with the findings' servers and broken connections in
// red (report/topology_graph.h, drawn as inline SVG), and every server's
// Known Servers Table before and after the plan (report/table_view.h
// StartTables: a fresh RTCSRV start with the base topology, then with the
// topology after the last step). Every value is escaped (report/html_escape.h).

#include <ostream>

#include "check/finding.h"
#include "model/scenario.h"
#include "report/html_picture.h"

namespace kst {

/// The plan's steps, one row each (nothing for a topology without a plan).
void WriteHtmlPlan(const Scenario& scenario, std::ostream& out);

/// The topology after the plan as a picture, with `report`'s findings.
void WriteHtmlTopology(const Scenario& scenario, const Report& report, HtmlPictures* pictures, std::ostream& out);

/// Each server's table before the plan, at its end (every end entry the
/// orders reach, from `report`'s findings), and after the next RTCSRV restart.
/// Servers whose table is the same as another server's share one table that
/// names them all, so that a large estate of alike Front Ends stays readable.
void WriteHtmlTables(const Scenario& scenario, const Report& report, std::ostream& out);

}  // namespace kst
