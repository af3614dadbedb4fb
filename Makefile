# Everything a maintainer runs: `make serve` and `make test` (both set up first).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup build serve test lint typecheck test-python test-pyodide test-browser clean offline

help:
	@echo "make serve   set up, build both scripts, serve on http://127.0.0.1:8000/"
	@echo "make build   set up and build the static site into site/"
	@echo "make test    set up and run every test (lint, types, Python, Pyodide, browser)"
	@echo "make offline build the offline bundle dist/guide-offline.zip (opens from file://)"
	@echo "make clean   remove the build output (keeps .venv and node_modules)"
	@echo "make bench   measure speed against bare Pyodide in headless Chromium, localhost and phone link (bench-results/)"

# Set-up is idempotent: each step re-runs only when its pinned inputs change.
setup: $(STAMPS)/venv $(STAMPS)/npm

# The calculators' pure-Python wheels (requirements/pyodide-wheels.txt), exact files by hash: the
# build ships them in the site's Pyodide folder, and the venv installs the same files.
WHEELS := build/wheels

$(STAMPS)/wheels: requirements/pyodide-wheels.txt
	@mkdir -p $(STAMPS)
	@test -x $(PY) || "$$(tools/find-python.sh)" -m venv $(VENV)
	rm -rf $(WHEELS)
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: --require-hashes \
		-r requirements/pyodide-wheels.txt -d $(WHEELS)
	@touch $@

$(STAMPS)/venv: requirements/build.txt requirements/test.txt requirements/constraints.txt pyproject.toml $(STAMPS)/wheels
	@mkdir -p $(STAMPS)
	@test -x $(PY) || "$$(tools/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/test.txt -c requirements/constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-index --require-hashes \
		--find-links $(WHEELS) -r requirements/pyodide-wheels.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(STAMPS)/npm: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build: setup
	$(VENV)/bin/mkdocs build --strict --clean

serve: build
	$(PY) -m mkdocs_guide.serve site --port 8000

# The whole site for reading from file:// (Material's offline plugin), zipped with its launcher.
offline: setup
	GUIDE_OFFLINE=true $(VENV)/bin/mkdocs build --strict --clean --site-dir build/offline-site
	$(PY) -m mkdocs_guide.publish.bundle build/offline-site dist/guide-offline.zip

lint: setup
	$(VENV)/bin/ruff check calculators mkdocs_guide tests tools
	$(VENV)/bin/ruff format --check calculators mkdocs_guide tests tools
	node_modules/.bin/eslint --max-warnings 0 .

typecheck: setup
	$(VENV)/bin/mypy

test-python: setup
	$(VENV)/bin/pytest -m "not pyodide and not browser" tests

test-pyodide: setup
	$(VENV)/bin/pytest -m pyodide tests

test-browser: build
	$(VENV)/bin/pytest -m browser tests

test: lint typecheck build
	$(VENV)/bin/pytest tests

clean:
	rm -rf site build dist

# Speed in headless Chromium against bare loadPyodide() in the same run, on localhost and on an emulated
# phone link, plus build times: bench-results/bench.{json,md}. make bench BENCH_ARGS="--profile phone --runs 3".
.PHONY: bench
bench: setup
	$(PY) -m tools.bench $(BENCH_ARGS)
