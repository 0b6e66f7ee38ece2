# Every system dependency is found here, and only here.
find_package(FlatBuffers REQUIRED CONFIG)
find_program(FLATC_EXECUTABLE flatc REQUIRED)
find_package(CLI11 REQUIRED CONFIG)
find_package(nlohmann_json REQUIRED CONFIG)
find_package(Threads REQUIRED)
# Highway (libhwy-dev): portable SIMD with runtime dispatch for the fast kernels.
find_package(hwy REQUIRED CONFIG)

# XNNPACK and pthreadpool ship no CMake config in Debian: plain library + header.
foreach(dep IN ITEMS xnnpack pthreadpool)
  if(dep STREQUAL "xnnpack")
    set(lib XNNPACK)
    set(header xnnpack.h)
  else()
    set(lib pthreadpool)
    set(header pthreadpool.h)
  endif()
  find_library(LITERT_${dep}_LIBRARY ${lib})
  find_path(LITERT_${dep}_INCLUDE ${header})
  if(NOT LITERT_${dep}_LIBRARY OR NOT LITERT_${dep}_INCLUDE)
    message(FATAL_ERROR "${lib} not found: install libxnnpack-dev and libpthreadpool-dev "
                        "(scripts/setup.sh does)")
  endif()
  add_library(litert::${dep} UNKNOWN IMPORTED)
  set_target_properties(litert::${dep} PROPERTIES IMPORTED_LOCATION ${LITERT_${dep}_LIBRARY}
                        INTERFACE_INCLUDE_DIRECTORIES ${LITERT_${dep}_INCLUDE})
endforeach()
if(LITERT_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()

if(TARGET flatbuffers::flatbuffers)
  set(LITERT_FLATBUFFERS_TARGET flatbuffers::flatbuffers)
else()
  set(LITERT_FLATBUFFERS_TARGET flatbuffers::flatbuffers_shared)
endif()
