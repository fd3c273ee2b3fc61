# Two commands do everything from a fresh clone: `make run` and `make test`.
PYTHON_VERSION := $(shell cat .python-version)
PYTHON ?= python$(PYTHON_VERSION)
VENV := .venv
BIN := $(VENV)/bin
AXE := .cache/npm/node_modules/axe-core/axe.min.js
# Tests run with development settings; production settings have tests of their own.
TEST_ENV := DEBUG=1 SECRET_KEY=test-only-not-a-secret

.PHONY: run test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

$(AXE):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/npm axe-core@4

# Development settings unless DEBUG is given; the demo account exists only in development.
run: export DEBUG ?= 1
# The demo account's box is printed last, just before the server's own lines.
run: ADDRESS := 127.0.0.1:8000
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	if [ "$$DEBUG" = 1 ]; then $(BIN)/python manage.py seed_demo --address $(ADDRESS); \
	else echo "Serving on http://$(ADDRESS)/"; fi
	$(BIN)/python manage.py runserver $(ADDRESS)

test: $(VENV)/.installed-test $(AXE)
	.ci/install-chromium
	.ci/install-redis
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest
	$(TEST_ENV) .ci/with-postgres $(BIN)/pytest -m "not browser"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.installed
	DEBUG=1 SECRET_KEY=bench-only $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=1 SECRET_KEY=bench-only $(BIN)/python -m bench

clean:
	rm -rf $(VENV) .cache staticfiles .pytest_cache .hypothesis
