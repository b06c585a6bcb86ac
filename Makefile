# gcm-report: every target sets up what it needs on first use (virtual environment,
# Python packages, and, where it can as root with apt, the system packages).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# System packages: fonts for the drafts and HarfBuzz subsetting for WeasyPrint (draft);
# PDF tools and Chromium for the tests that look at the output as a reader would (test).
DRAFT_PACKAGES := fonts-noto-cjk fonts-noto-core fonts-dejavu-core libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
TEST_PACKAGES  := $(DRAFT_PACKAGES) poppler-utils chromium default-jre-headless

.PHONY: help venv draft validate test test-fast system-deps test-deps docs clean distclean

help:
	@echo "make draft   build the draft report from submissions/ into build/"
	@echo "make test    run the whole test suite"
	@echo "make system-deps / test-deps   install the system packages (root, apt)"

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

test-deps:
	$(call apt_install,$(TEST_PACKAGES))

validate: $(STAMP)
	$(BIN)/gcm-report validate submissions/

draft: $(STAMP) system-deps
	$(BIN)/gcm-report validate submissions/

test: $(STAMP) test-deps
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser"

clean:
	rm -rf build .pytest_cache

distclean: clean
	rm -rf $(VENV) node_modules

docs: $(STAMP)
	$(BIN)/python -m gcm_report.devtools.docs
