# Two commands set everything up on a fresh machine:
#   make demo   create .venv, install, run lobbyctl on the sample journal
#   make test   create .venv if needed, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
LOBBYCTL := $(VENV)/bin/lobbyctl
STAMP := $(VENV)/.installed
DEMO ?= build/demo

.PHONY: demo test stress bench bench-region spark-check sample clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,engine]'
	touch $(STAMP)

demo: $(STAMP)
	$(LOBBYCTL) -J journal check
	$(LOBBYCTL) -J journal show 2026-10-15 --type complain
	$(LOBBYCTL) -J journal report day 2026-10-15
	$(LOBBYCTL) -J journal report month 2026-10
	@# the forms a branch head opens, prints and signs, outside the journal
	$(LOBBYCTL) -J journal report month 2026-10 --format xlsx -o $(DEMO)/month-2026-10.xlsx
	$(LOBBYCTL) -J journal report month 2026-10 --format html -o $(DEMO)/month-2026-10.html
	$(LOBBYCTL) -J journal report day 2026-10-15 --format xlsx -o $(DEMO)/day-2026-10-15.xlsx
	$(LOBBYCTL) -J journal report day 2026-10-15 --format html -o $(DEMO)/day-2026-10-15.html
	$(LOBBYCTL) -J journal report month 2026-10 --format text --lang en -o $(DEMO)/month-2026-10.en.txt
	@echo "The forms are in $(DEMO)/: open the .html in a browser to print, the .xlsx in Excel."

test: $(STAMP)
	$(PY) -m pytest -q

stress: $(STAMP)
	LOBBYCTL_STRESS=full $(PY) -m pytest -q -m stress

bench: $(STAMP)
	$(PY) scripts/bench.py

# The region's figures (issue 11): 200 branches x a month, 20 branches x a year
# (generated into bench-data/ the first time: several minutes).
bench-region: $(STAMP)
	LOBBYCTL_BENCH_REGION=only $(PY) scripts/bench.py

# PySpark (local mode, its own environment; needs Java) reads a region's dataset
# with the README's SQL and must find lobbyctl region table's figures.
SPARK_VENV ?= build/spark-venv
SPARK_REGION ?= build/spark-region
$(SPARK_VENV)/.installed:
	$(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check pyspark
	touch $@

spark-check: $(STAMP) $(SPARK_VENV)/.installed
	$(PY) scripts/make_region.py $(SPARK_REGION) --branches 3 --from 2026-09-20 --to 2026-10-31 --busyness 60
	$(SPARK_VENV)/bin/python scripts/spark_check.py $(SPARK_REGION) $(abspath $(LOBBYCTL)) 2026-09-20 2026-10-31

# Regenerate the sample journal (deterministic: the same bytes every time).
sample: $(STAMP)
	$(PY) scripts/make_sample.py journal

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
