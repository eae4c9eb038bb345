# Everything a fresh machine needs: a virtual environment in .venv with the package
# (editable) and its dependencies. `make play` and `make test` set it up on first use.
# The dependencies come from requirements.lock (every version and file hash pinned, for
# Python 3.11 on Linux; `make lock` makes it again from pyproject.toml's ranges). Their
# files are kept in .venv/wheels, so the packaging test installs the built wheel into
# fresh environments without the network.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
WHEELS := $(VENV)/wheels

.PHONY: play test lint typecheck bench bench-ui calibrate clean accel lock

$(STAMP): pyproject.toml setup.py $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip download --quiet --no-deps --require-hashes -r $(LOCK) -d $(WHEELS)
	$(BIN)/python -m pip install --quiet --no-index --find-links $(WHEELS) --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-index --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The lock file again, from pyproject.toml's ranges (newest versions that fit).
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

# The engine's compiled build (game/accel.py): made when the cache has none for the
# sources as they are; without a C compiler the plain Python engine runs.
accel: $(STAMP)
	$(BIN)/python -m game.accel build --quiet

play: accel
	$(BIN)/corridors $(if $(ARGS),play $(ARGS),)

# The results store's tests also run against PostgreSQL: .ci/postgres installs Debian's
# package when it is missing (as root); the tests start their own server from it.
# The browser test opens the game's page in Chromium: .ci/chromium installs Debian's
# package the same way.
test: accel
	bash .ci/postgres
	bash .ci/chromium
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
