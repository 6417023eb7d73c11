"""The STARK verifier (DEEP-ALI + FRI; eprint 2019/336, ethSTARK eprint 2021/582 section 3).

It recomputes every challenge from the proof and the public inputs alone, then checks in order:
security policy, AIR and shape, OOD consistency H(z) = sum_c z^(c n) H_c(z), grinding, query positions,
trace and composition openings, the DEEP composition at every query, and FRI. Each failure raises one
specific :class:`prover.errors.VerificationError` subclass from :mod:`stark.errors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from prover import ntt as _ntt
from prover.errors import GrindingError, MerkleVerificationError, ProofFormatError
from prover.fri import FriRemainderError, FriShapeError, fri_draw_betas, fri_layer_count, fri_verify_queries
from prover.fri.shape import bitrev
from prover.merkle import verify_batch
from stark.air import Air
from stark.composition import GENERATOR, composition_at, num_composition_coefficients
from stark.errors import (
    AirMismatchError,
    CompositionCommitmentError,
    DeepCompositionError,
    InsufficientSecurityError,
    OodConsistencyError,
    ProofShapeError,
    QueryIndexError,
    TraceCommitmentError,
)
from stark.field_ops import Ext, ext_add, ext_inv, ext_mul, ext_pow, ext_sub
from stark.proof import StarkProof
from stark.protocol import absorb_ood, draw_ood_point, new_transcript

P = (1 << 64) - (1 << 32) + 1
DEFAULT_MIN_SECURITY_BITS = 96


def _ext_rows(arr: np.ndarray) -> list[Ext]:
    return [(int(a), int(b)) for a, b in arr]


@dataclass
class Challenges:
    """Every verifier challenge, in transcript order."""

    alphas: np.ndarray
    z: Ext
    deep_coeffs: np.ndarray
    betas: list[Ext]
    positions: np.ndarray


def replay_challenges(air: Air, proof: StarkProof, check_grinding: bool = True) -> Challenges:
    """Re-derive every challenge from the statement and the proof's commitments (Fiat-Shamir).

    Raises:
        GrindingError: the nonce lacks the required leading zero bits (only if ``check_grinding``).
    """
    options = proof.options
    t = new_transcript(air, options)
    t.absorb_root("trace_root", proof.trace_root)
    alphas = t.challenge_ext("composition_coeffs", num_composition_coefficients(air))
    t.absorb_root("composition_root", proof.composition_root)
    z = draw_ood_point(t, air)
    absorb_ood(t, proof.ood_trace_z, proof.ood_trace_zw, proof.ood_composition)
    deep_coeffs = t.challenge_ext("deep_coeffs", 2 * proof.trace_width + proof.num_chunks)
    betas = fri_draw_betas(t, proof.fri_roots, proof.fri_remainder)
    # verify_grinding absorbs the nonce; with 0 bits it only absorbs (used to replay without the check).
    try:
        t.verify_grinding(proof.nonce, options.grinding_bits if check_grinding else 0)
    except GrindingError:
        raise
    except Exception as exc:
        raise GrindingError(f"grinding nonce rejected: {exc}") from exc
    big_n = proof.trace_length * options.blowup_factor
    positions = np.asarray(t.challenge_indices("query_positions", options.num_queries, big_n), dtype=np.int64)
    return Challenges(alphas, z, deep_coeffs, betas, positions)


def verify(air: type[Air] | Air, public_inputs: Sequence[int] | None, proof: StarkProof | bytes, *,
           min_security_bits: int = DEFAULT_MIN_SECURITY_BITS) -> None:
    """Verify a STARK proof; return normally iff it is valid.

    Args:
        air: the AIR class (instantiated here with ``public_inputs`` and the proof's trace length) or an
            instance (then ``public_inputs`` must be ``None`` or equal to its own).
        public_inputs: the statement's public inputs.
        proof: a :class:`StarkProof` or its bytes.
        min_security_bits: policy: reject proofs whose options give fewer conjectured bits.

    Raises:
        ProofFormatError: malformed proof bytes.
        InsufficientSecurityError, AirMismatchError, ProofShapeError, OodConsistencyError, GrindingError,
        QueryIndexError, TraceCommitmentError, CompositionCommitmentError, DeepCompositionError,
        FriLayerCommitmentError, FriFoldingError, FriRemainderError: the named check failed.
    """
    if not isinstance(proof, StarkProof):
        proof = StarkProof.from_bytes(proof)
    options = proof.options
    bits = options.conjectured_security_bits()
    if bits < min_security_bits:
        raise InsufficientSecurityError(f"proof options give {bits} conjectured bits, policy requires "
                                        f"{min_security_bits}")
    n, w, k = proof.trace_length, proof.trace_width, proof.num_chunks
    if isinstance(air, Air):
        if public_inputs is not None and tuple(int(v) for v in public_inputs) != air.public_inputs:
            raise AirMismatchError("public inputs differ from the AIR instance's")
        if air.trace_length != n:
            raise AirMismatchError(f"AIR instance has trace length {air.trace_length}, proof {n}")
    else:
        try:
            air = air(list(public_inputs or []), n)
        except (ValueError, TypeError) as exc:
            raise AirMismatchError(f"the AIR rejects these public inputs or trace length {n}: {exc}") from exc
    if proof.air_name != air.name:
        raise AirMismatchError(f"proof is for AIR {proof.air_name!r}, verifier expects {air.name!r}")
    if w != air.trace_width or k != air.num_composition_chunks():
        raise ProofShapeError(f"proof declares width {w} and {k} chunks; the AIR has width {air.trace_width} "
                              f"and {air.num_composition_chunks()} chunks")
    big_n = n * options.blowup_factor
    num_layers, _ = fri_layer_count(n, options.folding_factor, options.remainder_max_degree)
    if len(proof.fri_roots) != num_layers:
        raise ProofShapeError(f"expected {num_layers} FRI layers, proof has {len(proof.fri_roots)}")

    rem_len = fri_layer_count(n, options.folding_factor, options.remainder_max_degree)[1]
    if proof.fri_remainder.shape != (rem_len, 2):
        raise FriRemainderError(f"remainder must have {rem_len} coefficients, proof has "
                                f"{proof.fri_remainder.shape[0]}")

    ch = replay_challenges(air, proof)
    alphas, z, deep_coeffs, betas, positions = ch.alphas, ch.z, ch.deep_coeffs, ch.betas, ch.positions

    # OOD consistency: the constraints at z against the committed chunks at z.
    trace_z = _ext_rows(proof.ood_trace_z)
    trace_zw = _ext_rows(proof.ood_trace_zw)
    chunks_z = _ext_rows(proof.ood_composition)
    h_z = composition_at(air, alphas, z, trace_z, trace_zw)
    claimed: Ext = (0, 0)
    z_n = ext_pow(z, n)
    zc: Ext = (1, 0)
    for c in range(k):
        claimed = ext_add(claimed, ext_mul(zc, chunks_z[c]))
        zc = ext_mul(zc, z_n)
    if claimed != h_z:
        raise OodConsistencyError("constraint evaluations at z differ from the composition chunks at z")

    # Query positions.
    got = proof.positions
    if got.shape != positions.shape:
        raise QueryIndexError(f"proof has {got.shape[0]} query positions, transcript draws "
                              f"{positions.shape[0]}")
    if got.size and (int(got.min()) < 0 or int(got.max()) >= big_n):
        raise QueryIndexError(f"query position out of range 0..{big_n - 1}")
    if not np.array_equal(got, positions):
        raise QueryIndexError("query positions differ from those drawn from the transcript")
    q = positions.shape[0]
    if proof.trace_rows.shape != (q, w) or proof.composition_rows.shape != (q, 2 * k):
        raise ProofShapeError("opened row counts or widths disagree with the queries and trace shape")

    # Trace and composition openings.
    try:
        verify_batch(proof.trace_root, big_n, positions, proof.trace_rows, proof.trace_opening)
    except (MerkleVerificationError, ProofFormatError, ValueError, IndexError) as exc:
        raise TraceCommitmentError(f"trace opening rejected: {exc}") from exc
    try:
        verify_batch(proof.composition_root, big_n, positions, proof.composition_rows,
                     proof.composition_opening)
    except (MerkleVerificationError, ProofFormatError, ValueError, IndexError) as exc:
        raise CompositionCommitmentError(f"composition opening rejected: {exc}") from exc

    # DEEP composition at each query.
    gamma = _ext_rows(deep_coeffs[:w])
    gamma_next = _ext_rows(deep_coeffs[w:2 * w])
    delta = _ext_rows(deep_coeffs[2 * w:])
    w_n = int(_ntt.root_of_unity(n))
    zw = (z[0] * w_n % P, z[1] * w_n % P)
    k1: Ext = (0, 0)
    k2: Ext = (0, 0)
    for j in range(w):
        k1 = ext_add(k1, ext_mul(gamma[j], trace_z[j]))
        k2 = ext_add(k2, ext_mul(gamma_next[j], trace_zw[j]))
    for c in range(k):
        k1 = ext_add(k1, ext_mul(delta[c], chunks_z[c]))
    w_big = int(_ntt.root_of_unity(big_n))
    log_big = big_n.bit_length() - 1
    values: dict[int, Ext] = {}
    for i, p in enumerate(positions.tolist()):
        x = GENERATOR * pow(w_big, bitrev(p, log_big), P) % P
        row = proof.trace_rows[i]
        crow = proof.composition_rows[i]
        s1_0 = s1_1 = s2_0 = s2_1 = 0
        for j in range(w):
            tv = int(row[j])
            s1_0 += gamma[j][0] * tv
            s1_1 += gamma[j][1] * tv
            s2_0 += gamma_next[j][0] * tv
            s2_1 += gamma_next[j][1] * tv
        s1 = ext_sub((s1_0 % P, s1_1 % P), k1)
        for c in range(k):
            s1 = ext_add(s1, ext_mul(delta[c], (int(crow[2 * c]), int(crow[2 * c + 1]))))
        s2 = ext_sub((s2_0 % P, s2_1 % P), k2)
        values[p] = ext_add(ext_mul(s1, ext_inv(ext_sub((x, 0), z))),
                            ext_mul(s2, ext_inv(ext_sub((x, 0), zw))))

    if len(proof.fri_rows) != num_layers or len(proof.fri_openings) != num_layers:
        raise ProofShapeError("FRI layer openings disagree with the layer count")
    try:
        fri_verify_queries(values, big_n, GENERATOR, n, options.folding_factor, options.remainder_max_degree,
                           betas, proof.fri_roots, list(zip(proof.fri_rows, proof.fri_openings, strict=True)),
                           proof.fri_remainder, input_error=DeepCompositionError)
    except FriShapeError as exc:
        raise ProofShapeError(str(exc)) from exc
