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

.PHONY: setup browser demo serve test lint bench
setup: $(BIN)/planwatch

# The end-to-end tests drive Debian's Chromium (never a downloaded browser).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

demo: setup
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/planwatch --db $(DEMO_DB) ingest samples/ samples-history/
	$(BIN)/planwatch --db $(DEMO_DB) documents
	$(BIN)/planwatch --db $(DEMO_DB) facts --indicator "thu noi dia" --limit 10
	$(BIN)/planwatch --db $(DEMO_DB) status --year 2025
	$(BIN)/planwatch --db $(DEMO_DB) tasks --scorecard --as-of 30/06/2025
	$(BIN)/planwatch --db $(DEMO_DB) check
	@echo "Web app: make serve, then open http://127.0.0.1:8000"

serve: setup
	$(BIN)/planwatch --db $(DEMO_DB) serve

test: setup browser
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check planwatch tests bench
	$(BIN)/mypy planwatch

bench: setup
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/web.py
