"""Command line of the benchmark runner (see ``bench/__main__.py``)."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from bench.protocol import Emitter

app = typer.Typer(add_completion=False, help="Benchmarks in the DESIGN.md JSON-lines format.")

# suite -> (module, description). Modules are imported only when their suite runs.
SUITES: dict[str, tuple[str, str]] = {
    "core": ("bench.core_suite", "Goldilocks mul, NTT/iNTT, LDE x8, BLAKE3 Merkle trees"),
    "stark": ("bench.stark_bench", "STARK prove/verify: Fibonacci, MiMC, Rescue-Prime chain"),
    "bn254": ("bench.bn254_bench", "BN254: Fq mul, G1 add, MSM, Fr NTT, pairings"),
    "groth16": ("bench.groth16_bench", "Groth16 prove/verify of circom circuits vs snarkjs and groth16py"),
}


def run_suite(name: str, json_path: str | None = None, quick: bool = False,
              quiet: bool = False) -> list[dict]:
    """Run one suite and return its records (also printed as JSON lines unless ``quiet``).

    Raises:
        typer.BadParameter: unknown suite name.
    """
    if name not in SUITES:
        raise typer.BadParameter(f"unknown suite {name!r}; choose from {', '.join(SUITES)}")
    module = importlib.import_module(SUITES[name][0])
    emitter = Emitter(json_path, stream=None if quiet else True)
    try:
        module.run(emitter, quick=quick)
    finally:
        emitter.close()
    return emitter.records


@app.command()
def run(
    suite: Annotated[str, typer.Argument(help="core, stark or bn254")],
    json_path: Annotated[str | None, typer.Option("--json", help="append the records to this file")] = None,
    quick: Annotated[bool, typer.Option(help="smaller sizes, for a smoke run")] = False,
) -> None:
    """Run SUITE and print one JSON object per line."""
    run_suite(suite, json_path, quick)


def main() -> None:
    app()
