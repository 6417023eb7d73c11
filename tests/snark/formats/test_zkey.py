"""Groth16 .zkey files: our writer's layout (snarkjs's), round trip, and malformations named by section."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from snark.bn254.fields import Fr, R
from snark.formats import FormatError, read_zkey, write_zkey
from snark.groth16 import prove, verify

from .conftest import drop_section, rewrite_section, sections

NAMES = {1: "protocol", 2: "groth16 header", 3: "IC", 4: "coefficients", 5: "A points", 6: "B1 points",
         7: "B2 points", 8: "C points", 9: "H points"}


@pytest.fixture(scope="module")
def good(tmp_path_factory, small):
    path = tmp_path_factory.mktemp("zkey") / "c.zkey"
    write_zkey(path, small.pk)
    return path


def test_round_trip_and_prove(good, small):
    pk = read_zkey(good)
    assert pk.vk == small.pk.vk
    for name in ("a_g1", "b_g1", "b_g2", "c_g1", "h_g1", "beta_g1", "delta_g1"):
        assert np.array_equal(getattr(pk, name), getattr(small.pk, name)), name
    for name in ("matrix", "constraint", "signal", "value"):
        assert np.array_equal(getattr(pk.coeffs, name), getattr(small.pk.coeffs, name)), name
    proof = prove(pk, small.witness, r=5, s=6)
    assert proof == small.proof
    verify(pk.vk, small.publics, proof)


def test_layout_matches_snarkjs(good, small):
    """Section sizes and the coefficient scaling that snarkjs's zkey_new.js writes."""
    secs = sections(good)
    pk = small.pk
    n_priv = pk.n_wires - pk.n_public - 1
    assert good.read_bytes()[:4] == b"zkey"
    assert sorted(secs) == list(range(1, 11))
    assert secs[2][1] == 4 + 32 + 4 + 32 + 12 + 3 * 64 + 3 * 128
    assert [secs[k][1] for k in (3, 5, 6, 7, 8, 9)] == [
        64 * (pk.n_public + 1), 64 * pk.n_wires, 64 * pk.n_wires, 128 * pk.n_wires, 64 * n_priv,
        64 * pk.domain_size]
    off, size = secs[4]
    data = good.read_bytes()
    count, = struct.unpack_from("<I", data, off)
    assert size == 4 + count * 44
    m, c, s = struct.unpack_from("<III", data, off + 4)
    raw = int.from_bytes(data[off + 16:off + 48], "little")
    coef = Fr.to_ints(pk.coeffs.value[:1])[0]
    assert (m, c, s) == tuple(int(x[0]) for x in (pk.coeffs.matrix, pk.coeffs.constraint, pk.coeffs.signal))
    assert raw == coef * pow(2, 512, R) % R   # c R^2 mod r


@pytest.mark.parametrize("kind", list(NAMES))
def test_truncated_in_each_section(tmp_path, good, kind):
    off, size = sections(good)[kind]
    bad = tmp_path / "cut.zkey"
    bad.write_bytes(good.read_bytes()[:off + size - 1])
    with pytest.raises(FormatError, match=rf"cut\.zkey: section {kind} \({NAMES[kind]}\): truncated"):
        read_zkey(bad)


@pytest.mark.parametrize("kind", list(NAMES))
def test_missing_section(tmp_path, good, kind):
    bad = tmp_path / "bad.zkey"
    drop_section(good, bad, kind)
    with pytest.raises(FormatError, match=rf"bad\.zkey: section {kind} \({NAMES[kind]}\): missing"):
        read_zkey(bad)


@pytest.mark.parametrize("kind", [3, 5, 6, 7, 8, 9])
def test_point_section_with_wrong_length_or_bad_point(tmp_path, good, kind):
    off, size = sections(good)[kind]
    body = bytearray(good.read_bytes()[off:off + size])
    bad = tmp_path / "bad.zkey"
    rewrite_section(good, bad, kind, bytes(body[:-8]))
    with pytest.raises(FormatError, match=rf"section {kind} \({NAMES[kind]}\): holds"):
        read_zkey(bad)
    # A point whose coordinates (1, 1) are not on either curve.
    one = Fr.to_bytes(Fr.ones(1), "little", montgomery=True)  # any non-zero canonical value will do
    width = 64 if kind != 7 else 128
    body[:width] = (one + one + bytes(width))[:width]
    rewrite_section(good, bad, kind, bytes(body))
    with pytest.raises(FormatError, match=rf"section {kind} \({NAMES[kind]}\): off curve"):
        read_zkey(bad)


def test_header_problems(tmp_path, good):
    off, size = sections(good)[2]
    hdr = bytearray(good.read_bytes()[off:off + size])
    bad = tmp_path / "bad.zkey"
    cases = []
    h = bytearray(hdr)
    struct.pack_into("<I", h, 4 + 32 + 4 + 32 + 8, 100)  # domainSize
    cases.append((bytes(h), "domainSize = 100"))
    h = bytearray(hdr)
    struct.pack_into("<I", h, 4 + 32 + 4 + 32 + 4, 10 ** 6)  # nPublic >= nVars
    cases.append((bytes(h), "nPublic"))
    cases.append((bytes(hdr[:4]) + bytes(32) + bytes(hdr[36:]), "base field"))
    cases.append((bytes(hdr[:-1]), "truncated while reading"))
    for new, match in cases:
        rewrite_section(good, bad, 2, new)
        with pytest.raises(FormatError, match=r"section 2 \(groth16 header\): .*" + match):
            read_zkey(bad)


def test_protocol_and_coefficient_problems(tmp_path, good, small):
    bad = tmp_path / "bad.zkey"
    rewrite_section(good, bad, 1, struct.pack("<I", 2))
    with pytest.raises(FormatError, match=r"section 1 \(protocol\): protocol id 2 is not Groth16"):
        read_zkey(bad)
    off, size = sections(good)[4]
    body = bytearray(good.read_bytes()[off:off + size])
    for patch_at, value, match in [(4, 2, "matrix id"), (8, small.pk.domain_size, "constraint >= domainSize"),
                                   (12, small.pk.n_wires, "signal >= nVars")]:
        b = bytearray(body)
        struct.pack_into("<I", b, patch_at, value)
        rewrite_section(good, bad, 4, bytes(b))
        with pytest.raises(FormatError, match=r"section 4 \(coefficients\): entry 0 .*" + match):
            read_zkey(bad)
    b = bytearray(body)
    b[16:48] = R.to_bytes(32, "little")
    rewrite_section(good, bad, 4, bytes(b))
    with pytest.raises(FormatError, match=r"section 4 \(coefficients\): a coefficient is not below r"):
        read_zkey(bad)
    rewrite_section(good, bad, 4, bytes(body[:-3]))
    with pytest.raises(FormatError, match=r"section 4 \(coefficients\): holds"):
        read_zkey(bad)
