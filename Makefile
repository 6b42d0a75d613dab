# One command each: `make serve` (set up + serve the site), `make test` (set up + run the tests).
# Everything installs into .venv (and, for the tests on ProperDocs, .venv-properdocs) from the
# pinned requirements files; nothing global is needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

# ProperDocs, the continuation of MkDocs 1.x, in a venv of its own (README, "Dependencies").
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_BIN  := $(PROPERDOCS_VENV)/bin
# The tests that run the site engine (real builds, failed builds, serve), run again on ProperDocs.
# The others do not depend on the engine: the core never imports it, and the browser and HTML
# tests read a site that tests/site/test_properdocs.py shows both engines build alike.
ENGINE_TESTS := tests/site tests/safety/test_escaping.py tests/safety/test_reproducible.py

.PHONY: serve build test test-properdocs lint check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt tests/browser/package-lock.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@# axe-core for the accessibility checks; the browser itself is Debian's chromium (see README).
	if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --silent; \
	else echo "npm not found: the browser tests will be skipped"; fi
	touch $(VENV)/.runtime $@

$(PROPERDOCS_BIN)/python:
	$(PYTHON) -m venv $(PROPERDOCS_VENV)

$(PROPERDOCS_VENV)/.dev: requirements.txt requirements-dev.txt requirements-properdocs.txt | $(PROPERDOCS_BIN)/python
	$(PROPERDOCS_BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	touch $@

serve: $(VENV)/.runtime  ## set up, then serve the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve

build: $(VENV)/.runtime  ## set up, then build the site into site/ (fails on any problem)
	$(BIN)/mkdocs build --strict

check: $(VENV)/.runtime  ## validate data/ and docs/ only (fast; what the pre-commit hook runs)
	PYTHONPATH=hooks $(BIN)/python -m factbook check

lint: $(VENV)/.dev  ## ruff and mypy (settings in pyproject.toml); zero findings expected
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests
	$(BIN)/mypy

test: lint $(PROPERDOCS_VENV)/.dev  ## set up, lint, run the whole suite, then the engine's tests on ProperDocs
	$(BIN)/python -m pytest
	$(PROPERDOCS_BIN)/python -m pytest $(ENGINE_TESTS)

test-properdocs: $(VENV)/.dev $(PROPERDOCS_VENV)/.dev  ## only the engine's tests, on ProperDocs
	$(PROPERDOCS_BIN)/python -m pytest $(ENGINE_TESTS)

clean:
	rm -rf site .pytest_cache
