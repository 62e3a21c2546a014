# kst_layer(NAME DEPENDS <layers...> SOURCES <files...> [TESTS <files...>] [LINK <targets...>])
#
# One layer of src/ (docs/architecture.md): a static library kst_<NAME> built
# from an explicit source list, linked to the layers it DEPENDS on and nothing
# else. Its unit tests (doctest files beside the sources) are collected into
# the kst_tests binary. tests/layering_test.sh reads the DEPENDS line of every
# layer and fails on an #include that reaches outside it, and on a .cpp file
# under src/ that no layer lists (nothing is skipped silently).
function(kst_layer name)
  cmake_parse_arguments(PARSE_ARGV 1 LAYER "" "" "DEPENDS;SOURCES;TESTS;LINK")
  add_library(kst_${name} STATIC ${LAYER_SOURCES})
  target_include_directories(kst_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  foreach(dependency ${LAYER_DEPENDS})
    target_link_libraries(kst_${name} PUBLIC kst_${dependency})
  endforeach()
  if(LAYER_LINK)
    target_link_libraries(kst_${name} PUBLIC ${LAYER_LINK})
  endif()
  list(TRANSFORM LAYER_TESTS PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/)
  set_property(GLOBAL APPEND PROPERTY KST_UNIT_TESTS ${LAYER_TESTS})
  set_property(GLOBAL APPEND PROPERTY KST_LAYERS kst_${name})
endfunction()
