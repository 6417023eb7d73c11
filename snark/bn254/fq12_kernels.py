"""Numba kernels for the BN254 tower Fq6 = Fq2[v]/(v^3 - xi) and Fq12 = Fq6[w]/(w^2 - v), xi = 9 + u.

Private: used by ``pairing_kernels``; the Python view of elements is in :mod:`snark.bn254.pairing`. The
tower is the one of EIP-197 and the BN254 literature: w^6 = xi, so py_ecc's flat Fq12 = Fq[w]/(w^12 -
18 w^6 + 82) is the same field (u = w^6 - 9). An Fq6 element is a triple of Fq2 (c0 + c1 v + c2 v^2);
an Fq12 element is a pair of Fq6 (g + h w). As a polynomial in w the coefficient of w^(2i) is g_i and
of w^(2i+1) is h_i.

Multiplication and squaring follow Devegili, O hEigeartaigh, Scott and Dahab, "Multiplication and
squaring on pairing-friendly fields" (eprint 2006/471): Karatsuba for Fq6 and Fq12, complex squaring
for Fq12. The p^j-power Frobenius maps coefficient c_k of w^k to conj^j(c_k) * xi^(k (p^j - 1) / 6);
those constants are computed below with plain Python integers.
"""

from __future__ import annotations

from numba import njit

from snark.bn254.fields import P
from snark.bn254.tower_kernels import (
    FQ2_ONE,
    FQ2_ZERO,
    fq2_add,
    fq2_conj,
    fq2_inv,
    fq2_mul,
    fq2_mul_xi,
    fq2_neg,
    fq2_sqr,
    fq2_sub,
    mont,
)


def _py_fq2_mul(a, b):
    return ((a[0] * b[0] - a[1] * b[1]) % P, (a[0] * b[1] + a[1] * b[0]) % P)


def _py_fq2_pow(a, e):
    r = (1, 0)
    while e:
        if e & 1:
            r = _py_fq2_mul(r, a)
        a = _py_fq2_mul(a, a)
        e >>= 1
    return r


def _frobenius_constants(j):
    return tuple((mont(g[0]), mont(g[1]))
                 for g in (_py_fq2_pow((9, 1), k * (P**j - 1) // 6) for k in range(6)))


FROB1 = _frobenius_constants(1)
FROB2 = _frobenius_constants(2)
FROB3 = _frobenius_constants(3)

FQ6_ZERO = (FQ2_ZERO, FQ2_ZERO, FQ2_ZERO)
FQ6_ONE = (FQ2_ONE, FQ2_ZERO, FQ2_ZERO)
FQ12_ONE = (FQ6_ONE, FQ6_ZERO)


# ---------------------------------------------------------------------------------------------------
# Fq6
# ---------------------------------------------------------------------------------------------------


@njit(cache=True)
def fq6_add(a, b):
    return (fq2_add(a[0], b[0]), fq2_add(a[1], b[1]), fq2_add(a[2], b[2]))


@njit(cache=True)
def fq6_sub(a, b):
    return (fq2_sub(a[0], b[0]), fq2_sub(a[1], b[1]), fq2_sub(a[2], b[2]))


@njit(cache=True)
def fq6_neg(a):
    return (fq2_neg(a[0]), fq2_neg(a[1]), fq2_neg(a[2]))


@njit(cache=True)
def fq6_mul_by_v(a):
    """a * v = xi a2 + a0 v + a1 v^2."""
    return (fq2_mul_xi(a[2]), a[0], a[1])


@njit(cache=True)
def fq6_mul(a, b):
    t0 = fq2_mul(a[0], b[0])
    t1 = fq2_mul(a[1], b[1])
    t2 = fq2_mul(a[2], b[2])
    c0 = fq2_add(fq2_mul_xi(fq2_sub(fq2_sub(fq2_mul(fq2_add(a[1], a[2]), fq2_add(b[1], b[2])), t1), t2)), t0)
    c1 = fq2_add(fq2_sub(fq2_sub(fq2_mul(fq2_add(a[0], a[1]), fq2_add(b[0], b[1])), t0), t1), fq2_mul_xi(t2))
    c2 = fq2_add(fq2_sub(fq2_sub(fq2_mul(fq2_add(a[0], a[2]), fq2_add(b[0], b[2])), t0), t2), t1)
    return (c0, c1, c2)


@njit(cache=True)
def fq6_sqr(a):
    # CH-SQR2 of Chung and Hasan (2007), as listed by Devegili et al.
    s0 = fq2_sqr(a[0])
    ab = fq2_mul(a[0], a[1])
    s1 = fq2_add(ab, ab)
    s2 = fq2_sqr(fq2_add(fq2_sub(a[0], a[1]), a[2]))
    bc = fq2_mul(a[1], a[2])
    s3 = fq2_add(bc, bc)
    s4 = fq2_sqr(a[2])
    c0 = fq2_add(fq2_mul_xi(s3), s0)
    c1 = fq2_add(fq2_mul_xi(s4), s1)
    c2 = fq2_sub(fq2_sub(fq2_add(fq2_add(s1, s2), s3), s0), s4)
    return (c0, c1, c2)


@njit(cache=True)
def fq6_inv(a):
    a0, a1, a2 = a
    A = fq2_sub(fq2_sqr(a0), fq2_mul_xi(fq2_mul(a1, a2)))
    B = fq2_sub(fq2_mul_xi(fq2_sqr(a2)), fq2_mul(a0, a1))
    C = fq2_sub(fq2_sqr(a1), fq2_mul(a0, a2))
    F = fq2_add(fq2_mul(a0, A), fq2_mul_xi(fq2_add(fq2_mul(a2, B), fq2_mul(a1, C))))
    Fi = fq2_inv(F)
    return (fq2_mul(A, Fi), fq2_mul(B, Fi), fq2_mul(C, Fi))


# ---------------------------------------------------------------------------------------------------
# Fq12
# ---------------------------------------------------------------------------------------------------


@njit(cache=True)
def fq12_mul(a, b):
    t0 = fq6_mul(a[0], b[0])
    t1 = fq6_mul(a[1], b[1])
    c1 = fq6_sub(fq6_sub(fq6_mul(fq6_add(a[0], a[1]), fq6_add(b[0], b[1])), t0), t1)
    return (fq6_add(t0, fq6_mul_by_v(t1)), c1)


@njit(cache=True)
def fq12_sqr(a):
    # Complex squaring: (g + h w)^2 = (g + h)(g + v h) - gh - v gh + 2 gh w.
    gh = fq6_mul(a[0], a[1])
    c0 = fq6_sub(fq6_sub(fq6_mul(fq6_add(a[0], a[1]), fq6_add(a[0], fq6_mul_by_v(a[1]))), gh),
                 fq6_mul_by_v(gh))
    return (c0, fq6_add(gh, gh))


@njit(cache=True)
def fq12_mul_line(f, l0, l1, l3):
    """f * (l0 + l1 w + l3 w^3) with l0 in Fq (embedded in Fq2 as (l0, 0)) and l1, l3 in Fq2.

    The line is g = (l0, 0, 0), h = (l1, l3, 0) in the tower.
    """
    g = (l0, FQ2_ZERO, FQ2_ZERO)
    h = (l1, l3, FQ2_ZERO)
    return fq12_mul(f, (g, h))


@njit(cache=True)
def fq12_conj(a):
    """a^(p^6): w -> -w."""
    return (a[0], fq6_neg(a[1]))


@njit(cache=True)
def fq12_inv(a):
    # (g + h w)^-1 = (g - h w) / (g^2 - v h^2)
    t = fq6_inv(fq6_sub(fq6_sqr(a[0]), fq6_mul_by_v(fq6_sqr(a[1]))))
    return (fq6_mul(a[0], t), fq6_neg(fq6_mul(a[1], t)))


@njit(cache=True)
def _frob(a, gam, conj):
    g, h = a
    if conj:
        g = (fq2_conj(g[0]), fq2_conj(g[1]), fq2_conj(g[2]))
        h = (fq2_conj(h[0]), fq2_conj(h[1]), fq2_conj(h[2]))
    return ((g[0], fq2_mul(g[1], gam[2]), fq2_mul(g[2], gam[4])),
            (fq2_mul(h[0], gam[1]), fq2_mul(h[1], gam[3]), fq2_mul(h[2], gam[5])))


@njit(cache=True)
def fq12_frob1(a):
    return _frob(a, FROB1, True)


@njit(cache=True)
def fq12_frob2(a):
    return _frob(a, FROB2, False)


@njit(cache=True)
def fq12_frob3(a):
    return _frob(a, FROB3, True)
