# Two commands on a fresh machine: `make demo` (a drill with the embedded defaults)
# and `make test`. Both install what the machine lacks first.
.PHONY: demo test deps build release

deps:
	@command -v swift >/dev/null || { echo "error: Swift 6.1 or later is required (https://swift.org/install)"; exit 1; }
	@if command -v dpkg >/dev/null && ! dpkg -s libsqlite3-dev >/dev/null 2>&1; then \
	  echo "Installing libsqlite3-dev"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libsqlite3-dev; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq libsqlite3-dev; fi; \
	fi

build: deps
	swift build

demo: build
	swift run --skip-build drill run

test: deps
	swift test

# The build to ship and to measure: optimised, with the Swift runtime and Foundation linked in
# (a third less start-up work than loading them as shared libraries; see BENCHMARKS.md).
release: deps
	swift build -c release --static-swift-stdlib --scratch-path .build-release --product drill
	@echo "built .build-release/release/drill"
