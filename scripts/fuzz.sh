#!/usr/bin/env bash
# Builds litert's libFuzzer targets with clang (AddressSanitizer + UndefinedBehaviorSanitizer,
# in build-fuzz) and runs each one for a while on a seed corpus of the shared models.
#
#   scripts/fuzz.sh [SECONDS]       each target SECONDS seconds (default 60), one after the other
#   FUZZ_TARGETS="fuzz_invoke" FUZZ_JOBS=2 scripts/fuzz.sh 3600    one target, an hour, 2 workers
#   FUZZ_SEED=1 scripts/fuzz.sh 60  a fixed random seed (what make test uses: the same run each time)
#
# What it finds goes to build-fuzz/crashes/ (crash-*, leak-*, timeout-*, oom-*); the run fails
# when there is anything there. Each target's growing corpus is kept in build-fuzz/corpus/NAME
# between runs. Statistics of the last run: build-fuzz/fuzz_stats.txt.
# To turn a crash into a regression test: minimize it
#   build-fuzz/fuzz/fuzz_invoke -minimize_crash=1 -max_total_time=60 -exact_artifact_path=OUT CRASH
# and check OUT in under tests/fuzz_regressions/ (the unit tests replay every file there).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
TARGETS="${FUZZ_TARGETS:-fuzz_load fuzz_invoke}"
JOBS="${FUZZ_JOBS:-1}"
SEED="${FUZZ_SEED:-0}"  # libFuzzer's random seed; 0 picks one (make fuzz-short fixes it)
CORPUS="${LITERT_CORPUS:-$(pwd)/../shared/models}"
OUT=build-fuzz
# One ccache entry for every checkout: paths under the project are hashed relative to it.
export CCACHE_BASEDIR="$(pwd)" CCACHE_NOHASHDIR=1

command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing (run scripts/setup.sh)"; exit 1; }
CC=clang CXX=clang++ cmake -S . -B "$OUT" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLITERT_FUZZ=ON \
  -DLITERT_BUILD_TESTS=OFF -DLITERT_BUILD_CLI=OFF >/dev/null
cmake --build "$OUT" -j"$(nproc)" --target $TARGETS

# Seeds: every model of the corpus up to 256 KB (most of them) and every regression file.
SEEDS="$OUT/seeds"
rm -rf "$SEEDS" && mkdir -p "$SEEDS"
if [ -d "$CORPUS" ]; then
  find "$CORPUS" -name '*.tflite' -size -256k -exec sh -c \
    'for f; do ln -sf "$(realpath "$f")" "$0/$(echo "$f" | md5sum | cut -c1-12).tflite"; done' "$SEEDS" {} +
else
  echo "fuzz: no model corpus at $CORPUS (set LITERT_CORPUS); seeding from regressions only"
fi
cp tests/fuzz_regressions/* "$SEEDS"/ 2>/dev/null || true

rm -rf "$OUT/crashes" && mkdir -p "$OUT/crashes"
: > "$OUT/fuzz_stats.txt"
for t in $TARGETS; do
  mkdir -p "$OUT/corpus/$t"
  log="$OUT/$t.log"
  echo "fuzz: $t for ${SECONDS_EACH}s ($JOBS worker(s)); log in $log"
  start=$(date +%s)
  extra=(-seed="$SEED")
  if [ "$JOBS" -gt 1 ]; then
    extra+=(-fork="$JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  fi
  rc=0
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$OUT/fuzz/$t" "$OUT/corpus/$t" "$SEEDS" -max_total_time="$SECONDS_EACH" -max_len=262144 \
    -timeout=120 -report_slow_units=120 -rss_limit_mb=4096 -malloc_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$OUT/crashes/" "${extra[@]}" >"$log" 2>&1 || rc=$?
  secs=$(( $(date +%s) - start ))
  # Executions: the final stats (one process) or the last status line (fork mode, "#N: cov:").
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
  [ -z "$runs" ] && runs=$(sed -nE 's/^#([0-9]+):?[[:space:]].*cov:.*/\1/p' "$log" | tail -1)
  corp=$(ls "$OUT/corpus/$t" | wc -l)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  line="$t: ${runs:-?} executions in ${secs}s, corpus $corp files, ${cov:-no coverage line}, exit $rc"
  echo "fuzz: $line" | tee -a "$OUT/fuzz_stats.txt"
done
found=$(ls "$OUT/crashes" | wc -l)
echo "fuzz: $found finding(s) in $OUT/crashes" | tee -a "$OUT/fuzz_stats.txt"
if [ "$found" -gt 0 ]; then
  ls -l "$OUT/crashes"
  exit 1
fi
