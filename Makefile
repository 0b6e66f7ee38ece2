# The two commands a user needs (see README.md):
#   make demo   install what is missing, build, run the demo model
#   make test   install what is missing, build, run every test
BUILD ?= build
JOBS ?= $(shell nproc)
PYTHON := .venv/bin/python
export LITERT_CORPUS ?= $(abspath ../shared/models)
# ccache entries that hold for any checkout of the project (paths hashed relative to it).
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

.PHONY: all setup build python demo test unit conformance reports clean bench-report sanitize \
  fuzz fuzz-short

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# The Python package into .venv, linking the core `build` made (compiled once).
python: build
	@$(PYTHON) -m pip install -q --no-build-isolation . \
	  -C cmake.define.LITERT_PREBUILT_CORE=$(abspath $(BUILD))/liblitert_core.a

demo: build python
	@$(BUILD)/litert demo-model $(BUILD)/demo.tflite
	@echo
	@$(BUILD)/litert info $(BUILD)/demo.tflite
	@echo
	@$(BUILD)/litert run $(BUILD)/demo.tflite --output $(BUILD)/demo_outputs.npz

test: build python unit conformance fuzz-short

# The libFuzzer targets (fuzz/, clang + ASan + UBSan, in build-fuzz), seeded from the model
# corpus: `make test` runs each for FUZZ_SHORT_SECONDS; `make fuzz FUZZ_SECONDS=3600` for as long
# as wanted (FUZZ_JOBS=N workers). Findings land in build-fuzz/crashes and fail the run.
FUZZ_SHORT_SECONDS ?= 60
FUZZ_SECONDS ?= 600
fuzz-short: setup
	@FUZZ_SEED=1 scripts/fuzz.sh $(FUZZ_SHORT_SECONDS)
fuzz: setup
	@scripts/fuzz.sh $(FUZZ_SECONDS)

unit:
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

conformance:
	@LITERT_BUILD=$(abspath $(BUILD)) $(PYTHON) -m pytest tests/python -q

# Regenerates the checked-in reports: docs/conformance.txt (every corpus model against the
# oracle), docs/differential.txt (per-op differential case counts) and docs/equivalence.txt
# (custom ops against equivalent builtin graphs).
reports: build
	@LITERT_BUILD=$(abspath $(BUILD)) $(PYTHON) tests/python/conformance.py --all --report docs/conformance.txt
	@cd tests/python && LITERT_BUILD=$(abspath $(BUILD)) ../../$(PYTHON) -m opgen.differential --cases 12 --report ../../docs/differential.txt
	@cd tests/python && LITERT_BUILD=$(abspath $(BUILD)) ../../$(PYTHON) -m opgen.equivalence --cases 12 --report ../../docs/equivalence.txt

# litert (XNNPACK on and off) against the official runtime over the corpus, 1 and 2 threads:
# docs/side_by_side.md (about half an hour on 2 cores; keep the machine otherwise idle).
bench-report: build
	LITERT_BUILD=$(abspath $(BUILD)) $(PYTHON) bench/side_by_side.py --all --runs 20 --warmup 3 \
	  --report docs/side_by_side.md --json $(BUILD)/side_by_side.json

clean:
	rm -rf $(BUILD)

# The unit tests and the corpus conformance harness under AddressSanitizer +
# UndefinedBehaviorSanitizer (+ LeakSanitizer), in build-sanitize (a separate build, about 25
# minutes on 2 cores from cold). Every report goes to build-sanitize/reports/; any fails the run.
SANITIZE_ENV = ASAN_OPTIONS=detect_leaks=1:log_path=$(abspath build-sanitize)/reports/asan \
  UBSAN_OPTIONS=print_stacktrace=1:log_path=$(abspath build-sanitize)/reports/ubsan
sanitize: setup
	@cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLITERT_SANITIZE=ON >/dev/null
	@cmake --build build-sanitize -j$(JOBS)
	@rm -rf build-sanitize/reports && mkdir -p build-sanitize/reports
	@cd build-sanitize && $(SANITIZE_ENV) ctest --output-on-failure -j$(JOBS)
	@$(SANITIZE_ENV) LITERT_BUILD=$(abspath build-sanitize) $(PYTHON) tests/python/conformance.py \
	  --all --report build-sanitize/conformance.txt | tail -1
	@n=$$(ls build-sanitize/reports | wc -l); echo "sanitize: $$n report(s) in build-sanitize/reports"; \
	  test $$n -eq 0
