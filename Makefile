# Everything a fresh machine needs: a virtual environment in .venv with the package
# (editable) and its dependencies. `make play` and `make test` set it up on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test lint typecheck bench bench-ui calibrate clean accel

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The engine's compiled build (game/accel.py): made when the cache has none for the
# sources as they are; without a C compiler the plain Python engine runs.
accel: $(STAMP)
	$(BIN)/python -m game.accel build --quiet

play: accel
	$(BIN)/corridors $(if $(ARGS),play $(ARGS),)

# The results store's tests also run against PostgreSQL: .ci/postgres installs Debian's
# package when it is missing (as root); the tests start their own server from it.
test: accel
	bash .ci/postgres
	$(BIN)/python -m ruff check game tests benchmarks
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: accel
	$(BIN)/python benchmarks/run.py

bench-ui: accel
	$(BIN)/python benchmarks/ui.py

calibrate: accel
	$(BIN)/corridors calibrate --runs 1000

clean:
	rm -rf $(VENV) build *.egg-info
