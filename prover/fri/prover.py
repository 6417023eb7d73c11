"""FRI prover: commit to successive folds of a word over F_p^2 and answer queries (ECCC TR17-134).

See :mod:`prover.fri` for the domain convention. Folding runs in parallel Numba kernels
(:mod:`prover.fri.fri_kernels`); the Merkle trees have one leaf per folding coset (2f uint64 words).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from prover import ntt as _ntt
from prover.fri import fri_kernels as _k
from prover.fri.shape import MODULUS, fri_layer_count
from prover.merkle import MerkleTree

P = MODULUS


@dataclass
class FriLayerOpening:
    """The opened leaves of one layer: ``rows[i]`` is leaf ``indices[i]`` (f extension values, 2f words)."""

    indices: np.ndarray
    rows: np.ndarray
    opening: object


@dataclass
class FriCommitment:
    """Prover state after the commit phase."""

    layer_values: list[np.ndarray]
    trees: list[MerkleTree]
    betas: list[np.ndarray]
    remainder: np.ndarray
    folding_factor: int

    @property
    def layer_roots(self) -> list[bytes]:
        return [t.root for t in self.trees]

    def open(self, positions: np.ndarray) -> list[FriLayerOpening]:
        """Open every layer at the folding cosets holding the layer-0 ``positions``."""
        f = self.folding_factor
        out = []
        pos = np.unique(np.asarray(positions, dtype=np.int64))
        for values, tree in zip(self.layer_values, self.trees, strict=True):
            leaves = np.unique(pos // f)
            rows = values.reshape(-1, 2 * f)[leaves]
            out.append(FriLayerOpening(leaves, np.ascontiguousarray(rows), tree.open(leaves)))
            pos = leaves
        return out


def _inv_x_table(n: int, shift: int) -> np.ndarray:
    """x_m^-1 for the pairs of a binary fold on shift * <w_n> (bit-reversed): shift^-1 w_n^-bitrev(m)."""
    half = n // 2
    w_inv = pow(int(_ntt.root_of_unity(n)), P - 2, P)
    out = np.empty(half, dtype=np.uint64)
    _k.bitrev_powers(np.uint64(w_inv), np.uint64(pow(shift, P - 2, P)), out)
    return out


def fold_by(values: np.ndarray, beta: np.ndarray, folding_factor: int, shift: int,
            table: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Fold a bit-reversed word on ``shift * <w_n>`` by ``folding_factor`` with challenge ``beta``.

    Returns the folded word and the inverse-point table for the next binary domain (reused by the caller
    so the table is computed once per proof).
    """
    b0, b1 = int(beta[0]), int(beta[1])
    s = shift
    for _ in range(folding_factor.bit_length() - 1):
        n = values.shape[0]
        if table is None:
            table = _inv_x_table(n, s)
        out = np.empty((n // 2, 2), dtype=np.uint64)
        _k.fold2_lanes(values, np.uint64(b0), np.uint64(b1), table, out)
        # Next binary domain: shift s^2, table_{next}[k] = table[k] * s^-1 for k < n/4 (see module doc).
        quarter = n // 4
        if quarter >= 1:
            nxt = np.empty(quarter, dtype=np.uint64)
            _k.scale_prefix(table, np.uint64(pow(s, P - 2, P)), nxt)
            table = nxt
        else:
            table = None
        values = out
        b0, b1 = (b0 * b0 + 7 * b1 * b1) % P, (2 * b0 * b1) % P  # beta <- beta^2
        s = s * s % P
    return values, table


def fri_commit(evaluations: np.ndarray, domain_shift: int, degree_bound: int, folding_factor: int,
               remainder_max_degree: int, transcript) -> FriCommitment:
    """Run the FRI commit phase on ``evaluations`` ((N, 2) uint64, bit-reversed on shift * <w_N>).

    Args:
        evaluations: the word to prove low-degree, extension elements in bit-reversed order.
        domain_shift: the coset shift g of layer 0.
        degree_bound: claimed bound: the polynomial has degree < ``degree_bound``.
        folding_factor: 2, 4 or 8.
        remainder_max_degree: stop folding at this degree (see :func:`fri_layer_count`).
        transcript: absorbs each root and the remainder, and supplies the folding challenges.

    Returns:
        The commitment with its layers, trees, challenges and remainder coefficients ((r, 2) uint64).
    """
    num_layers, rem_len = fri_layer_count(degree_bound, folding_factor, remainder_max_degree)
    values = np.ascontiguousarray(evaluations, dtype=np.uint64)
    shift = domain_shift % P
    layer_values, trees, betas = [], [], []
    table = None
    for layer in range(num_layers):
        tree = MerkleTree(values.reshape(-1, 2 * folding_factor))
        transcript.absorb_root(f"fri_layer_{layer}", tree.root)
        beta = transcript.challenge_ext(f"fri_beta_{layer}", 1)[0]
        layer_values.append(values)
        trees.append(tree)
        betas.append(beta)
        values, table = fold_by(values, beta, folding_factor, shift, table)
        shift = pow(shift, folding_factor, P)
    remainder = remainder_coefficients(values, shift, rem_len)
    transcript.absorb_field("fri_remainder", remainder.reshape(-1))
    return FriCommitment(layer_values, trees, betas, remainder, folding_factor)


def remainder_coefficients(values: np.ndarray, shift: int, count: int) -> np.ndarray:
    """The first ``count`` coefficients of the polynomial interpolating a bit-reversed word on shift*<w>."""
    n = values.shape[0]
    natural = np.empty_like(values)
    if n > 1:
        _k.bitrev_gather_rows(values, natural, n.bit_length() - 1)
    else:
        natural[:] = values
    coeffs = np.ascontiguousarray(_ntt.coset_intt(natural, shift))
    return np.ascontiguousarray(coeffs[:count])
