# `make run` and `make test` do all set-up on a fresh Debian machine, and are fast the second time.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PYTHON ?= python3

.PHONY: run test system setup lint clean bundle

run: setup
	$(PY) main.py $(ARGS)

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	$(PY) main.py --check-content
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest $(PYTEST_ARGS)

setup: system $(STAMP)

system:
	@sh scripts/setup-system.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# One archive for kiosk PCs without internet: the committed tree and every wheel (see "Offline bundle" in README.md).
bundle: setup
	PYTHON=$(PY) sh scripts/make-bundle.sh build

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
