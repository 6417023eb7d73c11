"""Plain-Python-int Goldilocks oracles shared by the tests: never the code under test.

p = 2^64 - 2^32 + 1; extension elements are pairs (c0, c1) = c0 + c1 u with u^2 = 7.
"""

from __future__ import annotations

P = 2**64 - 2**32 + 1


def rev(i: int, bits: int) -> int:
    """i with its low ``bits`` bits reversed."""
    return int(f"{i:0{bits}b}"[::-1], 2) if bits else 0


def horner(coeffs, x: int) -> int:
    """sum_i coeffs[i] x^i mod p."""
    acc = 0
    for c in reversed([int(v) for v in coeffs]):
        acc = (acc * x + c) % P
    return acc


def ext_add(a, b):
    return ((a[0] + b[0]) % P, (a[1] + b[1]) % P)


def ext_sub(a, b):
    return ((a[0] - b[0]) % P, (a[1] - b[1]) % P)


def ext_mul(a, b):
    return ((a[0] * b[0] + 7 * a[1] * b[1]) % P, (a[0] * b[1] + a[1] * b[0]) % P)


def ext_inv(a):
    t = pow((a[0] * a[0] - 7 * a[1] * a[1]) % P, P - 2, P)
    return (a[0] * t % P, (P - a[1]) * t % P)


def horner_ext(coeffs, z):
    """sum_i coeffs[i] z^i for extension coefficients (pairs) and an extension point."""
    acc = (0, 0)
    for c in reversed(coeffs):
        acc = ext_add(ext_mul(acc, z), c)
    return acc
