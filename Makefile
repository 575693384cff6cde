# Two commands on a fresh machine: `make demo` (a drill with the embedded defaults)
# and `make test`. Both install what the machine lacks first.
.PHONY: demo test deps jsonschema icalendar build release man completions install install-files

# SQLite, libedit and zlib headers to build (zlib reads gzip-rotated logs given as evidence); python3 (its pty module) for the tests that drive the
# prompt through a pseudo-terminal, and its jsonschema for the schema tests (below).
PACKAGES = libsqlite3-dev libedit-dev zlib1g-dev
test: PACKAGES += python3

deps:
	@command -v swift >/dev/null || { echo "error: Swift 6.1 or later is required (https://swift.org/install)"; exit 1; }
	@missing=""; for package in $(PACKAGES); do \
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

test: deps jsonschema icalendar
	swift test

# python3's jsonschema, with which the tests validate the shipped files against schemas/:
# pip when python3 has it, else Debian's package.
jsonschema:
	@python3 -c 'import jsonschema; jsonschema.Draft202012Validator' 2>/dev/null || \
	  python3 -m pip install --quiet jsonschema 2>/dev/null || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq python3-jsonschema; else sudo apt-get install -y -qq python3-jsonschema; fi; }
	@python3 -c 'import jsonschema; jsonschema.Draft202012Validator' || { echo "error: python3's jsonschema (4.0 or later) is needed for the schema tests"; exit 1; }

# python3's icalendar (PyPI), with which a test parses `drill due --format ics`; the test's own
# strict reader runs either way.
icalendar:
	@python3 -c 'import icalendar' 2>/dev/null || python3 -m pip install --quiet icalendar 2>/dev/null || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq python3-icalendar; else sudo apt-get install -y -qq python3-icalendar; fi; } || true

# The build to ship and to measure: optimised, with the Swift runtime and Foundation linked in
# (a third less start-up work than loading them as shared libraries; see BENCHMARKS.md).
release: deps
	swift build -c release --static-swift-stdlib --scratch-path .build-release --product drill
	@echo "built .build-release/release/drill"

# The manual page, from the commands' own help (swift-argument-parser's generate-manual
# plugin, over the debug build): read it with `man ./drill.1`.
man: deps
	swift package generate-manual --configuration debug
	cp .build/plugins/GenerateManual/outputs/drill/drill.1 drill.1
	@echo "wrote drill.1 (read it with: man ./drill.1)"

# Shell completions (subcommands, options, scenario ids, run ids, files) for bash, zsh and fish.
completions: build
	mkdir -p .build/completions
	.build/debug/drill --generate-completion-script bash > .build/completions/drill.bash
	.build/debug/drill --generate-completion-script zsh > .build/completions/_drill
	.build/debug/drill --generate-completion-script fish > .build/completions/drill.fish
	@echo "wrote .build/completions/drill.bash, _drill (zsh) and drill.fish"

# `make install PREFIX=~/.local`: the release binary, the manual page and the completions
# where shells and man look for them under PREFIX.
PREFIX ?= /usr/local
DRILL_BINARY ?= .build-release/release/drill
install: release man install-files

install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(DRILL_BINARY) $(DESTDIR)$(PREFIX)/bin/drill
	install -m 644 drill.1 $(DESTDIR)$(PREFIX)/share/man/man1/drill.1
	$(DRILL_BINARY) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/drill
	$(DRILL_BINARY) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_drill
	$(DRILL_BINARY) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/drill.fish
