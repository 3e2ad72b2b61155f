# Kozomol — the commands of the README. Everything installs into .venv from the lock files.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
BIN := $(VENV)/bin
# Django 6.1 needs Python 3.12 or newer: take the first such interpreter found.
PYTHON ?= $(shell scripts/find-python.sh)
export KOZOMOL_DATA_DIR ?= $(CURDIR)/var

.PHONY: help setup setup-dev run test test-fast lint format bench bench-full catalogs clean

help:
	@echo "make run    — set up, load the demo and serve it on http://127.0.0.1:8000 (SQLite in var/)"
	@echo "make test   — set up with dev tools, lint, and run every test (browser tests included)"
	@echo "make bench  — benchmarks (quick); make bench-full for the sizes the issues name"
	@echo "make lint   — ruff (check + format) and mypy"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Kozomol needs Python >= 3.12 (Django 6.1); none found. Set PYTHON=/path/to/python3.12" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.setup: $(BIN)/python requirements/lock.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.setup-dev: $(VENV)/.setup requirements/dev-lock.txt
	$(BIN)/pip install --quiet -r requirements/dev-lock.txt
	@touch $@

setup: $(VENV)/.setup
	$(BIN)/kozomol catalogs --compile
	$(BIN)/kozomol migrate --noinput

setup-dev: $(VENV)/.setup-dev
	$(BIN)/kozomol catalogs --compile

run: setup
	$(BIN)/kozomol demo
	@echo
	@echo "Kozomol: http://127.0.0.1:8000/  (log in with a demo login printed above; Ctrl+C stops)"
	$(BIN)/kozomol serve --host 127.0.0.1 --port 8000

lint: setup-dev
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench
	$(BIN)/mypy

format: setup-dev
	$(BIN)/ruff format src bench
	$(BIN)/ruff check --fix src bench

catalogs: setup-dev
	$(BIN)/kozomol catalogs --update --compile

# Browser tests need Debian's chromium; scripts/ensure-chromium.sh installs it when root.
test: setup-dev lint
	@scripts/ensure-chromium.sh
	KOZOMOL_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-fast: setup-dev
	KOZOMOL_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -m "not browser" -x $(PYTEST_ARGS)

bench: setup-dev
	$(BIN)/python -m bench --quick

bench-full: setup-dev
	$(BIN)/python -m bench --full

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
