# factdesk — `make help` lists the targets.
export GOFLAGS := -tags=sqlite_fts5
GO ?= go
DB ?= ./data/factdesk.db
ADDR ?= :8080

# The PostgreSQL pass runs the packages whose tests use migrations/dbtest,
# against FACTDESK_TEST_PG (a postgres:// URL whose role may CREATE DATABASE),
# or else against a local server reachable as the current user through its
# socket. .ci/pg-cluster starts a throwaway one; see the README.
PG_LOCAL := postgres:///postgres?host=/var/run/postgresql
PG_PACKAGES = $$($(GO) list -f '{{.ImportPath}} {{join .TestImports " "}} {{join .XTestImports " "}}' ./... | awk '$$1 !~ /dbtest$$/ && /migrations\/dbtest/ {print $$1}')

.PHONY: help run build test test-pg test-load test-race test-short generate check-generated vet lint tidy-check fmt bench bench-pg screenshots clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

run: generate ## start factdesk on http://localhost:8080 with a demo workspace
	$(GO) run ./cmd/factdesk serve --demo --db $(DB) --addr $(ADDR)

build: generate ## build the factdesk binary into ./bin
	$(GO) build -trimpath -ldflags "-s -w -X main.version=$$(git describe --always --dirty 2>/dev/null || echo dev)" -o bin/factdesk ./cmd/factdesk

generate: ## regenerate templ views
	$(GO) tool templ generate -log-level error

check-generated: ## fail when committed templ output is stale
	$(GO) tool templ generate -log-level error
	@git diff --exit-code -- '*_templ.go' || (echo "templ output is stale: run 'make generate' and commit" && exit 1)

vet: ## go vet every package
	$(GO) vet ./...

lint: vet tidy-check ## go vet, staticcheck (pinned in go.mod, run through go tool) and a tidy go.mod
	$(GO) tool staticcheck ./...

tidy-check: ## fail when go mod tidy would change go.mod or go.sum
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run 'go mod tidy' and commit"; exit 1; }

test: lint ## lint, every test on SQLite, the race detector on the concurrent packages, then PostgreSQL when one is configured or reachable
	@echo "=== SQLite pass"
	FACTDESK_TEST_PG= $(GO) test -count=1 -timeout 30m ./...
	@$(MAKE) --no-print-directory test-race
	@url="$${FACTDESK_TEST_PG:-}"; \
	if [ -z "$$url" ] && command -v psql >/dev/null 2>&1 && psql '$(PG_LOCAL)' -Atqc 'SELECT 1' >/dev/null 2>&1; then url='$(PG_LOCAL)'; fi; \
	if [ -n "$$url" ]; then FACTDESK_TEST_PG="$$url" $(MAKE) --no-print-directory test-pg; \
	else echo "PostgreSQL NOT tested: set FACTDESK_TEST_PG=postgres://... or run: export FACTDESK_TEST_PG=\$$(.ci/pg-cluster start \$$(mktemp -d))"; fi
	@if [ "$${FACTDESK_LONG:-}" = 1 ]; then $(MAKE) --no-print-directory test-load; \
	else echo "load run NOT done: FACTDESK_LONG=1 adds it (CI sets it), or run make test-load"; fi

test-load: ## the load run alone, after the tests: 200 clients pausing 0-1 s for 20 s on 20,000 claims; fails on any error, "database is locked" or RSS over 200 MB (needs wrk, curl, jq)
	@echo "=== load run"
	FD_THINK_MS=500 FD_MAX_RSS_MB=200 FD_SEED_DB= testdata/load/run.sh 200 20s 20000

test-pg: ## run the database tests against PostgreSQL at FACTDESK_TEST_PG
	@test -n "$$FACTDESK_TEST_PG" || { echo "test-pg needs FACTDESK_TEST_PG=postgres://USER:PASSWORD@HOST:PORT/DB (see README)"; exit 2; }
	@echo "=== PostgreSQL pass"
	$(GO) test -count=1 -timeout 30m $(PG_PACKAGES)

# The packages with goroutines of their own (write queue, pools, throttles,
# concurrent writers); -short leaves out the browser and the long variants.
RACE_PACKAGES = ./claims/... ./sources/... ./migrations/... ./web/auth/...

test-race: ## the race detector on the packages with concurrency (SQLite)
	@echo "=== race pass"
	FACTDESK_TEST_PG= $(GO) test -race -short -count=1 -timeout 30m $(RACE_PACKAGES)

test-short: ## unit tests only, no browser
	$(GO) test -short ./...

bench: ## run the benchmarks
	$(GO) test -run XXX -bench . -benchmem ./...

bench-pg: ## run the web benchmarks on PostgreSQL at FACTDESK_TEST_PG (FACTDESK_BENCH_CLAIMS sets the size)
	@test -n "$$FACTDESK_TEST_PG" || { echo "bench-pg needs FACTDESK_TEST_PG=postgres://... (see README)"; exit 2; }
	$(GO) test -run XXX -bench . -benchmem -timeout 60m ./web/

screenshots: ## regenerate docs/screenshots/ from the whole-desk journey
	CI=1 FACTDESK_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -count=1 -run '^TestJourneyWholeDesk$$' ./web/

fmt: ## gofmt every file
	gofmt -w $$(git ls-files '*.go')

clean: ## remove build output
	rm -rf bin
