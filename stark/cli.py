"""``prover stark prove`` / ``prover stark verify``: the STARK from the command line.

The proof file carries the statement beside the proof (like snarkjs's ``public.json``)::

    "PSTKFILE" | u32 header length | JSON header {"air", "steps", "public_inputs"} | proof bytes

``verify`` prints the statement it checked; ``--public FILE`` (a JSON list, or an object with a
``public_inputs`` list) replaces the file's public inputs with the verifier's own.
"""

from __future__ import annotations

import json
import struct
import time
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Prove and verify with the STARK (Goldilocks, BLAKE3, DEEP-ALI + FRI).")

FILE_MAGIC = b"PSTKFILE"
LONG_PROOF_ROWS = 1 << 16


def write_proof_file(path: Path, air: str, steps: int, public_inputs: list[int], proof_bytes: bytes) -> None:
    statement = {"air": air, "steps": steps, "public_inputs": [int(v) for v in public_inputs]}
    header = json.dumps(statement).encode()
    path.write_bytes(FILE_MAGIC + struct.pack("<I", len(header)) + header + proof_bytes)


def read_proof_file(path: Path) -> tuple[dict, bytes]:
    """(header, proof bytes). Raises ProofFormatError on a malformed file."""
    from prover.errors import ProofFormatError

    data = path.read_bytes()
    if len(data) < 12 or data[:8] != FILE_MAGIC:
        raise ProofFormatError("not a STARK proof file (bad magic)")
    (length,) = struct.unpack("<I", data[8:12])
    if 12 + length > len(data):
        raise ProofFormatError("proof file header truncated")
    try:
        header = json.loads(data[12:12 + length])
        if not isinstance(header, dict) or not isinstance(header.get("public_inputs"), list):
            raise ValueError("header lacks public_inputs")
    except ValueError as exc:
        raise ProofFormatError(f"bad proof file header: {exc}") from exc
    return header, data[12 + length:]


def _load_public(path: Path) -> list[int]:
    obj = json.loads(path.read_text())
    values = obj["public_inputs"] if isinstance(obj, dict) else obj
    return [int(v) for v in values]


@app.command()
def prove(
    air: Annotated[str, typer.Option(help="fibonacci, fibsq, mimc or rescue")],
    steps: Annotated[int, typer.Option(help="computation size (rows, rounds or hashes; a power of two)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="proof file to write")] = Path("proof.bin"),
    security: Annotated[int, typer.Option(help="conjectured security bits: 96 or 128")] = 96,
    fast_insecure: Annotated[bool, typer.Option("--fast-insecure", help="tiny INSECURE options, for tests")]
    = False,
) -> None:
    """Build the example computation, prove it, and write proof + public inputs to OUTPUT."""
    from rich.console import Console

    from stark import ProofOptions
    from stark import prove as stark_prove
    from stark.airs import get_air

    console = Console()
    if security not in (96, 128) and not fast_insecure:
        raise typer.BadParameter("--security must be 96 or 128")
    air_cls = get_air(air)
    options = ProofOptions.fast_insecure_for_tests() if fast_insecure else ProofOptions.for_security(security)
    t0 = time.perf_counter()
    trace, public = air_cls.example(steps)
    t_trace = time.perf_counter() - t0
    instance = air_cls(public, trace.shape[0])
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    if trace.shape[0] >= LONG_PROOF_ROWS:
        with console.status("proving") as status:
            proof = stark_prove(instance, trace, options, timings=timings,
                                progress=lambda s: status.update(f"proving: {s}"))
    else:
        proof = stark_prove(instance, trace, options, timings=timings)
    t_prove = time.perf_counter() - t0
    data = proof.to_bytes()
    write_proof_file(output, air, steps, public, data)
    console.print(f"air {air}, {steps} steps, trace {trace.shape[0]} x {trace.shape[1]}")
    console.print(f"options: {options.describe()}")
    console.print(f"security: {options.conjectured_security_bits()} conjectured bits")
    console.print(f"proof size: {len(data)} bytes ({len(data) / 1024:.1f} KiB)")
    parts = ", ".join(f"{k} {v:.3f}s" for k, v in timings.items())
    console.print(f"trace {t_trace:.3f}s, prove {t_prove:.3f}s ({parts})")
    console.print(f"wrote {output}")


@app.command()
def verify(
    proof_file: Annotated[Path, typer.Argument(help="file written by `prove`")],
    air: Annotated[str, typer.Option(help="fibonacci, fibsq, mimc or rescue")],
    steps: Annotated[int, typer.Option(help="computation size the proof must be for")],
    public: Annotated[Path | None, typer.Option("--public", help="JSON public inputs to check instead")]
    = None,
    min_security: Annotated[int, typer.Option(help="reject proofs below this many conjectured bits")] = 96,
) -> None:
    """Verify PROOF_FILE; exit 0 iff it is valid for the statement."""
    from rich.console import Console

    from prover.errors import ProofFormatError, VerificationError
    from stark import StarkProof
    from stark import verify as stark_verify
    from stark.airs import get_air

    console = Console()
    air_cls = get_air(air)
    try:
        header, data = read_proof_file(proof_file)
        public_inputs = _load_public(public) if public else [int(v) for v in header["public_inputs"]]
        proof = StarkProof.from_bytes(data)
    except (ProofFormatError, ValueError, KeyError, OSError) as exc:
        console.print(f"[red]INVALID[/red]: {type(exc).__name__}: {exc}")
        raise typer.Exit(1) from exc
    console.print(f"statement: air {air}, steps {steps}, public inputs {public_inputs}")
    try:
        expected_n = air_cls.trace_length_for(steps)
    except (ValueError, NotImplementedError) as exc:
        console.print(f"[red]INVALID[/red]: {exc}")
        raise typer.Exit(1) from exc
    if proof.trace_length != expected_n:
        console.print(f"[red]INVALID[/red]: proof is for trace length {proof.trace_length}, "
                      f"{steps} steps need {expected_n}")
        raise typer.Exit(1)
    console.print(f"security: {proof.options.conjectured_security_bits()} conjectured bits "
                  f"({proof.options.describe()})")
    console.print(f"proof size: {len(data)} bytes ({len(data) / 1024:.1f} KiB)")
    t0 = time.perf_counter()
    try:
        stark_verify(air_cls, public_inputs, proof, min_security_bits=min_security)
    except VerificationError as exc:
        console.print(f"[red]INVALID[/red]: {type(exc).__name__}: {exc}")
        raise typer.Exit(1) from exc
    console.print(f"verify {1000 * (time.perf_counter() - t0):.1f} ms")
    console.print("[green]VALID[/green]")
