"""Numba kernels for the Goldilocks prime field F_p, p = 2^64 - 2^32 + 1, and its quadratic extension.

Private: the public, validating API is :mod:`prover.field.goldilocks` and :mod:`prover.field.extension`.
Every value is an ``np.uint64`` holding a canonical residue (< p); every kernel returns canonical values.

Reduction uses the special form of p: 2^64 = 2^32 - 1 (mod p) and 2^96 = -1 (mod p), so a 128-bit
product hi * 2^64 + lo with hi = hh * 2^32 + hl reduces to lo - hh + hl * (2^32 - 1) (Plonky2's method).

The 64x64 -> 128 product is split into four 32x32 products. LLVM turns that form into AVX-512 vector
code in streaming loops, which the DESIGN.md measurement found faster there than a scalar i128 multiply,
and into AVX2 code (vpmuludq) on machines without AVX-512. AVX2 has no unsigned 64-bit compare, so each
one costs three instructions: the product is recombined without carry tests and every addition below
makes a single comparison (on an AVX2 EPYC this took a radix-4 NTT pass from 4.5 to 3.4 ns per butterfly).
"""

from __future__ import annotations

import numpy as np
from llvmlite import binding as _llvm
from llvmlite import ir
from numba import njit, prange, types
from numba.extending import intrinsic

# Constants are uint64 module globals: mixing uint64 with Python ints makes Numba promote to float64.
P = np.uint64(0xFFFFFFFF00000001)
EPSILON = np.uint64(0xFFFFFFFF)  # 2^64 mod p
MASK32 = np.uint64(0xFFFFFFFF)
S32 = np.uint64(32)
ZERO = np.uint64(0)
ONE = np.uint64(1)
P_MINUS_2 = np.uint64(0xFFFFFFFEFFFFFFFF)
# Non-residue W of the extension F_p[x]/(x^2 - W); W = 7 as in Plonky2's quadratic Goldilocks extension.
W = np.uint64(7)


# ---------------------------------------------------------------------------------------------------
# Scalar kernels (inlined into every loop that calls them).
# ---------------------------------------------------------------------------------------------------


@njit(inline="always", cache=True)
def gl_add(a, b):
    # a + b = a - (p - b): one unsigned compare instead of two (wrap test, then >= p), which is what
    # costs in AVX2 code (no unsigned 64-bit compare there). Measured on a 2^11-group radix-4 DIT pass,
    # AVX2 EPYC: with the carry-free gl_mul below, 4.5 -> 3.4 ns per butterfly.
    t = P - b
    d = a - t
    if a < t:
        d += P  # wraps back to a + b
    return d


@njit(inline="always", cache=True)
def gl_sub(a, b):
    d = a - b
    if a < b:
        d += P  # wraps to a - b + p
    return d


@njit(inline="always", cache=True)
def gl_neg(a):
    if a == ZERO:
        return ZERO
    return P - a


@njit(inline="always", cache=True)
def gl_reduce128(hi, lo):
    hh = hi >> S32
    hl = hi & MASK32
    t0 = lo - hh
    if lo < hh:
        t0 -= EPSILON  # borrowed 2^64 == EPSILON; t0 = lo - hh + p < p then
    t1 = (hl << S32) - hl  # hl * (2^32 - 1) <= p - 2^32, a shift instead of a multiply
    # t0 + t1 mod p as t0 - (p - t1): t0 < 2^64 may exceed p, but t0 + t1 - p < EPSILON + t1 < p.
    t = P - t1
    d = t0 - t
    if t0 < t:
        d += P
    return d


@intrinsic
def _mul_wide(typingctx, a, b):
    """(hi, lo) of the 128-bit product of uint64 a and b: one ``mul i128`` (mulx on x86-64)."""
    if a != types.uint64 or b != types.uint64:
        return None
    sig = types.UniTuple(types.uint64, 2)(types.uint64, types.uint64)

    def codegen(context, builder, signature, args):
        i128 = ir.IntType(128)
        i64 = ir.IntType(64)
        wide = builder.mul(builder.zext(args[0], i128), builder.zext(args[1], i128))
        lo = builder.trunc(wide, i64)
        hi = builder.trunc(builder.lshr(wide, ir.Constant(i128, 64)), i64)
        return context.make_tuple(builder, signature.return_type, [hi, lo])

    return sig, codegen


@njit(inline="always", cache=True)
def gl_mul_wide(a, b):
    hi, lo = _mul_wide(a, b)
    return gl_reduce128(hi, lo)


@njit(inline="always", cache=True)
def _mul_wide_split(a, b):
    """(hi, lo) of the 128-bit product of uint64 a and b from four 32x32-bit products."""
    a0 = a & MASK32
    a1 = a >> S32
    b0 = b & MASK32
    b1 = b >> S32
    ll = a0 * b0
    lh = a0 * b1
    hl = a1 * b0
    hh = a1 * b1
    # Carry-free recombination: each partial sum stays below 2^64 ((2^32-1)^2 + 2 (2^32-1) = 2^64 - 1),
    # so no compare is needed to catch a wrap.
    m = lh + (ll >> S32)
    t = hl + (m & MASK32)
    lo = (t << S32) | (ll & MASK32)
    hi = hh + (m >> S32) + (t >> S32)
    return hi, lo


@njit(inline="always", cache=True)
def gl_mul_split(a, b):
    hi, lo = _mul_wide_split(a, b)
    return gl_reduce128(hi, lo)


def _host_has_avx512() -> bool:
    features = _llvm.get_host_cpu_features()
    return bool(features.get("avx512f", False) and features.get("avx512dq", False))


# Which product the kernels inline, fixed per machine (Numba's cache is keyed by the host CPU, so a cache
# built on one kind of core is never loaded on another). Measured, radix-4 NTT pass, ns per butterfly:
# AVX-512 EPYC: the split form vectorises 8 lanes wide and beat the i128 form (DESIGN.md); AVX2 EPYC
# (LLVM reports znver1: 256-bit vector ops run as two halves): split 3.16, i128 2.25, and the whole
# 2^20 NTT went from 22.7 to 18.9 ms on two threads.
gl_mul = gl_mul_split if _host_has_avx512() else gl_mul_wide
# The unreduced 128-bit product (hi, lo), in the same form, for sums that reduce once.
mul_wide = _mul_wide_split if _host_has_avx512() else _mul_wide


@njit(inline="always", cache=True)
def gl_square(a):
    return gl_mul(a, a)


@njit(cache=True)
def gl_pow(a, e):
    result = ONE
    base = a
    while e > ZERO:
        if e & ONE:
            result = gl_mul(result, base)
        base = gl_mul(base, base)
        e >>= ONE
    return result


@njit(cache=True)
def gl_inv(a):
    # Fermat: a^(p-2). The wrapper rejects a == 0 before calling.
    return gl_pow(a, P_MINUS_2)


# Quadratic extension F_p[x]/(x^2 - 7): an element is (c0, c1) = c0 + c1 * x.


@njit(inline="always", cache=True)
def ext_mul(a0, a1, b0, b1):
    # Karatsuba: three base multiplications instead of four.
    t0 = gl_mul(a0, b0)
    t1 = gl_mul(a1, b1)
    cross = gl_mul(gl_add(a0, a1), gl_add(b0, b1))
    c0 = gl_add(t0, gl_mul(W, t1))
    c1 = gl_sub(gl_sub(cross, t0), t1)
    return c0, c1


@njit(inline="always", cache=True)
def ext_square(a0, a1):
    t = gl_mul(a0, a1)
    c0 = gl_add(gl_mul(a0, a0), gl_mul(W, gl_mul(a1, a1)))
    return c0, gl_add(t, t)


@njit(cache=True)
def ext_inv(a0, a1):
    # (a0 + a1 x)^-1 = (a0 - a1 x) / (a0^2 - 7 a1^2); the norm is nonzero since x^2 - 7 is irreducible.
    norm = gl_sub(gl_mul(a0, a0), gl_mul(W, gl_mul(a1, a1)))
    ninv = gl_inv(norm)
    return gl_mul(a0, ninv), gl_mul(gl_neg(a1), ninv)


@njit(cache=True)
def ext_pow(a0, a1, e):
    r0 = ONE
    r1 = ZERO
    b0 = a0
    b1 = a1
    while e > ZERO:
        if e & ONE:
            r0, r1 = ext_mul(r0, r1, b0, b1)
        b0, b1 = ext_square(b0, b1)
        e >>= ONE
    return r0, r1


# ---------------------------------------------------------------------------------------------------
# Array kernels on flat, contiguous uint64 arrays (the wrappers flatten, broadcast and validate).
# ---------------------------------------------------------------------------------------------------


@njit(cache=True)
def vec_add(a, b, out):
    for i in range(a.shape[0]):
        out[i] = gl_add(a[i], b[i])


@njit(cache=True)
def vec_sub(a, b, out):
    for i in range(a.shape[0]):
        out[i] = gl_sub(a[i], b[i])


@njit(cache=True)
def vec_neg(a, out):
    for i in range(a.shape[0]):
        out[i] = gl_neg(a[i])


@njit(cache=True)
def vec_mul(a, b, out):
    for i in range(a.shape[0]):
        out[i] = gl_mul(a[i], b[i])


@njit(cache=True)
def vec_mul_scalar(a, s, out):
    for i in range(a.shape[0]):
        out[i] = gl_mul(a[i], s)


@njit(cache=True)
def vec_add_scalar(a, s, out):
    for i in range(a.shape[0]):
        out[i] = gl_add(a[i], s)


@njit(cache=True)
def vec_square(a, out):
    for i in range(a.shape[0]):
        out[i] = gl_mul(a[i], a[i])


@njit(cache=True)
def vec_pow(a, e, out):
    for i in range(a.shape[0]):
        out[i] = gl_pow(a[i], e[i])


@njit(cache=True)
def vec_mul_par(a, b, out):
    n = a.shape[0]
    chunk = np.int64(1 << 16)
    nchunks = (n + chunk - 1) // chunk
    for c in prange(nchunks):
        lo = c * chunk
        hi = min(lo + chunk, n)
        for i in range(lo, hi):
            out[i] = gl_mul(a[i], b[i])


@njit(cache=True)
def batch_inv(a, out):
    """Montgomery's trick: n inversions for one inversion and 3(n-1) multiplications.

    The wrapper guarantees no zero entries.
    """
    n = a.shape[0]
    if n == 0:
        return
    acc = ONE
    for i in range(n):
        out[i] = acc  # prefix product of a[0..i)
        acc = gl_mul(acc, a[i])
    inv = gl_inv(acc)
    for i in range(n - 1, -1, -1):
        out[i] = gl_mul(out[i], inv)
        inv = gl_mul(inv, a[i])


@njit(cache=True)
def powers(base, n, out):
    acc = ONE
    for i in range(n):
        out[i] = acc
        acc = gl_mul(acc, base)


@njit(cache=True)
def ext_vec_mul(a, b, out):
    for i in range(a.shape[0]):
        c0, c1 = ext_mul(a[i, 0], a[i, 1], b[i, 0], b[i, 1])
        out[i, 0] = c0
        out[i, 1] = c1


@njit(cache=True)
def ext_vec_square(a, out):
    for i in range(a.shape[0]):
        c0, c1 = ext_square(a[i, 0], a[i, 1])
        out[i, 0] = c0
        out[i, 1] = c1


@njit(cache=True)
def ext_vec_add(a, b, out):
    for i in range(a.shape[0]):
        out[i, 0] = gl_add(a[i, 0], b[i, 0])
        out[i, 1] = gl_add(a[i, 1], b[i, 1])


@njit(cache=True)
def ext_vec_sub(a, b, out):
    for i in range(a.shape[0]):
        out[i, 0] = gl_sub(a[i, 0], b[i, 0])
        out[i, 1] = gl_sub(a[i, 1], b[i, 1])


@njit(cache=True)
def ext_vec_neg(a, out):
    for i in range(a.shape[0]):
        out[i, 0] = gl_neg(a[i, 0])
        out[i, 1] = gl_neg(a[i, 1])


@njit(cache=True)
def ext_vec_pow(a, e, out):
    for i in range(a.shape[0]):
        c0, c1 = ext_pow(a[i, 0], a[i, 1], e[i])
        out[i, 0] = c0
        out[i, 1] = c1


@njit(cache=True)
def ext_vec_mul_base(a, b, out):
    """Extension times base field, element-wise: (a0 + a1 x) * b."""
    for i in range(a.shape[0]):
        out[i, 0] = gl_mul(a[i, 0], b[i])
        out[i, 1] = gl_mul(a[i, 1], b[i])


@njit(cache=True)
def ext_batch_inv(a, out):
    n = a.shape[0]
    if n == 0:
        return
    acc0 = ONE
    acc1 = ZERO
    for i in range(n):
        out[i, 0] = acc0
        out[i, 1] = acc1
        acc0, acc1 = ext_mul(acc0, acc1, a[i, 0], a[i, 1])
    inv0, inv1 = ext_inv(acc0, acc1)
    for i in range(n - 1, -1, -1):
        o0, o1 = ext_mul(out[i, 0], out[i, 1], inv0, inv1)
        out[i, 0] = o0
        out[i, 1] = o1
        inv0, inv1 = ext_mul(inv0, inv1, a[i, 0], a[i, 1])


@njit(cache=True)
def max_value(a):
    m = ZERO
    for i in range(a.shape[0]):
        if a[i] > m:
            m = a[i]
    return m


__all__ = [
    "P", "EPSILON", "W", "gl_add", "gl_sub", "gl_neg", "gl_mul", "gl_square", "gl_pow", "gl_inv",
    "gl_reduce128", "ext_mul", "ext_square", "ext_inv", "ext_pow", "prange",
]
