"""FRI verifier (ECCC TR17-134): replay the commit phase, then check every query through every layer.

Scalar Python-int arithmetic in F_p^2: a proof has a few dozen queries, so the work is a few thousand
field operations, far below the cost of a kernel launch. Every count read from the proof is checked
against the shape :func:`prover.fri.fri_layer_count` derives from the public parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from prover import ntt as _ntt
from prover.errors import MerkleVerificationError, ProofFormatError
from prover.fri import fri_kernels as _fk
from prover.fri.errors import FriFoldingError, FriLayerCommitmentError, FriRemainderError, FriShapeError
from prover.fri.shape import MODULUS, bitrev, fri_layer_count
from prover.merkle import verify_batch

P = MODULUS
Ext = tuple[int, int]


def _mul(a: Ext, b: Ext) -> Ext:
    return ((a[0] * b[0] + 7 * a[1] * b[1]) % P, (a[0] * b[1] + a[1] * b[0]) % P)


def fri_draw_betas(transcript, layer_roots: Sequence[bytes], remainder: np.ndarray) -> list[Ext]:
    """Absorb the layer roots (drawing one folding challenge after each) and then the remainder."""
    betas = []
    for layer, root in enumerate(layer_roots):
        transcript.absorb_root(f"fri_layer_{layer}", root)
        b = transcript.challenge_ext(f"fri_beta_{layer}", 1)[0]
        betas.append((int(b[0]), int(b[1])))
    transcript.absorb_field("fri_remainder", np.ascontiguousarray(remainder, dtype=np.uint64).reshape(-1))
    return betas


@lru_cache(maxsize=4096)
def _inv(x: int) -> int:
    # The same few shifts and roots recur across every query of a proof: invert each once.
    return pow(x, P - 2, P)


@lru_cache(maxsize=64)
def _inv_root(m_size: int) -> int:
    """w_{m_size}^-1 (the verifier asks for the same few sizes for every query)."""
    return _inv(int(_ntt.root_of_unity(m_size)))


@lru_cache(maxsize=1024)
def _fold_twiddles(m_size: int, low_bits: int) -> tuple[int, ...]:
    """w^-(2^(bits - low_bits) * bitrev_{low_bits}(u)) for u < 2^low_bits (w = w_{m_size}, 2^bits = m_size/2).

    In bit-reversed order the position m = k * 2^low_bits + u has bitrev(m) = bitrev(u) 2^(bits - low_bits)
    + bitrev(k): the u part comes from this small table, so a fold costs one pow per leaf, not one per pair.
    """
    w_inv = _inv_root(m_size)
    bits = (m_size // 2).bit_length() - 1
    step = pow(w_inv, 1 << (bits - low_bits), P)
    return tuple(pow(step, bitrev(u, low_bits), P) for u in range(1 << low_bits))


def _fold_layer(rows: np.ndarray, leaves: list[int], n: int, shift: int, beta: Ext) -> dict[int, Ext]:
    """Fold every opened leaf of a layer on shift*<w_n> (bit-reversed) to its position in the next layer.

    Python ints prepare what depends on the leaf index (1 / x of each leaf's first pair: one pow per
    leaf) and the per-round tables; :func:`prover.fri.fri_kernels.fold_leaves` does the field work. The
    per-pair Python loop this replaced was 40 % of a Fibonacci 2^16 verify on the AVX2 EPYC.
    """
    f = rows.shape[1] // 2
    rounds = f.bit_length() - 1
    bits = (n // 2).bit_length() - 1
    low_bits = rounds - 1
    shift_inv = _inv(shift)
    w_inv = _inv_root(n)
    bases = np.array([shift_inv * pow(w_inv, bitrev(k, bits - low_bits), P) % P for k in leaves],
                     dtype=np.uint64)
    small = np.ones((rounds, max(f // 2, 1)), dtype=np.uint64)
    betas = np.empty((rounds, 2), dtype=np.uint64)
    b = beta
    for r in range(rounds):
        tw = _fold_twiddles(n >> r, low_bits - r)
        small[r, :len(tw)] = tw
        betas[r] = b
        b = _mul(b, b)
    out = np.empty((len(leaves), 2), dtype=np.uint64)
    _fk.fold_leaves(np.ascontiguousarray(rows), bases, small, betas, out)
    return {leaf: (int(out[i, 0]), int(out[i, 1])) for i, leaf in enumerate(leaves)}


def evaluate_ext_poly_at_base(coeffs: np.ndarray, x: int) -> Ext:
    """Horner: sum_i coeffs[i] x^i for extension coefficients ((r, 2) array) and a base-field point."""
    c0 = c1 = 0
    for i in range(coeffs.shape[0] - 1, -1, -1):
        c0 = (c0 * x + int(coeffs[i, 0])) % P
        c1 = (c1 * x + int(coeffs[i, 1])) % P
    return (c0, c1)


def fri_verify_queries(values: dict[int, Ext], domain_size: int, domain_shift: int, degree_bound: int,
                       folding_factor: int, remainder_max_degree: int, betas: Sequence[Ext],
                       layer_roots: Sequence[bytes], layer_openings: Sequence[tuple[np.ndarray, object]],
                       remainder: np.ndarray, input_error: type[Exception] = FriFoldingError) -> None:
    """Check the queried values of layer 0 through every layer down to the remainder.

    Args:
        values: layer-0 position -> the value the caller expects there (e.g. the DEEP composition
            recomputed from the trace openings).
        domain_size, domain_shift: N and g of layer 0.
        degree_bound: the degree bound being tested.
        folding_factor, remainder_max_degree: FRI parameters (from the proof options).
        betas: folding challenges from :func:`fri_draw_betas`.
        layer_roots: one root per committed layer.
        layer_openings: per layer, (rows of shape (leaves, 2f), Merkle batch opening).
        remainder: (r, 2) remainder coefficients.
        input_error: exception raised when a layer-0 opening disagrees with ``values``.

    Raises:
        FriShapeError, FriLayerCommitmentError, FriFoldingError (or ``input_error``), FriRemainderError.
    """
    f = folding_factor
    num_layers, rem_len = fri_layer_count(degree_bound, f, remainder_max_degree)
    if len(layer_roots) != num_layers or len(layer_openings) != num_layers or len(betas) != num_layers:
        raise FriShapeError(f"expected {num_layers} FRI layers, got {len(layer_roots)} roots and "
                            f"{len(layer_openings)} openings")
    if remainder.ndim != 2 or remainder.shape != (rem_len, 2):
        raise FriRemainderError(f"remainder must have {rem_len} coefficients, got {remainder.shape[0]}")
    expected = dict(values)
    n = domain_size
    shift = domain_shift % P
    for layer in range(num_layers):
        leaves = sorted({p // f for p in expected})
        rows, opening = layer_openings[layer]
        if not isinstance(rows, np.ndarray) or rows.shape != (len(leaves), 2 * f):
            raise FriShapeError(f"layer {layer}: expected {len(leaves)} rows of {2 * f} words")
        try:
            verify_batch(layer_roots[layer], n // f, np.asarray(leaves, dtype=np.int64), rows, opening)
        except (MerkleVerificationError, ProofFormatError, ValueError, IndexError) as exc:
            raise FriLayerCommitmentError(f"FRI layer {layer} opening rejected: {exc}") from exc
        slot = {leaf: i for i, leaf in enumerate(leaves)}
        for p, v in expected.items():
            row = rows[slot[p // f]]
            t = p % f
            if (int(row[2 * t]), int(row[2 * t + 1])) != v:
                err = input_error if layer == 0 else FriFoldingError
                raise err(f"FRI layer {layer}: value at position {p} disagrees with the "
                          f"{'input word' if layer == 0 else 'fold of the previous layer'}")
        if rows.size and int(rows.max()) >= P:
            raise FriShapeError(f"layer {layer}: an opened value is not a canonical field element")
        expected = _fold_layer(rows, leaves, n, shift, betas[layer])
        n //= f
        shift = pow(shift, f, P)
    w = int(_ntt.root_of_unity(n))
    bits = n.bit_length() - 1
    for p, v in expected.items():
        x = shift * pow(w, bitrev(p, bits), P) % P
        if evaluate_ext_poly_at_base(remainder, x) != v:
            raise FriRemainderError(f"remainder polynomial disagrees with the last fold at position {p}")
