"""snarkjs ``.wtns`` witness files (``wtns_utils.js``): binfile magic "wtns", version 2.

Section 1 (header): u32 n8 = 32, the prime r (n8 bytes LE), u32 nWitness. Section 2: nWitness values,
n8 bytes each, little-endian plain integers (not Montgomery), each < r.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from os import PathLike

import numpy as np

from snark.bn254 import limb_kernels as _lk
from snark.bn254.fields import Fr, R, ints_to_limbs, limbs_to_ints
from snark.formats.binfile import BinFile, FormatError, read_fr_header, write_binfile

MAGIC = b"wtns"
VERSION = 2
N8 = 32
SECTIONS = {1: "header", 2: "witness values"}


def read_wtns_limbs(path: str | PathLike) -> np.ndarray:
    """The witness as an ``(n, 4)`` uint64 array of canonical limbs (no per-value Python work).

    Raises:
        FormatError: bad magic/version, missing or truncated sections, a field other than BN254 Fr, or a
            value >= r.
    """
    bf = BinFile(path, MAGIC, VERSION, SECTIONS)
    hdr = read_fr_header(bf)
    n = hdr.u32("witness count")
    hdr.done()
    body = bf.section(2)
    if len(body) != n * N8:
        raise bf.error(2, f"holds {len(body)} bytes, the header announces {n} values ({n * N8} bytes)")
    limbs = np.frombuffer(body, dtype="<u8").astype(np.uint64).reshape(-1, 4)
    bad = _lk.max_geq(limbs, Fr.q)
    if bad >= 0:
        raise bf.error(2, f"value {bad} is not below r")
    return limbs


def read_wtns(path: str | PathLike) -> list[int]:
    """The witness values as Python ints (see :func:`read_wtns_limbs`)."""
    return limbs_to_ints(read_wtns_limbs(path))


def write_wtns(path: str | PathLike, values: Sequence[int]) -> None:
    """Write a version-2 ``.wtns`` file for BN254.

    Raises:
        FormatError: a value outside [0, r).
    """
    vals = [int(v) for v in values]
    for i, v in enumerate(vals):
        if not 0 <= v < R:
            raise FormatError(path, "section 2 (witness values)", f"value {i} = {v} is outside [0, r)")
    header = struct.pack("<I", N8) + R.to_bytes(N8, "little") + struct.pack("<I", len(vals))
    body = ints_to_limbs(vals).astype("<u8").tobytes() if vals else b""
    write_binfile(path, MAGIC, VERSION, [(1, header), (2, body)])
