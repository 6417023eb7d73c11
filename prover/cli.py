"""The ``prover`` command line.

Each command imports what it needs inside its body, so ``prover --help`` stays fast and the core never
imports ``stark``, ``snark`` or ``rollup`` at module level (DESIGN.md layers).
"""

from __future__ import annotations

import os

# The Numba threading layer must be chosen before numba is imported: an empty 2-thread prange took
# 12 ms under the OpenMP layer and 39 us under workqueue on the reference machine (DESIGN.md).
os.environ.setdefault("NUMBA_THREADING_LAYER", "workqueue")

import importlib  # noqa: E402
import importlib.util  # noqa: E402
from typing import Annotated  # noqa: E402

import typer  # noqa: E402
import typer.main  # noqa: E402
from typer.core import TyperGroup  # noqa: E402

# Proof-system command groups, imported only when a command line names them: `stark` pulls in the
# Goldilocks kernels and FRI, which `prover groth16 verify` never uses (the eager import cost ~0.25 s of
# its 1.4 s on the AVX2 EPYC, where the command itself takes milliseconds).
_LAZY_GROUPS = {
    "stark": ("stark.cli", "Prove and verify with the STARK (Goldilocks, BLAKE3, FRI)."),
    "groth16": ("snark.cli", "Groth16 over BN254, compatible with circom and snarkjs files."),
}


class _LazyGroup(TyperGroup):
    """The top-level group: mounts a proof system's sub-commands the first time they are looked up."""

    def list_commands(self, ctx) -> list[str]:
        names = super().list_commands(ctx)
        return names + [n for n in _LAZY_GROUPS if n not in names and _installed(_LAZY_GROUPS[n][0])]

    def get_command(self, ctx, cmd_name: str):
        cmd = super().get_command(ctx, cmd_name)
        if cmd is None and cmd_name in _LAZY_GROUPS and _installed(_LAZY_GROUPS[cmd_name][0]):
            module, help_text = _LAZY_GROUPS[cmd_name]
            cmd = typer.main.get_group(importlib.import_module(module).app)
            cmd.name, cmd.help, cmd.short_help = cmd_name, help_text, help_text
            self.add_command(cmd, cmd_name)
        return cmd


def _installed(module: str) -> bool:
    # Only a missing sub-package hides its group; a broken import inside it surfaces when it is used.
    return importlib.util.find_spec(module.split(".")[0]) is not None


app = typer.Typer(cls=_LazyGroup, add_completion=False, no_args_is_help=True,
                  help="STARK and Groth16 proving engine with Numba kernels.")


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
