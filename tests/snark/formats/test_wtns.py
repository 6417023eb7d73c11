"""snarkjs .wtns files: round trip and every malformation named by file and section."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from snark.bn254.fields import R, ints_to_limbs
from snark.formats import FormatError, read_wtns, read_wtns_limbs, write_wtns

from .conftest import rewrite_section, sections


def test_round_trip(tmp_path, small):
    path = tmp_path / "w.wtns"
    write_wtns(path, small.witness)
    assert read_wtns(path) == small.witness
    assert np.array_equal(read_wtns_limbs(path), ints_to_limbs(small.witness))
    data = path.read_bytes()
    assert data[:4] == b"wtns" and struct.unpack_from("<I", data, 4)[0] == 2


def test_write_refuses_values_outside_the_field(tmp_path):
    with pytest.raises(FormatError, match="outside"):
        write_wtns(tmp_path / "w.wtns", [1, R])


@pytest.fixture
def good(tmp_path, small):
    path = tmp_path / "good.wtns"
    write_wtns(path, small.witness)
    return path


@pytest.mark.parametrize("kind", [1, 2])
def test_truncated_in_each_section(tmp_path, good, kind):
    off, size = sections(good)[kind]
    bad = tmp_path / "cut.wtns"
    bad.write_bytes(good.read_bytes()[:off + size // 2])
    name = {1: "header", 2: "witness values"}[kind]
    with pytest.raises(FormatError, match=rf"cut\.wtns: section {kind} \({name}\): truncated"):
        read_wtns(bad)


@pytest.mark.parametrize(("mutate", "match"), [
    (lambda d: b"wtnz" + d[4:], r"file header: magic"),
    (lambda d: d[:4] + struct.pack("<I", 3) + d[8:], r"file header: version 3"),
    (lambda d: d[:7], r"file header: truncated"),
])
def test_bad_file_header(tmp_path, good, mutate, match):
    bad = tmp_path / "bad.wtns"
    bad.write_bytes(mutate(good.read_bytes()))
    with pytest.raises(FormatError, match=r"bad\.wtns: " + match):
        read_wtns(bad)


def test_header_errors(tmp_path, good, small):
    bad = tmp_path / "bad.wtns"
    n = len(small.witness)
    for header, match in [
        (struct.pack("<I", 48) + bytes(48) + struct.pack("<I", n), "field size is 48"),
        (struct.pack("<I", 32) + (R + 2).to_bytes(32, "little") + struct.pack("<I", n), "prime"),
        (struct.pack("<I", 32) + R.to_bytes(32, "little") + struct.pack("<I", n + 1), "announces"),
        (struct.pack("<I", 32) + R.to_bytes(32, "little") + struct.pack("<IB", n, 0), "trailing"),
    ]:
        rewrite_section(good, bad, 1, header)
        with pytest.raises(FormatError, match=r"section \d \((header|witness values)\): .*" + match):
            read_wtns(bad)


def test_value_not_below_r(tmp_path, good, small):
    bad = tmp_path / "bad.wtns"
    body = ints_to_limbs(small.witness).astype("<u8").tobytes()
    rewrite_section(good, bad, 2, body[:32] + R.to_bytes(32, "little") + body[64:])
    with pytest.raises(FormatError, match=r"section 2 \(witness values\): value 1 is not below r"):
        read_wtns(bad)


def test_missing_file(tmp_path):
    with pytest.raises(FormatError, match="nope.wtns: file: cannot read"):
        read_wtns(tmp_path / "nope.wtns")
