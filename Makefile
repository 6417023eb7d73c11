# Two commands do all set-up: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# DESIGN.md: workqueue, chosen before Numba loads (an empty prange cost 12 ms under OpenMP here).
export NUMBA_THREADING_LAYER ?= workqueue

.PHONY: demo test lint bench bench-pytest clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall when the project metadata changes; editable so the Numba cache sits beside the sources.
$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/prover demo

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -q tests

bench: $(STAMP)
	$(PY) -m bench core

# The core cases as pytest-benchmark tests (timings printed, never asserted).
bench-pytest: $(STAMP)
	$(PY) -m pytest -q bench --benchmark-only

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .benchmarks
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
