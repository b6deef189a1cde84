# Two entry points: `make run` (install, regenerate everything, print a summary) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint check typecheck bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/callspec generate

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/callspec lint

check: install
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

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache
