# Two commands: `make demo` sets up and runs the main job; `make test` runs the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := sqlite:///demo.db

$(BIN)/planwatch: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

.PHONY: setup demo test lint bench
setup: $(BIN)/planwatch

demo: setup
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/planwatch --db $(DEMO_DB) ingest samples/
	$(BIN)/planwatch --db $(DEMO_DB) documents
	$(BIN)/planwatch --db $(DEMO_DB) facts --indicator "thu noi dia" --limit 10

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check planwatch tests bench
	$(BIN)/mypy planwatch

bench: setup
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/speed.py
