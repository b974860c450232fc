# Two commands: `make run` starts the whole stack, `make test` runs every test and quality gate.
# Needs only python3 (3.11+) and make; uv is bootstrapped into .tools/ with pip when absent.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PY := .venv/bin/python

.PHONY: run test setup lint typecheck imports pytest schemas

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

setup: $(UV)
	$(UV) sync --frozen --python python3 --quiet

run: setup
	.venv/bin/gts up

test: setup lint typecheck imports pytest

lint:
	.venv/bin/ruff check .

typecheck:
	.venv/bin/mypy libs services tools

imports:
	.venv/bin/lint-imports

pytest:
	.venv/bin/pytest -p no:cacheprovider

schemas: setup
	.venv/bin/gts-contracts write
