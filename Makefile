# Padan — quick start: `make demo`, then `make test`.
SWIFT ?= swift
RELEASE_BIN = .build/release/padan
DEBUG_BIN = .build/debug/padan

.PHONY: deps build release demo demo-team demo-fetch test bench fuzz eval format clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## The main job on the bundled corpus: a fresh store, the seed pair added and shown side by side.
demo: release
	$(RELEASE_BIN) demo

## The team store: a throwaway PostgreSQL cluster, 20 pairs imported by two workers, two reviewers' screens.
demo-team: release
	bash scripts/demo-team.sh $(RELEASE_BIN)

## Fetching the original a translation cites, offline: a loopback site plays reuters.com.
demo-fetch: release
	bash scripts/demo-fetch.sh $(RELEASE_BIN)

## The whole test suite (unit, store on SQLite and on a throwaway PostgreSQL cluster, CLI end to
## end, review screen in tmux). The cluster lives in a temporary folder for the run only.
test: deps
	$(SWIFT) build
	PADAN_BIN=$(CURDIR)/$(DEBUG_BIN) bash scripts/with-postgres.sh $(SWIFT) test

## Quality on the shared gold sets (segmentation and alignment), release build.
eval: release
	bash scripts/eval.sh $(RELEASE_BIN)

## Speed and memory figures, release build (see docs/BENCHMARKS.md).
bench: release
	bash scripts/bench.sh $(RELEASE_BIN)

## libFuzzer on cleaning + segmentation for 60 s (FUZZ_SECONDS=N to change); prints executions and crashes.
fuzz: deps
	bash scripts/fuzz.sh

clean:
	rm -rf .build
