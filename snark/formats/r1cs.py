"""circom's binary ``.r1cs`` files (iden3 ``r1csfile``, ``doc/r1cs_bin_format.md``): binfile magic "r1cs",
version 1.

* Section 1 (header): u32 n8, the prime (n8 bytes LE), u32 nWires, u32 nPubOut, u32 nPubIn, u32 nPrvIn,
  u64 nLabels, u32 nConstraints.
* Section 2 (constraints): per constraint, the linear combinations A, B, C; each a u32 term count then
  (u32 wire, n8-byte LE coefficient) pairs, coefficients plain (not Montgomery) and < r.
* Section 3 (wire-to-label map): nWires u64 label ids (optional here).
* Sections 4 and 5 (custom gates, PLONK-only): refused.

Wires are numbered 0 (constant), outputs, public inputs, private inputs, internal: circom's order, which
:class:`snark.r1cs.R1CS` keeps (n_public = nPubOut + nPubIn).
"""

from __future__ import annotations

import struct
from os import PathLike

import numpy as np

from snark.bn254 import limb_kernels as _lk
from snark.bn254.fields import Fr, R
from snark.formats import r1cs_kernels as _k
from snark.formats.binfile import BinFile, read_fr_header, write_binfile
from snark.r1cs import R1CS, SparseMatrix

MAGIC = b"r1cs"
VERSION = 1
N8 = 32
SECTIONS = {1: "header", 2: "constraints", 3: "wire map", 4: "custom gates list", 5: "custom gates uses"}


def read_r1cs(path: str | PathLike) -> R1CS:
    """Read a circom ``.r1cs`` file.

    Raises:
        FormatError: bad magic/version, missing or truncated sections, a prime other than BN254's r,
            inconsistent counts, a wire index >= nWires, a coefficient >= r, or custom gates.
    """
    bf = BinFile(path, MAGIC, VERSION, SECTIONS)
    hdr = read_fr_header(bf)
    n_wires = hdr.u32("nWires")
    n_out = hdr.u32("nPubOut")
    n_pub_in = hdr.u32("nPubIn")
    n_prv_in = hdr.u32("nPrvIn")
    hdr.u64("nLabels")
    m = hdr.u32("nConstraints")
    hdr.done()
    if n_wires < 1 or n_out + n_pub_in + n_prv_in >= n_wires:
        raise bf.error(1, f"nWires = {n_wires} cannot hold {n_out} outputs, {n_pub_in} public and "
                          f"{n_prv_in} private inputs plus the constant wire")
    if bf.has(4) or bf.has(5):
        raise bf.error(4 if bf.has(4) else 5, "custom gates are PLONK-only and not supported by Groth16")

    buf = np.frombuffer(bf.section(2), dtype=np.uint8)
    counts = np.zeros((3, m), dtype=np.int64)
    end, bad = _k.scan(buf, m, N8, n_wires, counts)
    if end == _k.TRUNCATED:
        raise bf.error(2, f"truncated in constraint {bad} of {m}")
    if end == _k.BAD_WIRE:
        raise bf.error(2, f"constraint {bad} refers to a wire >= nWires = {n_wires}")
    if end != buf.shape[0]:
        raise bf.error(2, f"{buf.shape[0] - end} unexpected trailing bytes after {m} constraints")
    ptrs = np.zeros((3, m + 1), dtype=np.int64)
    np.cumsum(counts, axis=1, out=ptrs[:, 1:])
    bases = np.concatenate([[0], np.cumsum(ptrs[:, -1])[:-1]]).astype(np.int64)
    total = int(ptrs[:, -1].sum())
    cols = np.empty(total, dtype=np.int64)
    offs = np.empty(total, dtype=np.int64)
    _k.fill(buf, m, N8, ptrs, bases, cols, offs)
    raw = buf[offs[:, None] + np.arange(N8)] if total else np.zeros((0, N8), np.uint8)
    limbs = np.ascontiguousarray(raw).view("<u8").astype(np.uint64).reshape(-1, 4)
    bad_val = _lk.max_geq(limbs, Fr.q)
    if bad_val >= 0:
        raise bf.error(2, f"coefficient {bad_val} (in file order) is not below r")
    vals = Fr.to_montgomery(limbs)
    mats = []
    for j in range(3):
        lo, hi = int(bases[j]), int(bases[j] + ptrs[j, -1])
        mats.append(SparseMatrix(ptrs[j].copy(), cols[lo:hi].copy(), vals[lo:hi].copy()))

    wire_labels = None
    if bf.has(3):
        sec = bf.section(3)
        if len(sec) != 8 * n_wires:
            raise bf.error(3, f"holds {len(sec)} bytes, expected {8 * n_wires} (one u64 per wire)")
        wire_labels = np.frombuffer(sec, dtype="<u8").astype(np.uint64)
    return R1CS(n_wires, n_out + n_pub_in, mats[0], mats[1], mats[2], None, n_outputs=n_out,
                n_private_inputs=n_prv_in, wire_labels=wire_labels)


def _lc_bytes(mat: SparseMatrix, row: int, raw: bytes) -> bytes:
    lo, hi = int(mat.ptr[row]), int(mat.ptr[row + 1])
    out = [struct.pack("<I", hi - lo)]
    for k in range(lo, hi):
        out.append(struct.pack("<I", int(mat.cols[k])) + raw[32 * k:32 * k + 32])
    return b"".join(out)


def write_r1cs(path: str | PathLike, r1cs: R1CS) -> None:
    """Write an R1CS as a circom ``.r1cs`` file (version 1, with an identity wire map)."""
    n_pub_in = r1cs.n_public - r1cs.n_outputs
    header = (struct.pack("<I", N8) + R.to_bytes(N8, "little")
              + struct.pack("<IIIIQI", r1cs.n_wires, r1cs.n_outputs, n_pub_in, r1cs.n_private_inputs,
                            r1cs.n_wires, r1cs.n_constraints))
    raws = [Fr.to_bytes(mat.vals, "little") if mat.nnz else b"" for mat in (r1cs.a, r1cs.b, r1cs.c)]
    body = b"".join(_lc_bytes(mat, i, raw) for i in range(r1cs.n_constraints)
                    for mat, raw in zip((r1cs.a, r1cs.b, r1cs.c), raws, strict=True))
    wire_map = np.arange(r1cs.n_wires, dtype="<u8").tobytes()
    write_binfile(path, MAGIC, VERSION, [(1, header), (2, body), (3, wire_map)])
