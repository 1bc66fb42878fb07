# The Debian package for a lab's machines (CPack's DEB generator):
#
#     cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
#     cmake --build build --target package    # build/daemon-steps_1.0.0_amd64.deb
#     sudo apt-get install ./build/daemon-steps_1.0.0_amd64.deb
#
# It holds what `cmake --install` installs, under /usr: the programs, their
# manual pages, and the docs with the homework (share/doc/daemon-steps).
# dpkg-shlibdeps (Debian's dpkg-dev) finds the libraries the programs link,
# ncurses among them, and names their packages as the dependencies; without
# it the package is not made (cpack-checks.cmake).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME daemon-steps)
set(CPACK_PACKAGE_CONTACT "daemon-steps maintainers <maintainers@users.noreply.r-seed-f1813a4a.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "how a Unix program becomes a daemon, step by step, on real processes")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "daemon-steps shows how a Unix program becomes a daemon: fork, setsid, fork
again, chdir, umask, close the descriptors, reopen stdin, stdout and stderr,
one small program per step, each recording the process's state from /proc.
daemon-demo runs the whole chain, daemon-viewer replays it in the terminal,
daemon-trace follows a real program as it daemonizes and checks it against the
daemon checklist. With manual pages, a tutorial, slides and a homework.")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/cpack-checks.cmake)	# ...or stop
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS man-db)	# man daemon-demo
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "mdp, tmux")	# the slides, presented beside a shell
set(CPACK_STRIP_FILES ON)
include(CPack)
