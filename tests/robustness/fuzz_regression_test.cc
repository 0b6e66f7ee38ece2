// Replays every file in tests/fuzz_regressions/ (inputs the fuzzers found
// crashing, minimized) through both fuzz targets' code. Each file NAME has a
// NAME.expect beside it: a fragment of the error litert must now give (or
// "ok" when the model must now run).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz_driver.h"

namespace litert {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

TEST(FuzzRegressions, EveryFileGivesItsExpectedOutcome) {
  const fs::path dir =
      fs::path(LITERT_SOURCE_DIR) / "tests" / "fuzz_regressions";
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const fs::path p = entry.path();
    if (p.extension() == ".expect" || p.filename() == "README.md") continue;
    ++files;
    const std::string bytes = ReadFile(p);
    std::string expect = ReadFile(fs::path(p.string() + ".expect"));
    while (!expect.empty() && (expect.back() == '\n' || expect.back() == ' ')) {
      expect.pop_back();
    }
    ASSERT_FALSE(expect.empty()) << p << " has no .expect file";
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    const std::string loaded = fuzz::LoadOnly(data, bytes.size());
    const std::string ran = fuzz::LoadPrepareInvoke(data, bytes.size());
    if (expect == "ok") {
      EXPECT_EQ(ran, "ok") << p;
    } else {
      EXPECT_NE(ran.find(expect), std::string::npos)
          << p << ": expected '" << expect << "' in: " << ran;
    }
    if (loaded != "ok") EXPECT_EQ(loaded, ran) << p;
  }
  EXPECT_GT(files, 0) << "no regression files in " << dir;
}

}  // namespace
}  // namespace litert
