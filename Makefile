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

# What the tests take from Debian: Chromium for the end-to-end tests (never a downloaded browser); tesseract's
# Vietnamese model, which reads scanned PDFs, and the DejaVu fonts the tests draw their scanned pages with.
system-packages:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	@test -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata -a -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-vie fonts-dejavu-core)

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

# Tests run in a random order (pytest-randomly): `make test SEED=N` repeats the order a run printed. Their
# stores live in memory (/dev/shm) when the machine has it: a SQLite commit there waits for no disk.
ifndef SEED
SEED := $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
endif
TEST_TMP := $(if $(wildcard /dev/shm),/dev/shm,$(or $(TMPDIR),/tmp))
# Byte code is written even where PYTHONDONTWRITEBYTECODE is set: else every run (and every xdist worker) compiles
# the package and rewrites the tests' asserts again, ~6 s of each collection.
PYTEST = env -u PYTHONDONTWRITEBYTECODE TMPDIR=$(TEST_TMP) $(BIN)/pytest -q --randomly-seed=$(SEED)
test: setup system-packages
	@echo "test order: SEED=$(SEED)"
	$(PYTEST)

# The fast tier runs in two pytest-xdist workers (each makes its own stores), with PostgreSQL's test address on a
# closed port: a test that reached the server would fail, so a green run proves the tier needs none running. It
# does not collect the API schema tests (all slow; building their cases takes seconds).
FAST := not postgres and not browser and not slow
NO_POSTGRES := postgresql://root@127.0.0.1:1/test
test-fast: setup
	@echo "test order: SEED=$(SEED)"
	PLANWATCH_TEST_PG=$(NO_POSTGRES) $(PYTEST) -m "$(FAST)" -n 2 --dist worksteal --ignore=tests/test_api_schema.py

FAR_DATE := 2031-06-15
test-far: setup system-packages
	@echo "test order: SEED=$(SEED), clock at $(FAR_DATE)"
	PLANWATCH_TEST_DATE=$(FAR_DATE) $(PYTEST)

lint: setup
	$(BIN)/ruff check planwatch tests bench
	$(BIN)/ruff format --check planwatch tests bench
	$(BIN)/mypy --strict planwatch

bench: setup
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/web.py
