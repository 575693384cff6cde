# Two commands on a fresh machine: `make demo` (a drill with the embedded defaults)
# and `make test`. Both install what the machine lacks first.
.PHONY: demo test deps build release

deps:
	@command -v swift >/dev/null || { echo "error: Swift 6.1 or later is required (https://swift.org/install)"; exit 1; }
	@missing=""; for package in libsqlite3-dev libedit-dev; do \
	  if command -v dpkg >/dev/null && ! dpkg -s $$package >/dev/null 2>&1; then missing="$$missing $$package"; fi; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
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
