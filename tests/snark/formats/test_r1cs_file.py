"""circom .r1cs files: round trip through our writer, and every malformation named by section."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from snark.bn254.fields import R
from snark.formats import FormatError, read_r1cs, write_r1cs

from .conftest import drop_section, rewrite_section, sections


@pytest.fixture
def good(tmp_path, small):
    path = tmp_path / "c.r1cs"
    write_r1cs(path, small.r1cs)
    return path


def test_round_trip(good, small):
    cs = read_r1cs(good)
    assert (cs.n_wires, cs.n_public, cs.n_constraints) == (small.r1cs.n_wires, 1, small.r1cs.n_constraints)
    for m in ("a", "b", "c"):
        x, y = getattr(cs, m), getattr(small.r1cs, m)
        for part in ("ptr", "cols", "vals"):
            assert np.array_equal(getattr(x, part), getattr(y, part))
    assert cs.is_satisfied(small.witness)
    assert not cs.is_satisfied([*small.witness[:-1], (small.witness[-1] + 1) % R])
    assert cs.wire_labels is not None and cs.wire_labels.tolist() == list(range(cs.n_wires))


def test_header_layout(good, small):
    off, _ = sections(good)[1]
    data = good.read_bytes()
    assert data[:4] == b"r1cs"
    n8, = struct.unpack_from("<I", data, off)
    fields = struct.unpack_from("<IIIIQI", data, off + 4 + n8)
    assert n8 == 32 and fields == (small.r1cs.n_wires, 0, 1, 2, small.r1cs.n_wires, small.r1cs.n_constraints)


@pytest.mark.parametrize("kind", [1, 2, 3])
def test_truncated_in_each_section(tmp_path, good, kind):
    off, size = sections(good)[kind]
    bad = tmp_path / "cut.r1cs"
    bad.write_bytes(good.read_bytes()[:off + size - 3])
    with pytest.raises(FormatError, match=rf"cut\.r1cs: section {kind} \(\w[\w ]*\): truncated"):
        read_r1cs(bad)


def test_constraint_section_cut_inside_a_term(tmp_path, good):
    """A consistent file whose constraint section ends mid-constraint (section size shrunk too)."""
    off, size = sections(good)[2]
    bad = tmp_path / "bad.r1cs"
    rewrite_section(good, bad, 2, good.read_bytes()[off:off + size - 40])
    with pytest.raises(FormatError, match=r"section 2 \(constraints\): truncated in constraint \d+"):
        read_r1cs(bad)


def test_wire_out_of_range(tmp_path, good, small):
    off, size = sections(good)[2]
    body = bytearray(good.read_bytes()[off:off + size])
    assert struct.unpack_from("<I", body, 0)[0] >= 1  # first A term of constraint 0
    struct.pack_into("<I", body, 4, small.r1cs.n_wires)
    bad = tmp_path / "bad.r1cs"
    rewrite_section(good, bad, 2, bytes(body))
    with pytest.raises(FormatError, match=r"section 2 \(constraints\): constraint 0 refers to a wire"):
        read_r1cs(bad)


def test_coefficient_not_below_r(tmp_path, good):
    off, size = sections(good)[2]
    body = bytearray(good.read_bytes()[off:off + size])
    body[8:40] = R.to_bytes(32, "little")
    bad = tmp_path / "bad.r1cs"
    rewrite_section(good, bad, 2, bytes(body))
    with pytest.raises(FormatError, match=r"section 2 \(constraints\): coefficient 0 .* not below r"):
        read_r1cs(bad)


def test_header_problems(tmp_path, good):
    off, size = sections(good)[1]
    hdr = good.read_bytes()[off:off + size]
    bad = tmp_path / "bad.r1cs"
    for new, match in [
        (hdr[:4] + (R - 2).to_bytes(32, "little") + hdr[36:], "prime"),
        (hdr[:36] + struct.pack("<I", 2) + hdr[40:], "nWires = 2 cannot hold"),
        (hdr + b"\0", "1 unexpected trailing bytes"),
        (hdr[:20], "truncated while reading"),
    ]:
        rewrite_section(good, bad, 1, new)
        with pytest.raises(FormatError, match=r"bad\.r1cs: section 1 \(header\): " + match):
            read_r1cs(bad)


def test_missing_and_unsupported_sections(tmp_path, good):
    bad = tmp_path / "bad.r1cs"
    drop_section(good, bad, 2)
    with pytest.raises(FormatError, match=r"section 2 \(constraints\): missing"):
        read_r1cs(bad)
    rewrite_section(good, bad, 3, b"\0" * 7)
    with pytest.raises(FormatError, match=r"section 3 \(wire map\): holds 7 bytes"):
        read_r1cs(bad)
    data = good.read_bytes()
    n, = struct.unpack_from("<I", data, 8)
    bad.write_bytes(data[:8] + struct.pack("<I", n + 1) + data[12:] + struct.pack("<IQ", 4, 0))
    with pytest.raises(FormatError, match=r"section 4 \(custom gates list\): custom gates"):
        read_r1cs(bad)
    bad.write_bytes(data[:8] + struct.pack("<I", n + 1) + data[12:] + struct.pack("<IQ", 2, 0))
    with pytest.raises(FormatError, match=r"section 2 \(constraints\): appears twice"):
        read_r1cs(bad)
    bad.write_bytes(data[:8] + struct.pack("<I", n + 1) + data[12:] + b"\0" * 5)
    with pytest.raises(FormatError, match=r"section table \(entry 3 of 4\): truncated"):
        read_r1cs(bad)
