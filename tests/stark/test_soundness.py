"""Every verifier check has a test that triggers it, plus byte flips, malformed bytes and short paths."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from prover.errors import GrindingError, ProofFormatError, VerificationError
from prover.fri import prover as fri_prover
from stark import ProofOptions, StarkProof, prove, verify
from stark import prover as stark_prover
from stark.airs.fibonacci import FibonacciAir
from stark.airs.fibsq import FibonacciSqAir
from stark.errors import (
    AirMismatchError,
    CompositionCommitmentError,
    DeepCompositionError,
    FriFoldingError,
    FriLayerCommitmentError,
    FriRemainderError,
    InsufficientSecurityError,
    OodConsistencyError,
    ProofShapeError,
    QueryIndexError,
    TraceCommitmentError,
)
from stark.proof import MAGIC

P = (1 << 64) - (1 << 32) + 1
FAST = ProofOptions.fast_insecure_for_tests()


def _check(case, mutate, error):
    air_cls, public, proof = case
    bad = copy.deepcopy(proof)
    mutate(bad)
    with pytest.raises(error):
        verify(air_cls, public, bad, min_security_bits=0)


def _bump(arr, idx):
    arr = arr.copy()
    arr[idx] = (int(arr[idx]) + 1) % P
    return arr


def test_insufficient_security(fib_case):
    air_cls, public, proof = fib_case
    with pytest.raises(InsufficientSecurityError):
        verify(air_cls, public, proof, min_security_bits=96)


def test_air_mismatch(fib_case):
    air_cls, public, proof = fib_case
    with pytest.raises(AirMismatchError):
        verify(FibonacciSqAir, [1, 1, public[0]], proof, min_security_bits=0)
    with pytest.raises(AirMismatchError):
        verify(air_cls, [1, 2], proof, min_security_bits=0)  # wrong number of public inputs


def test_shape_errors(fib_case):
    def chunks(p):
        p.num_chunks = 2

    def drop_layer(p):
        p.fri_roots = p.fri_roots[:-1]

    def rows(p):
        p.trace_rows = p.trace_rows[:-1]

    for mutate in (chunks, drop_layer):
        _check(fib_case, mutate, ProofShapeError)
    _check(fib_case, rows, (ProofShapeError, TraceCommitmentError))


def test_ood_consistency(fib_case):
    _check(fib_case, lambda p: setattr(p, "ood_trace_z", _bump(p.ood_trace_z, (0, 0))), OodConsistencyError)
    _check(fib_case, lambda p: setattr(p, "ood_composition", _bump(p.ood_composition, (0, 1))),
           OodConsistencyError)


def test_grinding(fib_grinding_case):
    air_cls, public, proof = fib_grinding_case
    verify(air_cls, public, proof, min_security_bits=0)
    failures = 0
    for delta in range(1, 40):
        bad = copy.deepcopy(proof)
        bad.nonce = proof.nonce + delta
        try:
            verify(air_cls, public, bad, min_security_bits=0)
        except GrindingError:
            failures += 1
        except VerificationError:
            pass  # a nonce that also grinds moves the queries instead
    assert failures > 0


def test_query_index_out_of_range_and_moved(fib_case):
    _, _, proof = fib_case
    big_n = proof.trace_length * proof.options.blowup_factor

    def out_of_range(p):
        p.positions = p.positions.copy()
        p.positions[-1] = big_n

    def moved(p):
        p.positions = p.positions.copy()
        p.positions[0] = (p.positions[0] + 1) % big_n

    def fewer(p):
        p.positions = p.positions[:-1]

    for mutate in (out_of_range, moved, fewer):
        _check(fib_case, mutate, QueryIndexError)


def test_out_of_range_query_index_in_bytes(fib_case):
    air_cls, public, proof = fib_case
    data = bytearray(proof.to_bytes())
    start = dict((s[0], s[1]) for s in proof.sections())["positions"]
    data[start + 2: start + 6] = (0xFFFFFFFF).to_bytes(4, "little")
    with pytest.raises((QueryIndexError, ProofFormatError)):
        verify(air_cls, public, bytes(data), min_security_bits=0)


def test_trace_commitment(fib_case):
    _check(fib_case, lambda p: setattr(p, "trace_rows", _bump(p.trace_rows, (0, 1))), TraceCommitmentError)


def test_composition_commitment(fib_case):
    _check(fib_case, lambda p: setattr(p, "composition_rows", _bump(p.composition_rows, (1, 0))),
           CompositionCommitmentError)


def test_fri_layer_commitment(fib_case):
    def layer(p):
        p.fri_rows = [r.copy() for r in p.fri_rows]
        p.fri_rows[-1] = _bump(p.fri_rows[-1], (0, 0))

    _check(fib_case, layer, (FriLayerCommitmentError, DeepCompositionError, FriFoldingError))

    def layer_sibling(p):
        # A value of the opened coset that no query reads directly: only the Merkle check sees it.
        p.fri_rows = [r.copy() for r in p.fri_rows]
        f = p.options.folding_factor
        pos0 = int(p.positions[0])
        slot = (pos0 % f + 1) % f
        p.fri_rows[0] = _bump(p.fri_rows[0], (0, 2 * slot))

    air_cls, public, proof = fib_case
    if len({int(q) for q in proof.positions if int(q) // proof.options.folding_factor ==
            int(proof.positions[0]) // proof.options.folding_factor}) == 1:
        _check(fib_case, layer_sibling, FriLayerCommitmentError)


def _prove_with(monkeypatch, target, name, wrapper, options=FAST):
    original = getattr(target, name)
    monkeypatch.setattr(target, name, wrapper(original))
    trace, public = FibonacciAir.example(64)
    return FibonacciAir, public, prove(FibonacciAir(public, 64), trace, options)


def test_deep_composition_mismatch(monkeypatch):
    """A DEEP word shifted by a constant is still low-degree, so FRI passes, but it no longer matches
    the DEEP values the verifier recomputes from the trace openings."""

    def wrapper(original):
        def deep(*args):
            out = original(*args)
            out[:, 0] = (out[:, 0] + np.uint64(1)) % np.uint64(P)
            return out
        return deep

    case = _prove_with(monkeypatch, stark_prover, "_deep_lde", wrapper)
    with pytest.raises(DeepCompositionError):
        verify(case[0], case[1], case[2], min_security_bits=0)


def test_fri_folding_mismatch(monkeypatch):
    """Layers after the first are committed to a shifted fold: Merkle paths are valid, folds are not."""

    def wrapper(original):
        def fold(values, beta, f, shift, table=None):
            out, tab = original(values, beta, f, shift, table)
            out = out.copy()
            out[:, 1] = (out[:, 1] + np.uint64(5)) % np.uint64(P)
            return out, tab
        return fold

    options = ProofOptions(blowup_factor=4, num_queries=8, grinding_bits=0, folding_factor=2,
                           remainder_max_degree=1)
    case = _prove_with(monkeypatch, fri_prover, "fold_by", wrapper, options)
    with pytest.raises(FriFoldingError):
        verify(case[0], case[1], case[2], min_security_bits=0)


def test_fri_remainder_value_mismatch(monkeypatch):
    def wrapper(original):
        def rem(values, shift, count):
            out = original(values, shift, count).copy()
            out[0, 0] = (out[0, 0] + np.uint64(1)) % np.uint64(P)
            return out
        return rem

    case = _prove_with(monkeypatch, fri_prover, "remainder_coefficients", wrapper)
    with pytest.raises(FriRemainderError):
        verify(case[0], case[1], case[2], min_security_bits=0)


def test_extra_remainder_coefficient(fib_case):
    def extra(p):
        p.fri_remainder = np.vstack([p.fri_remainder, np.zeros((1, 2), dtype=np.uint64)])

    _check(fib_case, extra, FriRemainderError)
    air_cls, public, proof = fib_case
    bad = copy.deepcopy(proof)
    extra(bad)
    with pytest.raises(FriRemainderError):  # also through the byte format
        verify(air_cls, public, bad.to_bytes(), min_security_bits=0)


def test_short_merkle_path(fib_case):
    """Cut the last 32 bytes (one sibling) of the trace opening: parse or verification must reject."""
    air_cls, public, proof = fib_case
    data = proof.to_bytes()
    sec = {s[0]: (s[1], s[2]) for s in proof.sections()}
    start, end = sec["trace_opening"]
    blob = data[start + 4:end]
    short = blob[:-32]
    patched = data[:start] + len(short).to_bytes(4, "little") + short + data[end:]
    with pytest.raises((ProofFormatError, TraceCommitmentError)):
        verify(air_cls, public, patched, min_security_bits=0)


@pytest.mark.parametrize("data", [b"", b"PSTK", MAGIC + b"\x02" + b"\x00" * 40, b"XXXX" + b"\x00" * 100])
def test_malformed_bytes(data):
    with pytest.raises(ProofFormatError):
        StarkProof.from_bytes(data)


def test_truncations_and_trailing_bytes(fib_case):
    _, _, proof = fib_case
    data = proof.to_bytes()
    for cut in range(0, len(data), max(1, len(data) // 97)):
        with pytest.raises(ProofFormatError):
            StarkProof.from_bytes(data[:cut])
    with pytest.raises(ProofFormatError):
        StarkProof.from_bytes(data + b"\x00")


def test_non_canonical_element_rejected(fib_case):
    _, _, proof = fib_case
    data = bytearray(proof.to_bytes())
    start = {s[0]: s[1] for s in proof.sections()}["ood_trace_z"]
    data[start:start + 8] = (P + 1).to_bytes(8, "little")
    with pytest.raises(ProofFormatError):
        StarkProof.from_bytes(bytes(data))


def test_single_byte_flips_in_every_section(fib_case):
    """Flip bytes sampled across every section: each must be rejected as malformed or invalid."""
    air_cls, public, proof = fib_case
    data = proof.to_bytes()
    rng = np.random.default_rng(2024)
    tried = 0
    for _name, start, end in proof.sections():
        picks = {start, end - 1} | {int(x) for x in rng.integers(start, end, size=min(6, end - start))}
        for pos in sorted(picks):
            for mask in (0x01, 0x80):
                bad = bytearray(data)
                bad[pos] ^= mask
                tried += 1
                with pytest.raises((ProofFormatError, VerificationError)):
                    verify(air_cls, public, bytes(bad), min_security_bits=0)
    assert tried > 100
