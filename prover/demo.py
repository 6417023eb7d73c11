"""``prover demo`` / ``make demo``: the main job on embedded defaults, printed as one table.

The main job is proving: a Rescue-Prime Rp64_256 hash chain with the STARK (every hash of the chain
proven, 96 conjectured bits) and, when the Groth16 package is present, one Groth16 statement over BN254.
Each row is proven, verified, and then checked to be rejected for a changed public input, so the demo
shows the verifier saying no as well as yes. ``--core`` adds the kernel benchmark table (field multiply,
NTT, LDE, Merkle against numpy, galois and the blake3 package, measured in the same run).

The first run compiles the Numba kernels (two to five minutes on two cores); they are cached after.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

REFERENCE_IMPLS = ("numpy_fft", "galois", "blake3_loop", "numpy")
DEFAULT_RESCUE_HASHES = 1 << 10


@dataclass
class DemoRow:
    """One proven statement: what it says, how it was proven, and what the verifier said."""

    system: str
    statement: str
    security: str
    prove_s: float
    verify_s: float
    proof_bytes: int
    valid: bool
    tampered_rejected: bool


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


def proofs_table(rows: list[DemoRow]) -> Table:
    """The demo's main table: one row per proven statement."""
    table = Table(title="Proofs (timed once each, after compilation)")
    for col in ("system", "statement", "security", "prove s", "verify ms", "size", "valid", "forged input"):
        table.add_column(col, justify="left" if col in ("system", "statement", "security") else "right",
                         no_wrap=col in ("statement", "security"))
    for r in rows:
        table.add_row(r.system, r.statement, r.security, f"{r.prove_s:.3f}", f"{r.verify_s * 1e3:.1f}",
                      f"{r.proof_bytes / 1024:.1f} KiB" if r.proof_bytes >= 1024 else f"{r.proof_bytes} B",
                      "[green]yes[/green]" if r.valid else "[red]NO[/red]",
                      "[green]rejected[/green]" if r.tampered_rejected else "[red]ACCEPTED[/red]")
    return table


def stark_rescue_row(num_hashes: int = DEFAULT_RESCUE_HASHES, security_bits: int = 96) -> DemoRow:
    """Prove and verify a Rescue-Prime chain of ``num_hashes`` hashes; check a changed digest is rejected."""
    from stark import ProofOptions, VerificationError, prove, verify
    from stark.airs import get_air

    air_cls = get_air("rescue")
    options = ProofOptions.for_security(security_bits)
    trace, public = air_cls.example(num_hashes)
    air = air_cls(public, trace.shape[0])
    prove(air_cls(public, trace.shape[0]), trace, options)  # compile and warm the caches
    t0 = time.perf_counter()
    proof = prove(air, trace, options)
    prove_s = time.perf_counter() - t0
    data = proof.to_bytes()
    verify(air_cls, public, data)  # warm
    t0 = time.perf_counter()
    try:
        verify(air_cls, public, data)
        valid = True
    except VerificationError:
        valid = False
    verify_s = time.perf_counter() - t0
    forged = list(public)
    forged[-1] = (forged[-1] + 1) % ((1 << 64) - (1 << 32) + 1)
    try:
        verify(air_cls, forged, data)
        rejected = False
    except VerificationError:
        rejected = True
    return DemoRow("STARK", f"{num_hashes} Rescue-Prime hashes",
                   f"{options.conjectured_security_bits()} bits", prove_s, verify_s,
                   len(data), valid, rejected)


def groth16_row(chain: int = 8) -> DemoRow | None:
    """Groth16: knowledge of x with Poseidon^chain(x) = y (y public), or None without the Groth16 package.

    The keys come from the dev setup -- single party, NOT A CEREMONY -- which is fine for a demo only.
    """
    try:
        import snark.groth16  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name not in ("snark.groth16", "snark"):
            raise
        return None
    import random

    from prover.errors import VerificationError
    from snark.bn254.fields import R
    from snark.circuit import Circuit
    from snark.groth16 import prove, setup, verify
    from snark.poseidon import poseidon, poseidon_gadget

    secret = 20261124
    digest = secret
    for _ in range(chain):
        digest = poseidon([digest])
    circuit = Circuit()
    y = circuit.public_input("y")
    h = circuit.private_input("x")
    for i in range(chain):
        h = poseidon_gadget(circuit, [h], label=f"poseidon {i}")
    circuit.assert_equal(h, y, label="digest")
    pk = setup(circuit.to_r1cs(), rng=random.Random(2026))
    witness = circuit.witness({"x": secret, "y": digest})
    prove(pk, witness)  # compile and warm the caches
    t0 = time.perf_counter()
    proof = prove(pk, witness)
    prove_s = time.perf_counter() - t0
    verify(pk.vk, [digest], proof)  # warm
    t0 = time.perf_counter()
    try:
        verify(pk.vk, [digest], proof)
        valid = True
    except VerificationError:
        valid = False
    verify_s = time.perf_counter() - t0
    try:
        verify(pk.vk, [(digest + 1) % R], proof)
        rejected = False
    except VerificationError:
        rejected = True
    # Proof size: three affine points, uncompressed (G1 64 B, G2 128 B, G1 64 B).
    return DemoRow("Groth16", f"Poseidon^{chain} preimage ({circuit.n_constraints} constr.)",
                   "BN254, dev setup", prove_s, verify_s, 256, valid, rejected)


def run_demo(quick: bool = True, core: bool = False,
             rescue_hashes: int = DEFAULT_RESCUE_HASHES) -> list[DemoRow]:
    """Run the demo, print its tables, and return the proof rows.

    Args:
        quick: smaller sizes for the optional kernel table.
        core: also run the core kernel benchmark.
        rescue_hashes: length of the proven Rescue-Prime chain (a power of two).
    """
    # Piped output (make demo in CI, a log file) would default to 80 columns and wrap every cell.
    console = Console(width=None if sys.stdout.isatty() else 120)
    console.print("[bold]Proving[/bold] (the first run compiles the Numba kernels, 2-5 min; cached after)")
    rows = [stark_rescue_row(rescue_hashes)]
    g16 = groth16_row()
    if g16 is not None:
        rows.append(g16)
    console.print(proofs_table(rows))
    if core:
        from bench.cli import run_suite

        records = run_suite("core", quick=quick, quiet=True)
        console.print(core_table(records))
    return rows
