"""Shape of an FRI proof: how many layers are committed and how long the remainder is."""

from __future__ import annotations

MODULUS = (1 << 64) - (1 << 32) + 1


def fri_layer_count(degree_bound: int, folding_factor: int, remainder_max_degree: int) -> tuple[int, int]:
    """(number of committed layers, number of remainder coefficients).

    Folds by ``folding_factor`` while the degree bound exceeds ``remainder_max_degree + 1`` and is a
    multiple of the factor (all are powers of two), so tiny traces may end with a slightly longer
    remainder; prover and verifier compute the same shape.
    """
    layers = 0
    bound = degree_bound
    while bound > remainder_max_degree + 1 and bound % folding_factor == 0:
        bound //= folding_factor
        layers += 1
    return layers, bound


def bitrev(x: int, bits: int) -> int:
    """Reverse the low ``bits`` bits of ``x``."""
    out = 0
    for _ in range(bits):
        out = (out << 1) | (x & 1)
        x >>= 1
    return out
