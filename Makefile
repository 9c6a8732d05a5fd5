# The README's two commands, `make run` and `make test`, do their own set-up: they create .venv
# with Python 3.11, install the project (again only when pyproject.toml changed), compile the
# translations when no compiled catalogue is committed, and migrate. No services are needed;
# export DATABASE_URL / REDIS_URL to use PostgreSQL / Redis instead of the embedded defaults.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null || echo python3.11)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Written after a successful install; older than pyproject.toml means "install again".
STAMP := $(VENV)/.shopagent-installed
CHROMIUM ?= /usr/bin/chromium

# `make run` serves on this address (PORT is taken by honcho, hence WEB_PORT).
export WEB_HOST ?= 127.0.0.1
export WEB_PORT ?= 8000
# The app's own address: Shopify webhooks from the sandbox store and OAuth come back here.
export APP_BASE_URL ?= http://$(WEB_HOST):$(WEB_PORT)

.PHONY: help setup install messages messages-compile migrate demo run test lint fmt typecheck migrations-check \
	schema-check pytest browser test-pg clean-var

help:
	@echo "make run     set up, migrate, load the demo store, start web + worker + beat"
	@echo "make test    set up, then lint, format check, mypy, migrations check, schema, pytest, browser"
	@echo "helpers:     make setup | migrate | demo | lint | fmt | typecheck | pytest | browser"
	@echo "             make test-pg (make test against PostgreSQL + Redis on 127.0.0.1)"
	@echo "             make messages (re-extract and compile the EN/NL catalogues)"

# --- set-up ---------------------------------------------------------------------------------

$(PY):
	@ver="$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)"; \
	if [ "$$ver" != "3.11" ]; then \
		echo "error: Python 3.11 is required (tried '$(PYTHON)': $${ver:-not found})." >&2; \
		echo "       Install python3.11 or run: make PYTHON=/path/to/python3.11 ..." >&2; \
		exit 1; \
	fi
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	@echo "Installing the project and its dev dependencies into $(VENV) ..."
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# Compiled catalogues (.mo) are committed, so a machine without gettext's msgfmt still gets
# Dutch. Compile only the catalogues that have no .mo next to their .po.
messages-compile: $(STAMP)
	@missing=""; \
	for po in $$(find locale */locale -name '*.po' -path '*LC_MESSAGES*' 2>/dev/null); do \
		[ -f "$${po%.po}.mo" ] || missing="$$missing $$po"; \
	done; \
	if [ -n "$$missing" ]; then \
		if command -v msgfmt >/dev/null 2>&1; then \
			echo "Compiling translations (no .mo for:$$missing)"; \
			$(PY) manage.py compilemessages --ignore '.venv' --ignore 'var' -v 0; \
		else \
			echo "warning: no .mo for$$missing and msgfmt is missing (apt-get install gettext)" >&2; \
		fi; \
	fi

setup: $(STAMP) messages-compile

migrate: setup
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py kb_model_build
	$(PY) manage.py demo_store --dashboard-url http://$(WEB_HOST):$(WEB_PORT)/

# Re-extract the strings and compile them (needs gettext). Commit the .po and .mo files.
messages: $(STAMP)
	$(PY) manage.py makemessages -l nl --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*'
	$(PY) manage.py makemessages -d djangojs -l nl --ignore '.venv/*' --ignore 'var/*' \
		--ignore 'static/vendor/*'
	$(PY) manage.py compilemessages --ignore '.venv' --ignore 'var'

# --- run ------------------------------------------------------------------------------------

# daphne (the production ASGI server) serves HTTP and websockets; a Celery worker and Celery
# beat run beside it. honcho starts all three from the Procfile and stops them on Ctrl-C.
run: demo
	@echo
	@echo "  Dashboard    http://$(WEB_HOST):$(WEB_PORT)/"
	@echo "  Demo shop    http://$(WEB_HOST):$(WEB_PORT)/demo-shop/  (the web chat as a shopper)"
	@echo "  Admin        http://$(WEB_HOST):$(WEB_PORT)/admin/"
	@echo "  API docs     http://$(WEB_HOST):$(WEB_PORT)/api/docs/"
	@echo "  Health       http://$(WEB_HOST):$(WEB_PORT)/healthz"
	@echo "  Log in with the demo owner printed above.  Ctrl-C stops web, worker and beat."
	@echo
	exec $(BIN)/honcho --no-colour -f Procfile start

# --- the gate -------------------------------------------------------------------------------

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: setup
	$(BIN)/mypy .

migrations-check: setup
	$(PY) manage.py makemigrations --check --dry-run -v 1

schema-check: setup
	$(PY) manage.py spectacular --validate --fail-on-warn --file /dev/null

# Everything but the browser tests; those run in their own process (STACK.md pitfall 3).
pytest: setup
	$(BIN)/pytest --ignore=tests/browser -m "not browser"

browser: setup
	@if [ -x "$(CHROMIUM)" ]; then \
		$(BIN)/pytest tests/browser -m browser -p no:cacheprovider; \
	else \
		echo "SKIPPED browser tests: $(CHROMIUM) not found (apt-get install -y chromium;"; \
		echo "        .ci/run installs it)."; \
	fi

test: lint typecheck migrations-check schema-check pytest browser
	@echo "make test: all checks passed"

test-pg:
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	$(MAKE) test

# Removes the local SQLite database, broker queue, beat schedule and screenshots.
clean-var:
	rm -rf var/
