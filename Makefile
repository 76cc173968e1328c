# Two commands: `make demo` sets up and runs the main job; `make test` runs the tests.
# `make test-fast`: unit, grammar and SQLite tests (no PostgreSQL, no Chromium, no processes of their own).
# `make lint`: ruff and mypy --strict; `make test-far`: the whole suite with the clock moved to 2031.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := sqlite:///demo.db

$(BIN)/planwatch: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

.PHONY: setup system-packages demo serve test test-fast test-far lint bench
setup: $(BIN)/planwatch

# What the tests take from Debian: Chromium for the end-to-end tests (never a downloaded browser).
system-packages:
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

# Tests run in a random order (pytest-randomly prints its seed; `pytest --randomly-seed=N` repeats an order).
test: setup system-packages
	$(BIN)/pytest -q

FAST := not postgres and not browser and not slow
test-fast: setup
	$(BIN)/pytest -q -m "$(FAST)"

FAR_DATE := 2031-06-15
test-far: setup system-packages
	PLANWATCH_TEST_DATE=$(FAR_DATE) $(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check planwatch tests bench
	$(BIN)/ruff format --check planwatch tests bench
	$(BIN)/mypy --strict planwatch

bench: setup
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/web.py
