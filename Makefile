# Entry points for people and CI. Each target installs what is missing, so
# the README's two commands work on a fresh Debian 12 machine as root.
BUILD      ?= build
JOBS       ?= $(shell nproc)
DEBIAN_PACKAGES := cmake g++ make libboost-graph-dev nlohmann-json3-dev libcli11-dev doctest-dev libyaml-cpp-dev \
                   libxml2-utils libpugixml-dev libssl-dev graphviz jq spin help2man \
                   libevtx-dev libbfio-dev
# Only for `make test`: the HTML report's browser and validator, and what the package test unpacks with.
TEST_PACKAGES := chromium tidy man-db dpkg-dev file

# One clang build with ASan + UBSan + libFuzzer coverage: `make test-sanitize` runs the suite in it and
# `make fuzz` the fuzz targets (CI does both and so compiles it once). -O1, as the ASan documentation
# advises for a usable speed (the old gcc build was -O0).
SANITIZE_BUILD ?= build-sanitize
SANITIZE_CMAKE := CC=clang-14 CXX=clang++-14 cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=Debug \
                  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" -DKST_FUZZ=ON
FUZZ_BUILD   ?= $(SANITIZE_BUILD)
FUZZ_SECONDS ?= 60
VALGRIND_BUILD ?= build-valgrind

.PHONY: deps configure build demo test package test-sanitize test-valgrind tidy format format-check fuzz bench bench-steps bench-recheck bench-inputs bench-logs bench-plan bench-spin windows test-windows windows-zip clean

deps:
	@bash .ci/install-deps $(DEBIAN_PACKAGES)
	@bash .ci/install-npm-tools

# -g1 (line tables: backtraces and sanitizer reports keep file:line) instead of -g: full debug information made
# every compile about a third slower and kst_tests a 200 MB link, for variables nobody reads in CI.
configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
	  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@echo "== kst check scenarios/o1-add-owa-tap-breaks-um.json (the seed case)"
	@./$(BUILD)/kst check scenarios/o1-add-owa-tap-breaks-um.json; status=$$?; \
	  echo "== exit code $$status (1 = findings, as the scenario expects)"; \
	  test $$status -eq 1

test: build
	@bash .ci/install-deps $(TEST_PACKAGES)
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# A Debian package (CPack, cmake/Packaging.cmake): binary, model, manual page, bash completion, README, licence notes.
package: build
	@bash .ci/install-deps dpkg-dev file
	@cd $(BUILD) && cpack -G DEB

test-sanitize: deps
	@bash .ci/install-deps clang-14 libclang-rt-14-dev
	@$(SANITIZE_CMAKE) >/dev/null
	@cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	@# Left out here, each run by `make test`: the SPIN cross-checks (they compare verdicts with an external
	@# model checker; under ASan on a loaded 2-core machine pan once reported no states for a topology it checks
	@# fine otherwise), the package test (CPack, dpkg -x: packaging, not memory), the layering test (it
	@# reads the sources, runs no kst code), and the output-identity and determinism suites (the same runs of
	@# every scenario again and again, compared byte for byte: the code they reach runs under ASan in the
	@# format and scenario suites; together they were 4 of the sanitized run's 13 minutes).
	@cd $(SANITIZE_BUILD) && ctest --output-on-failure -j $(JOBS) \
	  -E '^(spin_.*|bench_spin_quick|e2e_package|layering|e2e_output_identity|e2e_determinism)$$'

# The explorer and importer end-to-end suites with every kst run under valgrind memcheck.
test-valgrind: build
	@bash .ci/install-deps valgrind
	@bash tests/valgrind_e2e.sh $(BUILD)/kst .

# clang-tidy with the curated .clang-tidy set, every finding an error, over src/.
tidy: build
	@bash .ci/install-deps clang-tidy
	@run-clang-tidy -quiet -p $(BUILD) -j $(JOBS) '$(CURDIR)/src/.*\.cpp$$' >$(BUILD)/tidy.log 2>&1; status=$$?; \
	  grep -E '(warning|error): ' $(BUILD)/tidy.log | sort -u; exit $$status

# clang-format (.clang-format) over every C++ file of src/, tests/, bench/ and fuzz/: `format` rewrites them,
# `format-check` (run by .ci/run) lists the files that differ and fails.
FORMAT_FILES = $(shell git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'bench/*.h' 'fuzz/*.cpp' 'fuzz/*.h')
format:
	@bash .ci/install-deps clang-format
	@clang-format -i $(FORMAT_FILES)

format-check:
	@bash .ci/install-deps clang-format
	@clang-format --dry-run -Werror $(FORMAT_FILES) 2>&1 | grep -o '^[^:]*:[0-9]*:[0-9]*: error' | cut -d: -f1 | sort -u | \
	  sed 's/^/not clang-formatted: /'; clang-format --dry-run -Werror $(FORMAT_FILES) >/dev/null 2>&1 && \
	  echo "format-check: $(words $(FORMAT_FILES)) files formatted"

# libFuzzer targets (clang), each run FUZZ_SECONDS; see fuzz/run_fuzzers.sh.
fuzz: deps
	@bash .ci/install-deps clang-14 libclang-rt-14-dev
	@$(SANITIZE_CMAKE) >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target kst_fuzzers
	@bash fuzz/run_fuzzers.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	@./$(BUILD)/bench/kst_bench
	@./$(BUILD)/bench/kst_bench --steps --repeat 1
	@./$(BUILD)/bench/kst_recheck_bench

# How the analysis grows with the plan's length (issue 21): 50 to 5,000 steps on 200 Front Ends.
bench-steps: build
	@./$(BUILD)/bench/kst_bench --steps --repeat 1

# A re-check of a 1,000-step plan with one step moved, with and without the class cache (issue 21).
bench-recheck: build
	@./$(BUILD)/bench/kst_recheck_bench

# Loading each kind of input (kst JSON/YAML, topology XML, .tbxml, Exchange CliXml/JSON/CSV, a snapshot
# folder, many unknown elements or keys, long FQDN lists) at 10k ... 160k items: time, peak RSS, ratio per doubling.
bench-plan: build
	@./$(BUILD)/bench/kst_plan_bench

bench-inputs: build
	@./$(BUILD)/bench/kst_input_bench --work $(BUILD)/bench-inputs

# Reading a generated 1-million-event Export-Csv file and a 500,000-event wevtutil XML stream at doubling
# sizes: time, peak RSS, ratio per doubling (docs/logs.md).
bench-logs: build
	@./$(BUILD)/bench/kst_log_bench --work $(BUILD)/bench-logs

# kst against SPIN: the seed scenario with 1, 2, 4, 8, ... Front Ends until SPIN
# passes 60 s or 8 GiB, then a realistic estate (docs/benchmarks.md).
bench-spin: build
	@./$(BUILD)/bench/kst_spin_bench --source . --work $(BUILD)/spin-bench

# Windows (issue 20): kst.exe cross-built with Debian's MinGW-w64 (cmake/windows/mingw-w64.cmake), statically
# linked, its libraries built from Debian source packages into KST_WINDOWS_DEPS by packaging/windows/build-deps.sh
# (once: a library built there is not fetched or compiled again). Not part of `make test`: these install MinGW
# and Wine. `make test-windows` runs kst.exe under Wine and compares it with the Linux kst (tests/windows/).
WINDOWS_BUILD    ?= build-windows
KST_WINDOWS_DEPS ?= $(HOME)/.cache/kst-windows-deps
export KST_WINDOWS_DEPS
# The cross compilers; the header-only libraries' Debian headers; apt-get source (dpkg-dev) and what the
# dependencies' builds use (perl for OpenSSL's Configure; autotools' configure scripts ship in the sources).
WINDOWS_PACKAGES := g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 cmake make \
                    dpkg-dev debian-archive-keyring perl pkg-config libboost-graph-dev nlohmann-json3-dev \
                    libcli11-dev doctest-dev
WINDOWS_CMAKE := cmake -S . -B $(WINDOWS_BUILD) -DCMAKE_TOOLCHAIN_FILE=cmake/windows/mingw-w64.cmake \
                 -DKST_WINDOWS_DEPS=$(KST_WINDOWS_DEPS) -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG"

windows:
	@bash .ci/install-deps $(WINDOWS_PACKAGES)
	@JOBS=$(JOBS) bash packaging/windows/build-deps.sh
	@$(WINDOWS_CMAKE) >/dev/null
	@cmake --build $(WINDOWS_BUILD) -j $(JOBS) --target kst
	@echo "windows: $(WINDOWS_BUILD)/kst.exe"

# kst.exe and the Linux kst on the same command lines under Wine, stdout, stderr and exit codes compared;
# then the unit tests cross-built (kst_tests.exe) under Wine.
test-windows: windows build
	@bash .ci/install-deps wine64
	@cmake --build $(WINDOWS_BUILD) -j $(JOBS) --target kst_tests
	@bash tests/windows/run.sh $(BUILD)/kst $(WINDOWS_BUILD)

# The release archive: kst.exe, the model, the README, the licence notes and how to relink (LGPL).
windows-zip: windows
	@bash .ci/install-deps zip
	@bash packaging/windows/make_zip.sh $(WINDOWS_BUILD) $$(sed -n -E 's/^project\(kst VERSION ([0-9.]+).*/\1/p' CMakeLists.txt)

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(FUZZ_BUILD) $(VALGRIND_BUILD) $(WINDOWS_BUILD)
