# Turns model/kst-model.json into a C++ translation unit holding its text, so
# kst carries its semantics with it. Re-run whenever the JSON changes.
function(kst_embed_model input output)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -P ${CMAKE_SOURCE_DIR}/cmake/EmbedModelScript.cmake
    DEPENDS ${input} ${CMAKE_SOURCE_DIR}/cmake/EmbedModelScript.cmake
    COMMENT "Embedding ${input}")
endfunction()
