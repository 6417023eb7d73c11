"""A small circuit, its dev-setup key, witness and proof, shared by the format tests, and byte-level
helpers to damage binfiles section by section."""

from __future__ import annotations

import random
import struct
from dataclasses import dataclass
from pathlib import Path

import pytest

from snark.circuit import Circuit
from snark.groth16 import Proof, ProvingKey, prove
from snark.groth16 import setup as dev_setup
from snark.r1cs import R1CS


@dataclass
class Small:
    r1cs: R1CS
    witness: list[int]
    publics: list[int]
    pk: ProvingKey
    proof: Proof


def make_small() -> Small:
    """y = x^3 + (x if b else 7) with x a 4-bit value: 1 public input, a few kinds of constraint."""
    c = Circuit()
    y = c.public_input("y")
    x = c.private_input("x")
    b = c.private_input("b")
    c.assert_equal(c.mul(c.mul(x, x), x) + c.select(b, x, 7), y)
    c.range_check(x, 4)
    cs = c.to_r1cs()
    w = c.witness({"x": 3, "b": 1, "y": 30})
    pk = dev_setup(cs, rng=random.Random(3))
    return Small(cs, w, [30], pk, prove(pk, w, r=5, s=6))


@pytest.fixture(scope="session")
def small() -> Small:
    return make_small()


def sections(path: Path) -> dict[int, tuple[int, int]]:
    """type -> (data offset, size) of a binfile's sections."""
    data = path.read_bytes()
    (n,) = struct.unpack_from("<I", data, 8)
    pos, out = 12, {}
    for _ in range(n):
        kind, size = struct.unpack_from("<IQ", data, pos)
        out[kind] = (pos + 12, size)
        pos += 12 + size
    return out


def rewrite_section(src: Path, dst: Path, kind: int, new: bytes) -> None:
    """Copy a binfile replacing one section's data (the size field follows)."""
    data = src.read_bytes()
    (n,) = struct.unpack_from("<I", data, 8)
    out, pos = [data[:12]], 12
    for _ in range(n):
        k, size = struct.unpack_from("<IQ", data, pos)
        body = new if k == kind else data[pos + 12:pos + 12 + size]
        out.append(struct.pack("<IQ", k, len(body)) + body)
        pos += 12 + size
    dst.write_bytes(b"".join(out))


def drop_section(src: Path, dst: Path, kind: int) -> None:
    data = src.read_bytes()
    (n,) = struct.unpack_from("<I", data, 8)
    out, pos = [data[:8], struct.pack("<I", n - 1)], 12
    for _ in range(n):
        k, size = struct.unpack_from("<IQ", data, pos)
        if k != kind:
            out.append(data[pos:pos + 12 + size])
        pos += 12 + size
    dst.write_bytes(b"".join(out))
