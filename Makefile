# Everything a fresh machine needs: a virtual environment in .venv with the package
# (editable) and its dependencies. `make play` and `make test` set it up on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test lint typecheck bench bench-ui calibrate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/corridors $(if $(ARGS),play $(ARGS),)

test: $(STAMP)
	$(BIN)/python -m ruff check game tests benchmarks
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

bench-ui: $(STAMP)
	$(BIN)/python benchmarks/ui.py

calibrate: $(STAMP)
	$(BIN)/corridors calibrate --runs 1000

clean:
	rm -rf $(VENV) build *.egg-info
