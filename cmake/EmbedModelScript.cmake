file(READ ${INPUT} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT} "// Generated from model/kst-model.json; do not edit.\n#include <string_view>\nnamespace kst {\nnamespace {\nconst char kBytes[] = {${bytes} 0};\n}\nstd::string_view EmbeddedModelText() { return std::string_view(kBytes, sizeof(kBytes) - 1); }\n}  // namespace kst\n")
