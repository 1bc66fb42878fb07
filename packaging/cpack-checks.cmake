# Read by cpack as it makes the package (CPACK_PROJECT_CONFIG_FILE). Without
# dpkg-shlibdeps, CPack would make a package that names no dependency, not
# even ncurses, and say so only in passing: stop instead.
cmake_policy(SET CMP0109 NEW)	# executable, as CPack itself asks
find_program(DPKG_SHLIBDEPS dpkg-shlibdeps)
if(NOT DPKG_SHLIBDEPS)
  message(FATAL_ERROR "the package's dependencies are named by dpkg-shlibdeps, which is not "
    "installed: apt-get install dpkg-dev")
endif()
