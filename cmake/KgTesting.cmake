# kg_add_gtest(NAME SOURCES... LIBS libs...)
# One GoogleTest executable per test area. Each gtest case becomes a ctest
# test; a case that calls GTEST_SKIP() is reported by ctest as skipped (by
# name), never as passed.
include(GoogleTest)
function(kg_add_gtest name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main
                        Threads::Threads)
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR})
  target_compile_definitions(${name} PRIVATE
    KG_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    KG_BINARY_DIR="${CMAKE_BINARY_DIR}")
  gtest_discover_tests(${name}
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
    DISCOVERY_TIMEOUT 60
    PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]")
endfunction()
