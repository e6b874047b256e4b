# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean install

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/dateline run --config config.example.toml

# The gates CI enforces (.ci/run calls this): format, lint, types, tests with branch coverage.
test: $(STAMP)
	$(BIN)/ruff format --check bot tests bench migrations
	$(BIN)/ruff check bot tests bench migrations
	$(BIN)/mypy bot tests
	$(BIN)/python -m pytest -q --cov --cov-report= --cov-fail-under=90

lint: $(STAMP)
	$(BIN)/ruff format --check bot tests bench migrations
	$(BIN)/ruff check bot tests bench migrations
	$(BIN)/mypy bot tests

bench: $(STAMP)
	$(BIN)/python bench/extraction.py ../shared/data/events_dev.jsonl

clean:
	rm -rf $(VENV) dateline.db
