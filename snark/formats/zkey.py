"""snarkjs Groth16 ``.zkey`` proving keys (``zkey_utils.js``, ``zkey_new.js``): binfile "zkey", version 1.

Sections (all little-endian; points as :mod:`snark.bn254.serialize`'s zkey encoding - Montgomery
coordinates, infinity all zeros):

1. protocol: u32 1 (Groth16).
2. Groth16 header: u32 n8q, q, u32 n8r, r, u32 nVars, u32 nPublic, u32 domainSize, then alpha_1, beta_1,
   beta_2, gamma_2, delta_1, delta_2.
3. IC: nPublic + 1 G1 points.
4. coefficients: u32 count, then per entry u32 matrix (0 = A, 1 = B), u32 constraint, u32 signal and the
   value as 32 bytes holding c R^2 mod r (R = 2^256). snarkjs's prover multiplies that, read as a
   Montgomery number, by the plain witness value with one Montgomery product: c R^2 w / R = (c w) R, the
   Montgomery form of c w (``zkey_new.js`` writes ``Fr.mul(c, R2r)`` converted out of Montgomery form).
5. A: nVars G1 points. 6. B1: nVars G1. 7. B2: nVars G2. 8. C: nVars - nPublic - 1 G1 (private wires).
9. H: domainSize G1 points.
10. contributions (MPC transcript): not needed to prove; we write a zero hash and no contributions.

Reading validates every point (on the curve; the header's G2 points also in the subgroup). The B2 query
is not subgroup-checked: at 2^18 points that would cost ~50 s, and a bad proving key can only make the
prover's own proofs invalid, never make a verifier accept.
"""

from __future__ import annotations

import struct
from os import PathLike

import numpy as np

from snark.bn254.errors import PointError
from snark.bn254.fields import Fr, P, R
from snark.bn254.serialize import g1_from_zkey, g1_to_zkey, g2_from_zkey, g2_to_zkey
from snark.formats.binfile import BinFile, Reader, write_binfile
from snark.groth16.keys import ProvingKey, VerifyingKey
from snark.qap import Coefficients

MAGIC = b"zkey"
VERSION = 1
N8 = 32
GROTH16 = 1
SECTIONS = {1: "protocol", 2: "groth16 header", 3: "IC", 4: "coefficients", 5: "A points",
            6: "B1 points", 7: "B2 points", 8: "C points", 9: "H points", 10: "contributions"}
G1_BYTES, G2_BYTES = 64, 128
COEF_DTYPE = np.dtype([("matrix", "<u4"), ("constraint", "<u4"), ("signal", "<u4"), ("value", "<u8", (4,))])


def _points(bf: BinFile, kind: int, data, count: int, g2: bool = False, subgroup: bool = False) -> np.ndarray:
    size = G2_BYTES if g2 else G1_BYTES
    if len(data) != count * size:
        raise bf.error(kind, f"holds {len(data)} bytes, expected {count} points of {size} bytes")
    try:
        return g2_from_zkey(data, count, subgroup=subgroup) if g2 else g1_from_zkey(data, count)
    except PointError as exc:
        raise bf.error(kind, str(exc)) from exc


def read_zkey(path: str | PathLike) -> ProvingKey:
    """Read a Groth16 ``.zkey`` (the verifying key is ``pk.vk``).

    Raises:
        FormatError: naming the file and section - bad magic/version, a non-Groth16 protocol, a curve other
            than BN254, a missing or truncated section, counts that disagree, a bad coefficient entry, or an
            invalid point.
    """
    bf = BinFile(path, MAGIC, VERSION, SECTIONS)
    proto = Reader(bf, 1)
    protocol = proto.u32("protocol id")
    if protocol != GROTH16:
        raise bf.error(1, f"protocol id {protocol} is not Groth16 (1)")
    hdr = Reader(bf, 2)
    n8q = hdr.u32("n8q")
    if n8q != N8 or hdr.bigint(n8q, "q") != P:
        raise bf.error(2, "base field is not BN254's")
    n8r = hdr.u32("n8r")
    if n8r != N8 or hdr.bigint(n8r, "r") != R:
        raise bf.error(2, "scalar field is not BN254's")
    n_vars = hdr.u32("nVars")
    n_public = hdr.u32("nPublic")
    n = hdr.u32("domainSize")
    if n_vars < 1 or n_public >= n_vars:
        raise bf.error(2, f"nPublic = {n_public} must be below nVars = {n_vars}")
    if n < 2 or n & (n - 1) or n > 1 << 27:
        raise bf.error(2, f"domainSize = {n} is not a power of two in [2, 2^27]")
    g1s = [_points(bf, 2, hdr.take(G1_BYTES, "a G1 point"), 1) if k in (0, 1, 4) else
           _points(bf, 2, hdr.take(G2_BYTES, "a G2 point"), 1, g2=True, subgroup=True) for k in range(6)]
    hdr.done()
    alpha1, beta1, beta2, gamma2, delta1, delta2 = g1s

    ic = _points(bf, 3, bf.section(3), n_public + 1)
    coeffs = _read_coeffs(bf, n_vars, n)
    a = _points(bf, 5, bf.section(5), n_vars)
    b1 = _points(bf, 6, bf.section(6), n_vars)
    b2 = _points(bf, 7, bf.section(7), n_vars, g2=True)
    c = _points(bf, 8, bf.section(8), n_vars - n_public - 1)
    h = _points(bf, 9, bf.section(9), n)
    vk = VerifyingKey(alpha_g1=alpha1, beta_g2=beta2, gamma_g2=gamma2, delta_g2=delta2, gamma_abc_g1=ic)
    return ProvingKey(vk=vk, beta_g1=beta1, delta_g1=delta1, n_wires=n_vars, domain_size=n, coeffs=coeffs,
                      a_g1=a, b_g1=b1, b_g2=b2, c_g1=c, h_g1=h)


def _read_coeffs(bf: BinFile, n_vars: int, n: int) -> Coefficients:
    sec = Reader(bf, 4)
    count = sec.u32("coefficient count")
    body = sec.rest()
    if len(body) != count * COEF_DTYPE.itemsize:
        raise bf.error(4, f"holds {len(body)} bytes after the count, expected {count} entries of "
                          f"{COEF_DTYPE.itemsize} bytes")
    rec = np.frombuffer(body, dtype=COEF_DTYPE)
    if count:
        if rec["matrix"].max() > 1:
            k = int(np.argmax(rec["matrix"] > 1))
            raise bf.error(4, f"entry {k} has a matrix id other than 0 (A) or 1 (B)")
        if rec["constraint"].max() >= n:
            k = int(np.argmax(rec["constraint"] >= n))
            raise bf.error(4, f"entry {k} has a constraint >= domainSize")
        if rec["signal"].max() >= n_vars:
            raise bf.error(4, f"entry {int(np.argmax(rec['signal'] >= n_vars))} has a signal >= nVars")
    raw = np.ascontiguousarray(rec["value"]).astype(np.uint64).reshape(-1, 4)
    try:
        # raw = c R^2 mod r; one Montgomery product by 1 gives c R, the Montgomery form of c.
        value = Fr.from_montgomery(raw)
    except ValueError as exc:
        raise bf.error(4, f"a coefficient is not below r ({exc})") from exc
    return Coefficients(matrix=rec["matrix"].astype(np.int64),
                        constraint=rec["constraint"].astype(np.int64),
                        signal=rec["signal"].astype(np.int64), value=value)


def write_zkey(path: str | PathLike, pk: ProvingKey) -> None:
    """Write a proving key as a snarkjs-readable Groth16 ``.zkey`` (sections 1-10, no contributions)."""
    vk = pk.vk
    header = b"".join([
        struct.pack("<I", N8), P.to_bytes(N8, "little"), struct.pack("<I", N8), R.to_bytes(N8, "little"),
        struct.pack("<III", pk.n_wires, vk.n_public, pk.domain_size),
        g1_to_zkey(vk.alpha_g1), g1_to_zkey(pk.beta_g1), g2_to_zkey(vk.beta_g2), g2_to_zkey(vk.gamma_g2),
        g1_to_zkey(pk.delta_g1), g2_to_zkey(vk.delta_g2),
    ])
    co = pk.coeffs
    rec = np.empty(len(co), dtype=COEF_DTYPE)
    rec["matrix"], rec["constraint"], rec["signal"] = co.matrix, co.constraint, co.signal
    # Montgomery form of (c R): c R^2 mod r, as snarkjs stores it.
    rec["value"] = Fr.to_montgomery(co.value) if len(co) else np.zeros((0, 4), np.uint64)
    sections = [
        (1, struct.pack("<I", GROTH16)),
        (2, header),
        (3, g1_to_zkey(vk.gamma_abc_g1)),
        (4, [struct.pack("<I", len(co)), rec.tobytes()]),
        (5, g1_to_zkey(pk.a_g1)),
        (6, g1_to_zkey(pk.b_g1)),
        (7, g2_to_zkey(pk.b_g2)),
        (8, g1_to_zkey(pk.c_g1)),
        (9, g1_to_zkey(pk.h_g1)),
        (10, bytes(64) + struct.pack("<I", 0)),
    ]
    write_binfile(path, MAGIC, VERSION, sections)
