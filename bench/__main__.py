"""``python -m bench <suite> [--json out.jsonl] [--quick]``: run a benchmark suite, one JSON line per record.

Suites: ``core`` (field mul, NTT/iNTT, LDE, Merkle), ``stark`` (proving and verifying the example AIRs),
``bn254`` (field, curve, MSM, pairing). Every record follows the line format of DESIGN.md; ratios
against the reference implementations measured in the same run are in ``extra``.
"""

from __future__ import annotations

import os

os.environ.setdefault("NUMBA_THREADING_LAYER", "workqueue")

from bench.cli import main  # noqa: E402 - the threading layer must be chosen before numba loads

if __name__ == "__main__":
    main()
