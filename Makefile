# Two commands do all set-up: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Pinned snarkjs / circom2 / circomlib for the Groth16 interop tests (tools/npm/package-lock.json).
NPM_DIR   := tools/npm
NPM_STAMP := $(NPM_DIR)/node_modules/.installed
# DESIGN.md: workqueue, chosen before Numba loads (an empty prange cost 12 ms under OpenMP here).
export NUMBA_THREADING_LAYER ?= workqueue

.PHONY: demo test lint bench bench-pytest clean clean-numba

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall when the project metadata changes; editable so the Numba cache sits beside the sources.
$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# `npm ci` installs exactly the lock file; CI=true and no TTY keep it non-interactive. Without npm the
# interop tests skip themselves with a message, so the rest of `make test` still runs.
$(NPM_STAMP): $(NPM_DIR)/package.json $(NPM_DIR)/package-lock.json
	@if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then \
		CI=true npm ci --prefix $(NPM_DIR) --no-audit --no-fund --loglevel=error </dev/null && touch $@; \
	else \
		echo "node/npm not found: the snarkjs interop tests will be skipped"; \
	fi

demo: $(STAMP)
	$(VENV)/bin/prover demo

test: $(STAMP) $(NPM_STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -q tests

bench: $(STAMP)
	$(PY) -m bench core

# The core cases as pytest-benchmark tests (timings printed, never asserted).
bench-pytest: $(STAMP)
	$(PY) -m pytest -q bench --benchmark-only

# Numba checks only the source file of the function it cached, not the kernels inlined into it from other
# modules: after editing e.g. prover/field/goldilocks_kernels.py, drop the caches or old code keeps running.
clean-numba:
	find . -path ./$(VENV) -prune -o \( -name '*.nbi' -o -name '*.nbc' \) -print0 | xargs -0 rm -f

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .benchmarks $(NPM_DIR)/node_modules .bench_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
