# gcm-report: every target sets up what it needs on first use (virtual environment,
# Python packages, and, where it can as root with apt, the system packages).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# System packages: fonts for the drafts and HarfBuzz subsetting for WeasyPrint (draft);
# PDF tools and Chromium for the tests that look at the output as a reader would (test).
# Fonts (print.css and the chart name them; `gcm-report doctor` checks them, render/fonts.py
# LANGUAGE_FONTS): Noto Serif/Sans CJK SC for Chinese (fonts-noto-cjk); Liberation Serif and Sans,
# metric-compatible with Times New Roman and Arial, for English, French, Spanish and Russian,
# Cyrillic included, and for the Latin text of the Arabic version (fonts-liberation); Noto Naskh
# Arabic and Noto Sans Arabic for Arabic (fonts-noto-core); DejaVu for the few characters
# Liberation lacks (French numbers' U+202F narrow no-break space); fontconfig brings fc-list,
# which doctor and the pre-render coverage check ask.
FONT_PACKAGES  := fonts-noto-cjk fonts-noto-core fonts-liberation fonts-dejavu-core fontconfig
DRAFT_PACKAGES := $(FONT_PACKAGES) libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
TEST_PACKAGES  := $(DRAFT_PACKAGES) poppler-utils chromium default-jre-headless

NODE_STAMP := node_modules/.installed-stamp
THEME      := templates/default

.PHONY: help venv draft validate test test-fast fuzz bench system-deps test-deps fonts doctor pdf-preview browser-deps node-deps node-packages messages screenshots docs clean distclean

help:
	@echo "make draft   build the draft report from submissions/ into build/"
	@echo "make test    run the whole test suite"
	@echo "make fuzz    fuzz validation and aggregation for ten minutes (FUZZ_SECONDS=600)"
	@echo "make system-deps / test-deps   install the system packages (root, apt)"
	@echo "make fonts   install the fonts of the PDF drafts (root, apt), then run gcm-report doctor"
	@echo "make doctor   can this machine print the PDF drafts? (versions, subsetting, fonts per language)"
	@echo "make pdf-preview   PNG pages of build/report.*.pdf into build/pdf-preview/ (to look at)"
	@echo "make browser-deps   axe-core and the Nu HTML Checker from npm (package-lock.json) for the browser tests"
	@echo "make messages   extract the theme's messages and update its catalogues (locales/*/messages.po)"
	@echo "make screenshots   screenshots of both drafts into build/screenshots/ (to look at)"
	@echo "make bench   speed and memory against the parser's floor and headless Chromium into docs/performance.md (~40 min)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

venv: $(STAMP)

# Installs only what is missing; says what to run when it cannot install (not root, no apt).
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing system packages:$$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "Missing system packages:$$missing"; \
	  echo "Install them with: sudo apt-get install$$missing"; \
	fi
endef

system-deps:
	$(call apt_install,$(DRAFT_PACKAGES))

fonts: $(STAMP)
	$(call apt_install,$(FONT_PACKAGES) libharfbuzz-subset0)
	$(BIN)/gcm-report doctor

doctor: $(STAMP)
	$(BIN)/gcm-report doctor

pdf-preview: $(STAMP)
	$(call apt_install,poppler-utils)
	@mkdir -p build/pdf-preview
	@for f in build/report.*.pdf; do [ -e "$$f" ] || { echo "no build/report.*.pdf: make draft first"; exit 1; }; \
	  n=$$(basename $$f .pdf); pdftoppm -png -r 60 $$f build/pdf-preview/$$n; done
	@echo "pages in build/pdf-preview/"

test-deps:
	$(call apt_install,$(TEST_PACKAGES))

validate: $(STAMP)
	$(BIN)/gcm-report validate submissions/

draft: $(STAMP) system-deps
	$(BIN)/gcm-report build submissions/

# npm itself, only when there is none (a NodeSource Node.js already brings its own npm, and
# Debian's npm package would conflict with it).
node-deps:
	@if ! command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node-packages; fi

node-packages:
	$(call apt_install,nodejs npm)

# The checkers the browser tests run, pinned by package-lock.json; install scripts are skipped
# (vnu-jar's would download a Java runtime: Debian's default-jre-headless runs vnu.jar).
browser-deps: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@$(MAKE) --no-print-directory node-deps
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

test: $(STAMP) test-deps browser-deps
	$(BIN)/python -m pytest

screenshots: $(STAMP) test-deps browser-deps
	GCM_SCREENSHOTS=build/screenshots $(BIN)/python -m pytest -q -m browser tests/browser -k axe
	@echo "screenshots in build/screenshots/"

messages: $(STAMP)
	$(BIN)/pybabel -q extract -F $(THEME)/babel.cfg -o $(THEME)/locales/messages.pot \
	    --no-location --sort-output --omit-header $(THEME)
	$(BIN)/pybabel -q update -i $(THEME)/locales/messages.pot -d $(THEME)/locales \
	    --no-fuzzy-matching --ignore-obsolete -w 100

# Hypothesis, for ten minutes in all (tests/hostile/test_hostile_fuzz.py; profile in tests/hostile/):
# round after round of fresh examples; a failure is saved in .hypothesis/ and replayed first next time.
FUZZ_SECONDS ?= 600

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest -q -s tests/hostile/test_hostile_fuzz.py

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser"

clean:
	rm -rf build .pytest_cache

distclean: clean
	rm -rf $(VENV) node_modules

# The generated files: docs/cli.md, rules.md, format.md and the JSON twins of the package's YAML data
# (reference/data/compiled.json, messages/compiled.json). `make test` fails when one is out of date.
docs: $(STAMP)
	$(BIN)/python -m gcm_report.devtools.docs

# Measurements side by side with their references (never part of `make test`); writes docs/performance.md.
bench: $(STAMP) test-deps
	$(BIN)/python bench/run.py
