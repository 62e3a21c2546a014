#pragma once
// kst diagnose's output: the symptoms found, the candidate causes ranked with
// the evidence for and against each (by server and time, with the weight and
// its source), the finding kst raises and the fix; as text or JSON
// (kst-diagnose/1).

#include <ostream>

#include "check/diagnose.h"

namespace kst {

void WriteDiagnosisText(const Diagnosis& diagnosis, std::ostream& out);
void WriteDiagnosisJson(const Diagnosis& diagnosis, std::ostream& out);

}  // namespace kst
