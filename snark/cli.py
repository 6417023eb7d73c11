"""``prover groth16 ...``: snarkjs-compatible Groth16 commands (mounted by :mod:`prover.cli`).

Mirrors snarkjs's argument order so it drops in:

* ``prover groth16 prove circuit.zkey witness.wtns proof.json public.json``
* ``prover groth16 verify verification_key.json public.json proof.json`` (exit 0 iff valid, else 1 with a
  one-line reason on stderr)
* ``prover groth16 setup circuit.r1cs circuit.zkey`` (dev setup - not a ceremony - writing a zkey that
  snarkjs can prove with)
* ``prover groth16 export-vk circuit.zkey verification_key.json`` (like ``snarkjs zkey export
  verificationkey``)

Timings and notes go to stderr; stdout carries only the verdict ("OK!" like snarkjs, or nothing).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Groth16 over BN254, compatible with circom and snarkjs files.")


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


def _fail(msg: str, code: int = 1) -> None:
    _err(f"error: {msg}")
    raise typer.Exit(code)


@app.command()
def prove(
    zkey: Annotated[Path, typer.Argument(help="proving key (.zkey)")],
    witness: Annotated[Path, typer.Argument(help="witness (.wtns)")],
    proof: Annotated[Path, typer.Argument(help="proof.json to write")],
    public: Annotated[Path, typer.Argument(help="public.json to write")],
) -> None:
    """Prove with a snarkjs zkey and witness; write proof.json and public.json."""
    from prover.errors import ProverError
    from snark.formats import read_wtns_limbs, read_zkey, write_proof_json, write_public_json
    from snark.groth16 import prove as g16_prove

    t0 = time.perf_counter()
    try:
        pk = read_zkey(zkey)
        t_zkey = time.perf_counter() - t0
        w = read_wtns_limbs(witness)
        if w.shape[0] != pk.n_wires:
            _fail(f"witness has {w.shape[0]} values, the proving key expects {pk.n_wires}")
        timings: dict[str, float] = {}
        t1 = time.perf_counter()
        pi = g16_prove(pk, w, timings=timings)
        t_prove = time.perf_counter() - t1
    except ProverError as exc:
        _fail(str(exc))
    from snark.bn254.fields import limbs_to_ints

    write_proof_json(proof, pi)
    write_public_json(public, limbs_to_ints(w[1:1 + pk.n_public]))
    parts = ", ".join(f"{k} {v:.3f}s" for k, v in timings.items())
    _err(f"read zkey {t_zkey:.3f}s, prove {t_prove:.3f}s ({parts}); total {time.perf_counter() - t0:.3f}s")


@app.command()
def verify(
    vkey: Annotated[Path, typer.Argument(help="verification_key.json")],
    public: Annotated[Path, typer.Argument(help="public.json")],
    proof: Annotated[Path, typer.Argument(help="proof.json")],
) -> None:
    """Verify a proof; exit 0 and print OK! iff it is valid."""
    from prover.errors import ProofFormatError, VerificationError
    from snark.formats import read_proof_json, read_public_json, read_vkey_json
    from snark.groth16 import verify as g16_verify

    t0 = time.perf_counter()
    try:
        vk = read_vkey_json(vkey)
        publics = read_public_json(public)
        pi = read_proof_json(proof)
        g16_verify(vk, publics, pi)
    except VerificationError as exc:
        _fail(f"invalid proof ({type(exc).__name__}): {exc}")
    except ProofFormatError as exc:
        _fail(f"invalid proof (malformed input): {exc}")
    _err(f"verified in {time.perf_counter() - t0:.3f}s")
    typer.echo("OK!")


@app.command()
def setup(
    r1cs: Annotated[Path, typer.Argument(help="circuit.r1cs (circom)")],
    zkey: Annotated[Path, typer.Argument(help="circuit.zkey to write")],
) -> None:
    """Dev setup - NOT A CEREMONY: single party, toxic waste sampled and discarded. Writes a snarkjs zkey."""
    from prover.errors import ProverError
    from snark.formats import read_r1cs, write_zkey
    from snark.groth16 import DEV_SETUP_WARNING
    from snark.groth16 import setup as g16_setup

    _err(f"WARNING: {DEV_SETUP_WARNING}. Use a multi-party ceremony for anything real.")
    t0 = time.perf_counter()
    try:
        cs = read_r1cs(r1cs)
        pk = g16_setup(cs)
    except ProverError as exc:
        _fail(str(exc))
    write_zkey(zkey, pk)
    _err(f"{cs.n_constraints} constraints, {cs.n_wires} wires, domain {pk.domain_size}; "
         f"dev setup - not a ceremony - in {time.perf_counter() - t0:.3f}s; wrote {zkey}")


@app.command("export-vk")
def export_vk(
    zkey: Annotated[Path, typer.Argument(help="circuit.zkey")],
    vkey: Annotated[Path, typer.Argument(help="verification_key.json to write")],
) -> None:
    """Export the verification key of a zkey (like ``snarkjs zkey export verificationkey``)."""
    from prover.errors import ProverError
    from snark.formats import read_zkey, write_vkey_json

    try:
        pk = read_zkey(zkey)
    except ProverError as exc:
        _fail(str(exc))
    write_vkey_json(vkey, pk.vk)
    _err(f"wrote {vkey} ({pk.n_public} public inputs)")
