# One command each: `make serve` (set up + serve the site), `make test` (set up + run the tests).
# Everything installs into .venv from the pinned requirements files; nothing global is needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint check clean

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

test: lint  ## set up, lint, then run the whole test suite
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache
