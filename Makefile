# Two commands for people (README): `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test setup warehouse lint typecheck lock clean bench bench-guard intake-quality

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

warehouse: setup
	$(BIN)/python -m etl build

run: warehouse
	$(BIN)/python -m streamlit run dashboard/app.py

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy etl dashboard tests benchmarks

# Benchmarks at district and province scale → benchmarks/RESULTS.md (benchmarks/README.md).
bench: setup
	$(BIN)/python -m benchmarks.run

# Peak memory of the file guard on the worst hostile files, against a normal report's floor.
bench-guard: setup
	$(BIN)/python -m benchmarks.bench_guard

# How much of what clerks send the import reads right (tests/fixtures/intake_corpus/README.md);
# `.venv/bin/python -m benchmarks.intake_quality --failures` lists the failing cases.
intake-quality: setup
	$(BIN)/python -m benchmarks.intake_quality

# Re-pin after changing dependencies in pyproject.toml.
lock: setup
	$(BIN)/python -m pip freeze --all --exclude-editable --exclude pip --exclude chodon-coverage > requirements.lock

clean:
	rm -rf $(VENV) data/warehouse.duckdb
