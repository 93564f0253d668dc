# The two commands: `make run` (the product on SQLite with demo data) and `make test` (every check).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

HOST ?= 127.0.0.1
PORT ?= 8000
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
# The browser tests drive Debian's chromium (Playwright's own download is not available here).
CHROMIUM := $(or $(CHROMIUM_PATH),/usr/bin/chromium)
NPM := npm --prefix frontend
export UV_LINK_MODE ?= copy

.PHONY: help run test install install-python install-frontend build-frontend \
        lint typecheck test-python test-postgres test-databases test-frontend openapi tools

help:
	@echo "make run    serve API and SPA on http://$(HOST):$(PORT) (SQLite under var/, demo data)"
	@echo "make test   every check: lint, types, tests on SQLite (and PostgreSQL with TEST_DATABASE_URL), frontend, browser"
	@echo "make openapi  regenerate openapi.yaml and the frontend's API types after an API change"

$(UV):
	python3 -m pip install --user --quiet uv

install-python: $(UV)
	$(UV) sync --frozen --quiet

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund

install-frontend: frontend/node_modules/.package-lock.json

install: install-python install-frontend

# What `make test` needs beyond uv and npm's packages, checked before anything runs: chromium is
# installed when we are root (as in CI); otherwise the run stops at once with the command to run.
tools:
	@command -v npm >/dev/null || { \
	    echo "make test needs Node.js 20.19 or later with npm (https://nodejs.org/en/download)."; \
	    exit 1; }
	@if [ ! -x "$(CHROMIUM)" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi
	@[ -x "$(CHROMIUM)" ] || { \
	    echo "The browser tests need Chromium at $(CHROMIUM). Install it, then run make test again:"; \
	    echo "    sudo apt-get install -y chromium"; \
	    echo "(or set CHROMIUM_PATH to a Chromium you already have)"; \
	    exit 1; }

build-frontend: install-frontend
	$(NPM) run build

run: install build-frontend
	$(UV) run mathshubs migrate
	$(UV) run mathshubs load-demo
	HOST=$(HOST) PORT=$(PORT) $(UV) run mathshubs serve

openapi: install
	$(UV) run mathshubs openapi
	$(NPM) run generate

lint: install-python
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run lint-imports

typecheck: install-python
	$(UV) run mypy

test-python: install-python
	# The pure domain: every branch covered, no database.
	$(UV) run pytest tests/domain -q -p no:cacheprovider \
	    --cov=api.domain --cov-branch --cov-report=term-missing:skip-covered --cov-fail-under=100
	# Everything through HTTP and the migrations, on SQLite, whatever TEST_DATABASE_URL says (the
	# report's last line names the database); the tests of parallel writers and row locks need
	# PostgreSQL and run in its pass.
	TEST_DATABASE=sqlite $(UV) run pytest tests/api tests/migrations tests/mail tests/cli tests/persistence tests/webhooks tests/examples \
	    -q -p no:cacheprovider -m "not postgres_only" --durations=10

# The PostgreSQL pass runs two servers through PgBouncer (tests/cli/test_pooler.py starts it):
# Debian's package is installed when we are root, as in CI.
test-postgres: install-python
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then \
	    if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ] \
	        && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	        echo "Installing Debian's pgbouncer for the pooler test"; \
	        apt-get update -qq; \
	        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer; \
	    fi; \
	    echo "PostgreSQL: $${TEST_DATABASE_URL}"; \
	    TEST_DATABASE=postgresql $(UV) run pytest tests/api tests/migrations tests/mail tests/persistence tests/webhooks \
	        tests/cli/test_pooler.py -q -p no:cacheprovider --durations=10; \
	elif [ "$${CI:-}" = "true" ]; then \
	    echo "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL pass cannot be skipped"; exit 1; \
	else \
	    echo "TEST_DATABASE_URL not set: skipping the PostgreSQL pass (CI always runs it)"; \
	fi

test-frontend: tools install-python install-frontend
	$(NPM) run check:generated
	$(NPM) run typecheck
	$(NPM) run lint
	$(NPM) run test:unit
	$(NPM) run build
	$(NPM) run check:bundle
	$(NPM) run test:e2e

# The SQLite and PostgreSQL passes share nothing (their own databases, free ports), so they run
# side by side; each pass's output is printed whole once it ends.
test-databases:
	$(MAKE) --no-print-directory -j2 --output-sync=target test-python test-postgres

# The frontend's checks and browser tests share nothing with them either (their own SQLite
# database, fixed ports outside the ephemeral range the database passes draw from), so all three
# run side by side: the browser tests spend much of their time waiting on the browser.
test: tools lint typecheck
	$(MAKE) --no-print-directory -j3 --output-sync=target test-python test-postgres test-frontend
