"""``prover demo`` / ``make demo``: the main job on embedded defaults, printed as tables.

Today the main job is the core benchmark at moderate sizes (field multiply, NTT, LDE, Merkle) against
the references measured in the same run; the proof systems add their rows as they land.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.table import Table

REFERENCE_IMPLS = ("numpy_fft", "galois", "blake3_loop", "numpy")


def core_table(records: list[dict[str, Any]]) -> Table:
    """A table of the core suite: our median beside each reference's, and the ratio ours / reference."""
    by_key: dict[tuple, dict[str, dict]] = defaultdict(dict)
    for rec in records:
        width = rec["extra"].get("width")
        by_key[(rec["case"], rec["log_n"], width)][rec["impl"]] = rec
    table = Table(title="Core kernels (medians of 5 runs after warm-up; ratio = ours / reference)")
    for col in ("case", "size", "ours (ms)", "reference", "ref (ms)", "ratio"):
        table.add_column(col, justify="right" if col not in ("case", "reference") else "left")
    for (case, log_n, width), impls in by_key.items():
        ours = impls.get("prover")
        if ours is None:
            continue
        size = f"2^{log_n}" + (f" x {width}" if width else "")
        refs = [impls[name] for name in REFERENCE_IMPLS if name in impls]
        if not refs:
            table.add_row(case, size, f"{ours['median_s'] * 1e3:.2f}", "-", "-", "-")
        for i, ref in enumerate(refs):
            table.add_row(case if i == 0 else "", size if i == 0 else "",
                          f"{ours['median_s'] * 1e3:.2f}" if i == 0 else "",
                          ref["impl"], f"{ref['median_s'] * 1e3:.2f}",
                          f"{ours['median_s'] / ref['median_s']:.3f}")
    return table


def run_demo(quick: bool = True) -> None:
    """Run the demo and print its tables to the terminal."""
    from bench.cli import run_suite

    console = Console()
    console.print("[bold]Core benchmark[/bold] (compiles the Numba kernels on the first run; cached after)")
    records = run_suite("core", quick=quick, quiet=True)
    console.print(core_table(records))
