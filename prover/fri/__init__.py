"""FRI: the Fast Reed-Solomon IOP of Proximity (Ben-Sasson, Bentov, Horesh, Riabzev, ECCC TR17-134).

Proves that a committed word of evaluations over a domain D is close to a polynomial of degree below
``degree_bound``. Used by the STARK on the DEEP composition polynomial (eprint 2019/336, 2021/582).

Domain convention, shared by prover and verifier: layer l lives on D_l = g^(f^l) * <w_{N_l}>, N_l = N / f^l,
in *bit-reversed* order: position p holds the value at g^(f^l) * w_{N_l}^(bitrev(p)). The f points
x * w_f^j of a folding coset then sit at the f consecutive positions f*k .. f*k + f - 1, which form leaf k of
the layer's Merkle tree, and the folded value lands at position k of the next layer.

Protocol: for each layer, commit (absorb its root), draw beta in F_p^2, fold by f. When the degree bound
reaches ``remainder_max_degree + 1`` (or can no longer be divided by f), send the remainder polynomial's
coefficients in the clear and absorb them. Queries (drawn by the caller after grinding) open every layer
at the cosets containing the query positions.
"""

from prover.fri.errors import (
    FriError,
    FriFoldingError,
    FriLayerCommitmentError,
    FriRemainderError,
    FriShapeError,
)
from prover.fri.prover import FriCommitment, FriLayerOpening, fri_commit
from prover.fri.shape import fri_layer_count
from prover.fri.verifier import fri_draw_betas, fri_verify_queries

__all__ = [
    "FriCommitment", "FriError", "FriFoldingError", "FriLayerCommitmentError", "FriLayerOpening",
    "FriRemainderError", "FriShapeError", "fri_commit", "fri_draw_betas", "fri_layer_count",
    "fri_verify_queries",
]
