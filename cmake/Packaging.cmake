# kst installs like a tool: the binary, its manual page made from its own help
# (help2man), bash completion made from its own command table, the model it
# embeds (for reading), README and licence notes; `make package` (CPack) makes
# a Debian package of the same files. tests/e2e/run_package.sh installs that
# package into a scratch root and runs it from there.
include(GNUInstallDirs)

set(KST_MAN_PAGE ${CMAKE_BINARY_DIR}/kst.1)
set(KST_COMPLETION ${CMAKE_BINARY_DIR}/kst.bash-completion)

# Both are made by running the built binary: its help is the one source of
# the commands, options, formats and readings, so neither can go stale.
find_program(HELP2MAN help2man)
if(HELP2MAN)
  add_custom_command(
    OUTPUT ${KST_MAN_PAGE} ${KST_MAN_PAGE}.gz
    COMMAND bash ${CMAKE_SOURCE_DIR}/packaging/make_manpage.sh ${HELP2MAN} $<TARGET_FILE:kst> ${KST_MAN_PAGE}
    DEPENDS kst ${CMAKE_SOURCE_DIR}/packaging/make_manpage.sh
    COMMENT "Making the manual page kst.1 from kst --help (help2man)")
  add_custom_target(kst_manpage ALL DEPENDS ${KST_MAN_PAGE})
  install(FILES ${KST_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found: no manual page (apt-get install help2man, or make deps)")
endif()
add_custom_command(
  OUTPUT ${KST_COMPLETION}
  COMMAND bash ${CMAKE_SOURCE_DIR}/packaging/make_completion.sh $<TARGET_FILE:kst> ${KST_COMPLETION}
  DEPENDS kst ${CMAKE_SOURCE_DIR}/packaging/make_completion.sh
  COMMENT "Making bash completion from kst's help")
add_custom_target(kst_completion ALL DEPENDS ${KST_COMPLETION})

install(TARGETS kst RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${KST_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME kst)
install(FILES ${CMAKE_SOURCE_DIR}/model/kst-model.json DESTINATION ${CMAKE_INSTALL_DATADIR}/kst)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/packaging/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kst)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "kst maintainers <kst@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "checks whether a Lync / Skype for Business change breaks the Known Servers Table")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "kst loads a Lync topology or a what-if scenario, explores every order of the asynchronous events a change "
       "plan allows, and reports, before deployment, event 14563 conflicts, servers missing from a Known Servers "
       "Table, certificate subjects and clocks that break Exchange UM and OWA IM integration.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # kst_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # libyaml-cpp, libpugixml, libssl: from the binary, by dpkg-shlibdeps
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "graphviz")  # --format svg and html pictures
set(CPACK_STRIP_FILES ON)
set(CPACK_SET_DESTDIR OFF)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
