"""Numba kernels for 254-bit prime fields in Montgomery form on four 64-bit limbs (BN254's Fq and Fr).

Private: the validating API is :mod:`snark.bn254.fields`. An element is a tuple of four ``np.uint64``
limbs, least significant first, holding ``a * R mod m`` with ``R = 2^256``; every kernel returns
canonical values (< m). Arrays of elements have shape ``(n, 4)``.

Multiplication is the Coarsely Integrated Operand Scanning (CIOS) method of Koc, Acar and Kaliski,
"Analyzing and comparing Montgomery multiplication algorithms" (IEEE Micro 1996), with the "no-carry"
shortcut used by gnark-crypto (valid because both BN254 moduli have a top limb below 2^62, so the
intermediate never needs a fifth limb). Limb products use :func:`madd2`, an LLVM intrinsic that
widens to ``i128`` (``zext`` + ``mul i128``) and splits the result: DESIGN.md measured this as the
right tool for latency-bound limb code. No ``urem i128`` is ever emitted.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.extending import intrinsic

ZERO = np.uint64(0)
ONE = np.uint64(1)
U64 = types.uint64


# ---------------------------------------------------------------------------------------------------
# 128-bit intrinsics.
# ---------------------------------------------------------------------------------------------------


def _split(context, builder, rtype, wide):
    i64 = ir.IntType(64)
    lo = builder.trunc(wide, i64)
    hi = builder.trunc(builder.lshr(wide, ir.Constant(wide.type, 64)), i64)
    return context.make_tuple(builder, rtype, [hi, lo])


@intrinsic
def madd2(typingctx, a, b, c, d):
    """(hi, lo) of a * b + c + d for uint64 a, b, c, d (the sum fits in 128 bits)."""
    if not all(t == U64 for t in (a, b, c, d)):
        return None
    sig = types.UniTuple(U64, 2)(U64, U64, U64, U64)

    def codegen(context, builder, signature, args):
        i128 = ir.IntType(128)
        wa, wb, wc, wd = (builder.zext(x, i128) for x in args)
        wide = builder.add(builder.add(builder.mul(wa, wb), wc), wd)
        return _split(context, builder, signature.return_type, wide)

    return sig, codegen


@intrinsic
def adc(typingctx, a, b, carry):
    """(carry_out, sum) of a + b + carry for uint64 a, b and carry in {0, 1}."""
    if not all(t == U64 for t in (a, b, carry)):
        return None
    sig = types.UniTuple(U64, 2)(U64, U64, U64)

    def codegen(context, builder, signature, args):
        i128 = ir.IntType(128)
        wa, wb, wc = (builder.zext(x, i128) for x in args)
        return _split(context, builder, signature.return_type, builder.add(builder.add(wa, wb), wc))

    return sig, codegen


@intrinsic
def sbb(typingctx, a, b, borrow):
    """(borrow_out, difference) of a - b - borrow for uint64 a, b and borrow in {0, 1}."""
    if not all(t == U64 for t in (a, b, borrow)):
        return None
    sig = types.UniTuple(U64, 2)(U64, U64, U64)

    def codegen(context, builder, signature, args):
        i128 = ir.IntType(128)
        i64 = ir.IntType(64)
        wa, wb, wc = (builder.zext(x, i128) for x in args)
        wide = builder.sub(builder.sub(wa, wb), wc)
        lo = builder.trunc(wide, i64)
        # A negative i128 has all high bits set; keep one of them as the borrow.
        hi = builder.and_(builder.trunc(builder.lshr(wide, ir.Constant(i128, 64)), i64), ir.Constant(i64, 1))
        return context.make_tuple(builder, signature.return_type, [hi, lo])

    return sig, codegen


# ---------------------------------------------------------------------------------------------------
# Scalar kernels on 4-limb tuples, generic in the modulus q (a 4-tuple) and qinv = -q^-1 mod 2^64.
# ---------------------------------------------------------------------------------------------------


@njit(inline="always", cache=True)
def geq(a, b):
    """a >= b for 4-limb integers."""
    if a[3] != b[3]:
        return a[3] > b[3]
    if a[2] != b[2]:
        return a[2] > b[2]
    if a[1] != b[1]:
        return a[1] > b[1]
    return a[0] >= b[0]


@njit(inline="always", cache=True)
def sub4(a, b):
    """(borrow, a - b mod 2^256)."""
    c, d0 = sbb(a[0], b[0], ZERO)
    c, d1 = sbb(a[1], b[1], c)
    c, d2 = sbb(a[2], b[2], c)
    c, d3 = sbb(a[3], b[3], c)
    return c, (d0, d1, d2, d3)


@njit(inline="always", cache=True)
def add4(a, b):
    """(carry, a + b mod 2^256)."""
    c, s0 = adc(a[0], b[0], ZERO)
    c, s1 = adc(a[1], b[1], c)
    c, s2 = adc(a[2], b[2], c)
    c, s3 = adc(a[3], b[3], c)
    return c, (s0, s1, s2, s3)


@njit(inline="always", cache=True)
def is_zero(a):
    return (a[0] | a[1] | a[2] | a[3]) == ZERO


@njit(inline="always", cache=True)
def mod_add(a, b, q):
    # a + b < 2q < 2^255: no carry out of the top limb.
    _, s = add4(a, b)
    return reduce_once(s, q)


@njit(inline="always", cache=True)
def mod_sub(a, b, q):
    # Adds q masked by the borrow instead of branching on it: the sign of a difference of random
    # elements is a coin flip, so the branch mispredicted half the time.
    borrow, d = sub4(a, b)
    _, d = add4(d, masked(q, ZERO - borrow))
    return d


@njit(inline="always", cache=True)
def masked(q, mask):
    """q limb-wise AND mask (mask all ones or zero): q or 0 without a branch."""
    return (q[0] & mask, q[1] & mask, q[2] & mask, q[3] & mask)


@njit(inline="always", cache=True)
def mod_neg(a, q):
    if is_zero(a):
        return a
    _, d = sub4(q, a)
    return d


@njit(inline="always", cache=True)
def mod_dbl(a, q):
    return mod_add(a, a, q)


@njit(inline="always", cache=True)
def _cios_round(a, bi, t0, t1, t2, t3, q, qinv):
    A, t0 = madd2(a[0], bi, t0, ZERO)
    m = t0 * qinv
    C, _ = madd2(m, q[0], t0, ZERO)
    A, t1 = madd2(a[1], bi, t1, A)
    C, t0 = madd2(m, q[1], t1, C)
    A, t2 = madd2(a[2], bi, t2, A)
    C, t1 = madd2(m, q[2], t2, C)
    A, t3 = madd2(a[3], bi, t3, A)
    C, t2 = madd2(m, q[3], t3, C)
    return t0, t1, t2, C + A


@njit(inline="always", cache=True)
def reduce_once(t, q):
    """t - q if t >= q else t, for t < 2q, without a data-dependent branch."""
    borrow, d = sub4(t, q)
    keep = ZERO - borrow  # all ones when t < q
    return ((t[0] & keep) | (d[0] & ~keep), (t[1] & keep) | (d[1] & ~keep),
            (t[2] & keep) | (d[2] & ~keep), (t[3] & keep) | (d[3] & ~keep))


@njit(inline="always", cache=True)
def mont_mul(a, b, q, qinv):
    """Montgomery product a * b / 2^256 mod q (CIOS, no-carry variant), rounds unrolled."""
    t0, t1, t2, t3 = _cios_round(a, b[0], ZERO, ZERO, ZERO, ZERO, q, qinv)
    t0, t1, t2, t3 = _cios_round(a, b[1], t0, t1, t2, t3, q, qinv)
    t0, t1, t2, t3 = _cios_round(a, b[2], t0, t1, t2, t3, q, qinv)
    t0, t1, t2, t3 = _cios_round(a, b[3], t0, t1, t2, t3, q, qinv)
    t = (t0, t1, t2, t3)
    # A branch, not reduce_once: the subtraction is rarely needed, so it predicts well (measured 21.8 ->
    # 19 ns per product on this machine).
    if geq(t, q):
        _, t = sub4(t, q)
    return t


@njit(inline="always", cache=True)
def mont_pow(a, e, one, q, qinv):
    """a^e for a 4-limb exponent e (left-to-right square and multiply); ``one`` is R mod q."""
    r = one
    started = False
    for k in range(255, -1, -1):
        if started:
            r = mont_mul(r, r, q, qinv)
        if (e[k >> 6] >> np.uint64(k & 63)) & ONE:
            r = mont_mul(r, a, q, qinv)
            started = True
    return r


# ---------------------------------------------------------------------------------------------------
# Separated product and reduction, for sums of products reduced once (lazy reduction in Fq2).
# ---------------------------------------------------------------------------------------------------


@njit(inline="always", cache=True)
def _mul_row(a, bi, x0, x1, x2, x3):
    # x0..x3 + a * bi: four limbs and the word that carries out of them.
    c, x0 = madd2(a[0], bi, x0, ZERO)
    c, x1 = madd2(a[1], bi, x1, c)
    c, x2 = madd2(a[2], bi, x2, c)
    c, x3 = madd2(a[3], bi, x3, c)
    return x0, x1, x2, x3, c


@njit(inline="always", cache=True)
def mul_wide(a, b):
    """The full 512-bit product a * b of 4-limb integers, as 8 limbs (operand scanning, 16 products)."""
    t0, t1, t2, t3, t4 = _mul_row(a, b[0], ZERO, ZERO, ZERO, ZERO)
    t1, t2, t3, t4, t5 = _mul_row(a, b[1], t1, t2, t3, t4)
    t2, t3, t4, t5, t6 = _mul_row(a, b[2], t2, t3, t4, t5)
    t3, t4, t5, t6, t7 = _mul_row(a, b[3], t3, t4, t5, t6)
    return (t0, t1, t2, t3, t4, t5, t6, t7)


@njit(inline="always", cache=True)
def sub8(a, b):
    """(borrow, a - b mod 2^512) for 8-limb integers."""
    c, d0 = sbb(a[0], b[0], ZERO)
    c, d1 = sbb(a[1], b[1], c)
    c, d2 = sbb(a[2], b[2], c)
    c, d3 = sbb(a[3], b[3], c)
    c, d4 = sbb(a[4], b[4], c)
    c, d5 = sbb(a[5], b[5], c)
    c, d6 = sbb(a[6], b[6], c)
    c, d7 = sbb(a[7], b[7], c)
    return c, (d0, d1, d2, d3, d4, d5, d6, d7)


@njit(inline="always", cache=True)
def add_high(t, q):
    """t + q * 2^256 mod 2^512 for an 8-limb t (brings a negative difference of products back up)."""
    c, h0 = adc(t[4], q[0], ZERO)
    c, h1 = adc(t[5], q[1], c)
    c, h2 = adc(t[6], q[2], c)
    _, h3 = adc(t[7], q[3], c)
    return (t[0], t[1], t[2], t[3], h0, h1, h2, h3)


@njit(inline="always", cache=True)
def _redc_round(m, q, x0, x1, x2, x3, x4, carry):
    # x0..x3 + m * q, then the top word into x4 with the carry bit pending from the previous round.
    C, _ = madd2(m, q[0], x0, ZERO)
    C, x1 = madd2(m, q[1], x1, C)
    C, x2 = madd2(m, q[2], x2, C)
    C, x3 = madd2(m, q[3], x3, C)
    carry, x4 = adc(x4, C, carry)
    return x1, x2, x3, x4, carry


@njit(inline="always", cache=True)
def redc(t, q, qinv):
    """Montgomery reduction t / 2^256 mod q of an 8-limb t < q * 2^256; canonical result.

    Four word-by-word rounds (Montgomery 1985): each adds m * q with m = t_i * qinv so the low word
    vanishes. The sum stays below 2 q 2^256 < 2^512, so the carry out of the top word is zero, and the
    result is below 2q: one conditional subtraction.
    """
    t1, t2, t3, t4, c = _redc_round(t[0] * qinv, q, t[0], t[1], t[2], t[3], t[4], ZERO)
    t2, t3, t4, t5, c = _redc_round(t1 * qinv, q, t1, t2, t3, t4, t[5], c)
    t3, t4, t5, t6, c = _redc_round(t2 * qinv, q, t2, t3, t4, t5, t[6], c)
    t4, t5, t6, t7, _ = _redc_round(t3 * qinv, q, t3, t4, t5, t6, t[7], c)
    r = (t4, t5, t6, t7)
    if geq(r, q):
        _, r = sub4(r, q)
    return r


# ---------------------------------------------------------------------------------------------------
# Array kernels on (n, 4) uint64 arrays. Moduli are arguments so Fq and Fr share one compiled kernel.
# ---------------------------------------------------------------------------------------------------


@njit(inline="always", cache=True)
def load(a, i):
    return (a[i, 0], a[i, 1], a[i, 2], a[i, 3])


@njit(inline="always", cache=True)
def store(out, i, v):
    out[i, 0] = v[0]
    out[i, 1] = v[1]
    out[i, 2] = v[2]
    out[i, 3] = v[3]


@njit(cache=True)
def arr_add(a, b, out, q):
    for i in range(a.shape[0]):
        store(out, i, mod_add(load(a, i), load(b, i), q))


@njit(cache=True)
def arr_sub(a, b, out, q):
    for i in range(a.shape[0]):
        store(out, i, mod_sub(load(a, i), load(b, i), q))


@njit(cache=True)
def arr_neg(a, out, q):
    for i in range(a.shape[0]):
        store(out, i, mod_neg(load(a, i), q))


@njit(cache=True)
def arr_mul(a, b, out, q, qinv):
    for i in range(a.shape[0]):
        store(out, i, mont_mul(load(a, i), load(b, i), q, qinv))


@njit(cache=True)
def arr_mul_const(a, c, out, q, qinv):
    """out[i] = a[i] * c / R: with c = R^2 this enters Montgomery form, with c = 1 it leaves it."""
    for i in range(a.shape[0]):
        store(out, i, mont_mul(load(a, i), c, q, qinv))


@njit(cache=True)
def arr_mul_chain(a, b, rounds, q, qinv):
    """rounds dependent products x <- x * b[0], for a latency measurement; returns x."""
    x = load(a, 0)
    y = load(b, 0)
    for _ in range(rounds):
        x = mont_mul(x, y, q, qinv)
    return x


@njit(cache=True)
def arr_pow(a, e, out, one, q, qinv):
    """out[i] = a[i] ** e[i]; exponents are canonical (not Montgomery) 4-limb integers."""
    for i in range(a.shape[0]):
        store(out, i, mont_pow(load(a, i), load(e, i), one, q, qinv))


@njit(cache=True)
def arr_reduce(a, out, q):
    """out[i] = a[i] mod q for any 256-bit a[i] (q > 2^253, so at most five subtractions)."""
    for i in range(a.shape[0]):
        v = load(a, i)
        while geq(v, q):
            _, v = sub4(v, q)
        store(out, i, v)


@njit(cache=True)
def arr_batch_inv(a, out, one, qm2, q, qinv):
    """Montgomery's trick: out[i] = a[i]^-1 with one inversion (Fermat, exponent qm2 = q - 2).

    Every a[i] must be non-zero (the wrapper checks).
    """
    n = a.shape[0]
    if n == 0:
        return
    acc = one
    for i in range(n):
        store(out, i, acc)  # prefix product of a[0..i-1]
        acc = mont_mul(acc, load(a, i), q, qinv)
    inv = mont_pow(acc, qm2, one, q, qinv)
    for i in range(n - 1, -1, -1):
        ai = load(a, i)
        store(out, i, mont_mul(inv, load(out, i), q, qinv))
        inv = mont_mul(inv, ai, q, qinv)


@njit(cache=True)
def max_geq(a, q):
    """Index of the first row >= q, or -1 when every row is canonical."""
    for i in range(a.shape[0]):
        if geq(load(a, i), q):
            return i
    return -1


@njit(cache=True)
def first_zero(a):
    """Index of the first all-zero row, or -1."""
    for i in range(a.shape[0]):
        if is_zero(load(a, i)):
            return i
    return -1
