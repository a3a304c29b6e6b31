# One command runs the whole network locally; one runs the tests. Both create the environment if needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt libs/*/pyproject.toml services/*/pyproject.toml deploy/demo/pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: venv tools run test test-postgresql soak lint format bench messages clean

$(STAMP):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

venv: $(STAMP)

# docker-compose (Debian's package) validates docker-compose.yml in the tests, as no Docker engine runs here; Debian's
# Chromium is the browser Playwright drives in tests/browser (no browser download: `playwright install` is never run)
tools:
	@command -v docker-compose >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y -q docker-compose >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q docker-compose >/dev/null; }; \
	  else echo "docker-compose is needed to validate docker-compose.yml: sudo apt-get install docker-compose" >&2; exit 1; fi; }
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y -q chromium chromium-driver >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium chromium-driver >/dev/null; }; \
	  else echo "Chromium is needed for the browser tests: sudo apt-get install chromium chromium-driver" >&2; exit 1; fi; }

run: venv
	$(BIN)/python deploy/local/run.py

test: venv tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# the fault suite (tests/faults) keeps its services' data on a private PostgreSQL whatever the backend, and the browser
# suite (tests/browser) tests pages, not storage: both run once, in `make test`
test-postgresql: venv tools
	LOWE_TEST_DATABASE=postgresql $(BIN)/python -m pytest -m "not faults and not browser" $(PYTEST_ARGS)

# Jepsen-style: 1,000 opportunities at 10/s, the private broker killed every 10 s for 10 s (SOAK_ARGS=--count 100 ...)
soak: venv
	$(BIN)/python -m tests.faults.soak $(SOAK_ARGS)

# performance figures as JSON (var/bench/latest.json) and a markdown table (README, "Benchmarks");
# BENCH_ARGS=--quick for a shorter run
bench: venv
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy libs/backbone services deploy/demo

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# the portal's catalogue: every `_()` string of its templates and `N_()` of field_messages.py extracted, then merged
# into pl and en, strings no longer used dropped (translate the new msgids in each messages.po; a unit test fails while
# one is empty or unused)
PORTAL := services/gateway/lowe_gateway/portal
messages: venv
	mkdir -p var
	$(BIN)/pybabel extract --no-location --omit-header -F services/gateway/babel.cfg -o var/portal-messages.pot services/gateway
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --width 120 -i var/portal-messages.pot -d $(PORTAL)/translations

clean:
	rm -rf var $(VENV)
