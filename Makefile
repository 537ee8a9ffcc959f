# Two commands set everything up on a fresh machine:
#   make demo   create .venv, install, run lobbyctl on the sample journal
#   make test   create .venv if needed, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
LOBBYCTL := $(VENV)/bin/lobbyctl
STAMP := $(VENV)/.installed

.PHONY: demo test stress bench sample clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,engine]'
	touch $(STAMP)

demo: $(STAMP)
	$(LOBBYCTL) -J journal check
	$(LOBBYCTL) -J journal show 2026-10-15 --type complain
	@if $(LOBBYCTL) report --help >/dev/null 2>&1; then \
		$(LOBBYCTL) -J journal report day 2026-10-15 && \
		$(LOBBYCTL) -J journal report month 2026-10; fi

test: $(STAMP)
	$(PY) -m pytest -q

stress: $(STAMP)
	LOBBYCTL_STRESS=full $(PY) -m pytest -q -m stress

bench: $(STAMP)
	$(PY) scripts/bench.py

# Regenerate the sample journal (deterministic: the same bytes every time).
sample: $(STAMP)
	$(PY) scripts/make_sample.py journal

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
