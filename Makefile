# Two entry points: `make run` (install the generator, regenerate everything, print a summary)
# and `make test` (install everything, run the whole suite). Each installs only what it needs:
# `run` the codegen extra, `test` the dev extra (which includes codegen and mock).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: run test install install-codegen lint check typecheck bench fuzz mutants clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# One stamp per extra: a change to pyproject.toml reinstalls, and `make test` after `make run`
# adds the dev tools to the same venv.
$(VENV)/.installed-%: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[$*]'
	touch $@

install-codegen: $(VENV)/.installed-codegen

install: $(VENV)/.installed-dev

run: install-codegen
	$(BIN)/callspec generate

test: install
	$(BIN)/python -m pytest

lint: install-codegen
	$(BIN)/callspec lint

check: install-codegen
	$(BIN)/callspec check

typecheck: install
	$(BIN)/mypy

bench: install
	$(BIN)/python benchmarks/bench_generate.py
	$(BIN)/python benchmarks/bench_client.py
	$(BIN)/python benchmarks/bench_import.py

# The spec fuzzer of the test suite, run long: FUZZ_EXAMPLES mutated specs (default 2000).
fuzz: install
	CALLSPEC_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-2000} $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/specs/test_fuzz.py --hypothesis-show-statistics

# The mutation campaign of tools/mutants: each deliberate bug regenerated, then the suite;
# MUTANTS_ARGS passes options (--only ID…, --jobs N, --baseline). Long: tens of minutes.
mutants: install
	$(BIN)/python -m tools.mutants $(MUTANTS_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache
