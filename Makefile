# factdesk — `make help` lists the targets.
export GOFLAGS := -tags=sqlite_fts5
GO ?= go
DB ?= ./data/factdesk.db
ADDR ?= :8080

.PHONY: help run build test test-short generate check-generated vet fmt bench clean

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

test: ## run every test (browser tests need Chromium; see README)
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...

test-short: ## unit tests only, no browser
	$(GO) test -short ./...

bench: ## run the benchmarks
	$(GO) test -run XXX -bench . -benchmem ./...

fmt: ## gofmt every file
	gofmt -w $$(git ls-files '*.go')

clean: ## remove build output
	rm -rf bin
