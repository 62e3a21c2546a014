#pragma once
// `kst model`: the semantics kst runs with, for people (text) or tools (json).

#include <ostream>
#include <string>

#include "model/model_catalog.h"

namespace kst {

void WriteModel(const ModelCatalog& model, const std::string& format, std::ostream& out);

}  // namespace kst
