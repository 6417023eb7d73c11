"""The ``prover`` command line.

Each command imports what it needs inside its body, so ``prover --help`` stays fast and the core never
imports ``stark``, ``snark`` or ``rollup`` at module level (DESIGN.md layers).
"""

from __future__ import annotations

import os

# The Numba threading layer must be chosen before numba is imported: an empty 2-thread prange took
# 12 ms under the OpenMP layer and 39 us under workqueue on the reference machine (DESIGN.md).
os.environ.setdefault("NUMBA_THREADING_LAYER", "workqueue")

from typing import Annotated  # noqa: E402

import typer  # noqa: E402

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="STARK and Groth16 proving engine with Numba kernels.")


def _mount_optional(name: str, module: str, help_text: str) -> None:
    """Mount a proof system's sub-command group if its package is installed in this tree."""
    import importlib

    try:
        sub = importlib.import_module(module).app
    except ModuleNotFoundError as exc:
        # Only a missing sub-package is tolerated; a broken import inside it must surface.
        if exc.name is None or not module.startswith(exc.name):
            raise
        return
    app.add_typer(sub, name=name, help=help_text)


_mount_optional("stark", "stark.cli", "Prove and verify with the STARK (Goldilocks, BLAKE3, FRI).")
_mount_optional("groth16", "snark.cli", "Groth16 over BN254, compatible with circom and snarkjs files.")


@app.command()
def demo(
    hashes: Annotated[int, typer.Option(help="Rescue-Prime chain length proven by the STARK (power of two)")]
    = 1 << 10,
    core: Annotated[bool, typer.Option(help="also benchmark the core kernels against references")] = False,
    quick: Annotated[bool, typer.Option(help="smaller sizes for --core")] = True,
) -> None:
    """Prove and verify a Rescue-Prime chain (STARK) and a Groth16 statement; print one table."""
    from prover.demo import run_demo

    if hashes < 1 or hashes & (hashes - 1):
        raise typer.BadParameter("--hashes must be a power of two")
    run_demo(quick=quick, core=core, rescue_hashes=hashes)


@app.command()
def bench(
    suite: Annotated[str, typer.Argument(help="core, stark or bn254")] = "core",
    json_path: Annotated[str | None, typer.Option("--json", help="append records to this file")] = None,
    quick: Annotated[bool, typer.Option(help="smaller sizes")] = False,
) -> None:
    """Run a benchmark suite (same as ``python -m bench SUITE``)."""
    from bench.cli import run_suite

    run_suite(suite, json_path, quick)


def main() -> None:
    """Console-script entry point."""
    app()
