# Một Cửa — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests use PostgreSQL when DATABASE_URL is set or a local server answers, else SQLite.
LOCAL_PG := postgres://postgres@127.0.0.1:5432/onestop
TEST_DATABASE_URL = $(or $(DATABASE_URL),$(shell $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null && echo $(LOCAL_PG)))

.PHONY: help install install-dev run serve migrate demo test fuzz audit lint format typecheck bench messages clean

help:
	@echo "make run    - install, migrate, load demo data and serve http://$(HOST):$(PORT)"
	@echo "make test   - ruff, mypy, then the whole pytest suite"
	@echo "make fuzz   - schemathesis against the API schema on a fresh server (about 3 minutes)"
	@echo "make audit  - pip-audit of every pinned package"
	@echo "make bench  - benchmarks (see bench/README.md)"

$(VENV)/.runtime: pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) --upgrade pip
	$(PIP) -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PIP) -e ".[dev]"
	@touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy onestop procedures dossiers feedback
	@echo "database for tests: $(if $(TEST_DATABASE_URL),PostgreSQL,SQLite (PostgreSQL-only tests are skipped))"
	$(if $(TEST_DATABASE_URL),DATABASE_URL="$(TEST_DATABASE_URL)") $(BIN)/pytest $(PYTEST_ARGS)

fuzz: install
	.ci/schemathesis

audit:
	.ci/pip-audit

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install-dev
	$(BIN)/mypy onestop procedures dossiers feedback

bench: install-dev
	$(BIN)/python -m bench

messages: install-dev
	$(BIN)/python manage.py makemessages --locale en --ignore ".venv/*" --ignore "var/*" --no-obsolete
	$(BIN)/python manage.py makemessages --locale en --domain djangojs --ignore ".venv/*" --ignore "var/*" --no-obsolete
	$(BIN)/python manage.py compilemessages --locale en --ignore ".venv/*"

clean:
	rm -rf $(VENV) .venv-fuzz .venv-audit var .pytest_cache .ruff_cache .mypy_cache .hypothesis
