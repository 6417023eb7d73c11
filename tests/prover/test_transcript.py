"""Fiat–Shamir transcript: determinism, sensitivity, challenge ranges, grinding (oracle: ``blake3``)."""

from __future__ import annotations

import struct

import blake3
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prover.errors import FieldError, GrindingError
from prover.transcript import P, Transcript

P_INT = 2**64 - 2**32 + 1


def _script(t: Transcript, ops) -> list:
    """Run (kind, label, payload) absorbs, then draw one of each challenge kind."""
    for kind, label, payload in ops:
        if kind == "bytes":
            t.absorb_bytes(label, payload)
        elif kind == "field":
            t.absorb_field(label, payload)
        else:
            t.absorb_root(label, payload)
    return [t.challenge_field("a", 3).tolist(), t.challenge_ext("b", 2).tolist(),
            t.challenge_indices("c", 5, 1024).tolist()]


OPS = [("bytes", "stmt", b"hello"), ("field", b"pub", np.array([1, 2, P_INT - 1], dtype=np.uint64)),
       ("root", "trace", bytes(range(32)))]


def test_deterministic():
    assert _script(Transcript(b"proto"), OPS) == _script(Transcript(b"proto"), OPS)


def test_state_matches_documented_layout():
    """The chaining rule of the module docstring, recomputed with the blake3 package."""

    def enc(x: bytes) -> bytes:
        return struct.pack("<Q", len(x)) + x

    t = Transcript(b"proto")
    s = blake3.blake3(b"prover.transcript.v1" + enc(b"proto")).digest()
    assert t.state_digest() == s
    t.absorb_bytes("lbl", b"data")
    s = blake3.blake3(s + b"\x01" + enc(b"lbl") + enc(b"data")).digest()
    assert t.state_digest() == s
    x = blake3.blake3(s + b"\x10" + enc(b"ch")).digest(length=48)
    words = [int.from_bytes(x[32 + 8 * i: 40 + 8 * i], "little") for i in range(2)]
    assert t.challenge_field("ch", 2).tolist() == words  # a rejection has probability 2^-31
    assert t.state_digest() == x[:32]


def test_injective_label_data_split():
    a, b = Transcript(b"p"), Transcript(b"p")
    a.absorb_bytes("ab", b"c")
    b.absorb_bytes("a", b"bc")
    assert a.state_digest() != b.state_digest()
    c, d = Transcript(b"p"), Transcript(b"p")
    c.absorb_bytes("x", b"\x01\x00\x00\x00\x00\x00\x00\x00")
    d.absorb_field("x", np.array([1], dtype=np.uint64))
    assert c.state_digest() != d.state_digest()  # typed absorbs
    assert Transcript(b"p1").state_digest() != Transcript(b"p2").state_digest()


@settings(max_examples=30, deadline=None)
@given(st.integers(0, len(OPS) - 1), st.integers(0, 31), st.integers(1, 255), st.booleans())
def test_any_change_alters_every_later_challenge(op_index, pos, xor, in_label):
    ops = [list(o) for o in OPS]
    kind, label, payload = ops[op_index]
    if in_label:
        lab = label.encode() if isinstance(label, str) else label
        lab = bytearray(lab)
        lab[pos % len(lab)] ^= xor
        ops[op_index][1] = bytes(lab)
    elif kind == "field":
        arr = payload.copy()
        arr[pos % arr.size] = np.uint64((int(arr[pos % arr.size]) + xor) % P_INT)
        ops[op_index][2] = arr
    else:
        buf = bytearray(payload)
        buf[pos % len(buf)] ^= xor
        ops[op_index][2] = bytes(buf)
    base = _script(Transcript(b"proto"), OPS)
    changed = _script(Transcript(b"proto"), [tuple(o) for o in ops])
    for x, y in zip(base, changed, strict=True):
        assert x != y


def test_order_matters_and_repeated_draws_differ():
    assert _script(Transcript(b"p"), OPS) != _script(Transcript(b"p"), OPS[::-1])
    t = Transcript(b"p")
    assert t.challenge_field("z").tolist() != t.challenge_field("z").tolist()


def test_copy_and_fork():
    t = Transcript(b"p")
    t.absorb_bytes("x", b"1")
    c = t.copy()
    assert c.challenge_field("a").tolist() == t.challenge_field("a").tolist()
    f1, f2 = t.fork("left"), t.fork("right")
    assert t.state_digest() == c.state_digest()
    assert f1.state_digest() != f2.state_digest() != t.state_digest()


def test_field_challenges_in_range_and_roughly_uniform():
    vals = Transcript(b"uniform").challenge_field("x", 2000)
    assert vals.shape == (2000,) and vals.dtype == np.uint64 and bool((vals < P).all())
    top = int(((vals >> np.uint64(63)) & np.uint64(1)).sum())
    assert 850 < top < 1150  # ~ half; fails for a constant or badly reduced stream
    low = int((vals & np.uint64(1)).sum())
    assert 850 < low < 1150
    ext = Transcript(b"uniform").challenge_ext("x", 7)
    assert ext.shape == (7, 2) and bool((ext < P).all())


@pytest.mark.parametrize("count, domain", [(1, 1), (5, 8), (8, 8), (30, 1 << 20), (100, 128)])
def test_indices_distinct_sorted_in_range(count, domain):
    idx = Transcript(b"q").challenge_indices("q", count, domain)
    assert idx.dtype == np.int64 and idx.shape == (count,)
    assert idx.tolist() == sorted(set(idx.tolist()))
    assert idx.min() >= 0 and idx.max() < domain


def test_indices_cover_domain_uniformly():
    t = Transcript(b"spread")
    hits = np.zeros(16, dtype=np.int64)
    for _ in range(400):
        hits[t.challenge_indices("q", 2, 16)] += 1
    assert hits.min() > 25 and hits.max() < 80  # expected 50 each


@pytest.mark.parametrize("bits", [0, 1, 4, 9, 13])
def test_grinding_smallest_nonce_and_verification(bits):
    prover, verifier = Transcript(b"g"), Transcript(b"g")
    state = prover.state_digest()
    nonce = prover.grind(bits)

    def ok(k: int, b: int) -> bool:
        h = blake3.blake3(state + struct.pack("<Q", k)).digest()
        return int.from_bytes(h[:8], "little") % (1 << b) == 0

    assert ok(nonce, bits)
    assert not any(ok(k, bits) for k in range(nonce))
    verifier.verify_grinding(nonce, bits)
    assert verifier.state_digest() == prover.state_digest()
    assert verifier.challenge_field("after").tolist() == prover.challenge_field("after").tolist()


def test_grinding_rejections():
    t = Transcript(b"g2")
    state = t.state_digest()
    nonce = t.copy().grind(8)
    h = blake3.blake3(state + struct.pack("<Q", nonce)).digest()
    tz = (int.from_bytes(h[:8], "little") & -int.from_bytes(h[:8], "little")).bit_length() - 1
    with pytest.raises(GrindingError):
        t.copy().verify_grinding(nonce, tz + 1)  # passes 8 bits, not the stricter requirement
    wrong = next(k for k in range(nonce + 1, nonce + 10_000)
                 if int.from_bytes(blake3.blake3(state + struct.pack("<Q", k)).digest()[:8], "little") % 256)
    with pytest.raises(GrindingError):
        t.copy().verify_grinding(wrong, 8)
    for bad in (-1, 2**64, 1.0, "3", None, True):
        with pytest.raises(GrindingError):
            t.copy().verify_grinding(bad, 8)
    t.copy().verify_grinding(nonce, 8)


@pytest.mark.parametrize("bits", [-1, 33, 2.0, None])
def test_grinding_bits_out_of_range(bits):
    with pytest.raises(ValueError):
        Transcript(b"g").grind(bits)
    with pytest.raises(ValueError):
        Transcript(b"g").verify_grinding(0, bits)


def test_bad_arguments_rejected():
    t = Transcript(b"bad")
    with pytest.raises(FieldError):
        t.absorb_field("x", np.array([P_INT], dtype=np.uint64))
    with pytest.raises(FieldError):
        t.absorb_field("x", np.array([1], dtype=np.int64))
    with pytest.raises(ValueError):
        t.absorb_root("r", bytes(31))
    with pytest.raises(TypeError):
        t.absorb_bytes(3, b"x")
    with pytest.raises(TypeError):
        t.absorb_bytes("x", "not bytes")
    with pytest.raises(TypeError):
        Transcript("str id")
    with pytest.raises(ValueError):
        t.challenge_indices("q", 9, 8)
    with pytest.raises(ValueError):
        t.challenge_indices("q", 2, 12)
    with pytest.raises(ValueError):
        t.challenge_indices("q", 0, 8)
    for n in (0, -1, 1.5):
        with pytest.raises(ValueError):
            t.challenge_field("x", n)
        with pytest.raises(ValueError):
            t.challenge_ext("x", n)
