"""Numba kernels for multi-scalar multiplication sum_i [s_i] P_i on G1 and G2 (Pippenger's bucket method).

Private: the public API is :mod:`snark.bn254.msm`. Pippenger, "On the evaluation of powers and
monomials" (SIAM J. Comput. 1980), in the bucket form of Bernstein, Doumen, Lange and Oosterwijk,
"Faster batch forgery identification" (INDOCRYPT 2012): scalars are split into c-bit windows, recoded
to signed digits in [-2^(c-1), 2^(c-1)] so that only 2^(c-1) buckets are needed per window (a negative
digit adds -P, which costs one field negation). Each window accumulates its points into Jacobian
buckets with mixed additions, then sums the buckets with the running-sum trick (2 additions per
bucket). Windows are independent and run in parallel with ``prange``; a final Horner pass doubles c
times between windows.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from snark.bn254.curve_kernels import jac_add, jac_dbl, jac_madd, load_jac, store_jac
from snark.bn254.tower_kernels import (
    fe_add,
    fe_eq,
    fe_inv,
    fe_is_zero,
    fe_mul,
    fe_neg,
    fe_one,
    fe_sqr,
    fe_sub,
    fe_zero,
    load_fe,
    store_fe,
)

U64_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


@njit(cache=True, parallel=True)
def signed_digits(E, c, nwin, out):
    """out[w, i] = the w-th signed c-bit digit of scalar E[i] (canonical 4-limb), in [-2^(c-1), 2^(c-1)].

    sum_w out[w, i] * 2^(c w) == E[i]; needs nwin * c >= 255 so the last carry is absorbed.
    """
    n = E.shape[0]
    half = np.int64(1) << np.int64(c - 1)
    full = np.int64(1) << np.int64(c)
    mask = np.uint64(full - 1)
    for i in prange(n):
        carry = np.int64(0)
        for w in range(nwin):
            bit = w * c
            limb = bit >> 6
            off = bit & 63
            v = np.uint64(0)
            if limb < 4:
                v = E[i, limb] >> np.uint64(off)
                if off + c > 64 and limb + 1 < 4:
                    v |= E[i, limb + 1] << np.uint64(64 - off)
            d = np.int64(v & mask) + carry
            if d > half:
                d -= full
                carry = np.int64(1)
            else:
                carry = np.int64(0)
            out[w, i] = np.int32(d)


@njit(cache=True, parallel=True)
def window_sums(A, digits, nb, buckets, wres):
    """wres[w] = sum_i digits[w, i] * A[i] for every window w (buckets: scratch of nwin * nb points)."""
    nwin = digits.shape[0]
    n = A.shape[0]
    for w in prange(nwin):
        base = w * nb
        x0 = load_fe(A, 0, 0)
        one = fe_one(x0)
        zero = fe_zero(x0)
        for b in range(nb):
            store_jac(buckets, base + b, one, one, zero)
        for i in range(n):
            d = digits[w, i]
            if d == 0:
                continue
            x = load_fe(A, i, 0)
            y = load_fe(A, i, 1)
            if d < 0:
                y = fe_neg(y)
                d = -d
            k = base + d - 1
            X, Y, Z = load_jac(buckets, k)
            X, Y, Z = jac_madd(X, Y, Z, x, y)
            store_jac(buckets, k, X, Y, Z)
        # Running sum: T = sum_b (b + 1) * bucket[b] with two additions per bucket.
        SX, SY, SZ = one, one, zero
        TX, TY, TZ = one, one, zero
        for b in range(nb - 1, -1, -1):
            X, Y, Z = load_jac(buckets, base + b)
            SX, SY, SZ = jac_add(SX, SY, SZ, X, Y, Z)
            TX, TY, TZ = jac_add(TX, TY, TZ, SX, SY, SZ)
        store_jac(wres, w, TX, TY, TZ)


@njit(cache=True)
def combine_windows(wres, c, out):
    """out[0] = sum_w 2^(c w) wres[w] (Horner from the top window)."""
    nwin = wres.shape[0]
    X, Y, Z = load_jac(wres, nwin - 1)
    for w in range(nwin - 2, -1, -1):
        for _ in range(c):
            X, Y, Z = jac_dbl(X, Y, Z)
        X2, Y2, Z2 = load_jac(wres, w)
        X, Y, Z = jac_add(X, Y, Z, X2, Y2, Z2)
    store_jac(out, 0, X, Y, Z)


# ---------------------------------------------------------------------------------------------------
# Batch-affine buckets: affine additions whose slopes share one inversion per batch (Montgomery's
# trick), about 6 multiplications an addition instead of 11 for a mixed Jacobian one (the idea of
# Bernstein et al. 2012 above, used by the ZPrize 2022 MSM entries). A point whose bucket already has an
# addition in the current batch goes instead into that bucket's Jacobian overflow accumulator (a mixed
# addition), so skewed scalars (all equal, small witnesses) never stall the batching: measured 0.85 s
# -> 0.21 s for 2^16 points at c = 14, where the top window has only three buckets.
# ---------------------------------------------------------------------------------------------------

KIND_ADD = 1
KIND_DBL = 2


@njit(cache=True)
def _point(A, i, d):
    x = load_fe(A, i, 0)
    y = load_fe(A, i, 1)
    if d < 0:
        y = fe_neg(y)
    return x, y


@njit(cache=True)
def _flush(A, bk, op_b, op_i, op_d, op_kind, den, pre, k):
    """Apply the k scheduled bucket additions with one shared inversion."""
    if k == 0:
        return
    acc = fe_one(load_fe(den, 0, 0))
    for j in range(k):
        store_fe(pre, j, 0, acc)
        acc = fe_mul(acc, load_fe(den, j, 0))
    inv = fe_inv(acc)
    for j in range(k - 1, -1, -1):
        dj = load_fe(den, j, 0)
        dinv = fe_mul(inv, load_fe(pre, j, 0))
        inv = fe_mul(inv, dj)
        b = op_b[j]
        x1 = load_fe(bk, b, 0)
        y1 = load_fe(bk, b, 1)
        if op_kind[j] == KIND_ADD:
            x2, y2 = _point(A, op_i[j], op_d[j])
            lam = fe_mul(fe_sub(y2, y1), dinv)
        else:
            x2 = x1
            xx = fe_sqr(x1)
            lam = fe_mul(fe_add(fe_add(xx, xx), xx), dinv)
        x3 = fe_sub(fe_sub(fe_sqr(lam), x1), x2)
        y3 = fe_sub(fe_mul(lam, fe_sub(x1, x3)), y1)
        store_fe(bk, b, 0, x3)
        store_fe(bk, b, 1, y3)


@njit(cache=True)
def window_batch_affine(A, digits, w, nb, batch, bk, ov, out, ow):
    """out[ow] = sum_i digits[w, i] * A[i] with batch-affine buckets.

    bk: scratch affine buckets (nb, 2, ...); ov: scratch Jacobian overflow buckets (nb, 3, ...).
    """
    n = A.shape[0]
    bflag = np.zeros(nb, dtype=np.uint8)  # 1: affine bucket holds a point
    oflag = np.zeros(nb, dtype=np.uint8)  # 1: overflow bucket holds a point
    stamp = np.full(nb, -1, dtype=np.int64)  # batch number of the bucket's pending addition
    op_b = np.empty(batch, dtype=np.int64)
    op_i = np.empty(batch, dtype=np.int64)
    op_d = np.empty(batch, dtype=np.int64)
    op_kind = np.empty(batch, dtype=np.int8)
    den = np.empty((batch, 1) + A.shape[2:], dtype=np.uint64)
    pre = np.empty((batch, 1) + A.shape[2:], dtype=np.uint64)
    x0 = load_fe(A, 0, 0)
    zero = fe_zero(x0)
    one = fe_one(x0)
    k = 0
    nbatch = 0
    for i in range(n):
        d = np.int64(digits[w, i])
        if d == 0:
            continue
        x2, y2 = _point(A, i, d)
        if fe_is_zero(x2) and fe_is_zero(y2):
            continue  # infinity
        b = abs(d) - 1
        if stamp[b] == nbatch:  # busy this batch: Jacobian overflow
            if oflag[b]:
                X, Y, Z = load_jac(ov, b)
                X, Y, Z = jac_madd(X, Y, Z, x2, y2)
            else:
                X, Y, Z = x2, y2, one
                oflag[b] = 1
            store_jac(ov, b, X, Y, Z)
            continue
        if bflag[b] == 0:
            store_fe(bk, b, 0, x2)
            store_fe(bk, b, 1, y2)
            bflag[b] = 1
            continue
        x1 = load_fe(bk, b, 0)
        if fe_eq(x1, x2):
            y1 = load_fe(bk, b, 1)
            if not fe_eq(y1, y2):
                bflag[b] = 0  # P + (-P): the bucket empties
                continue
            op_kind[k] = KIND_DBL
            store_fe(den, k, 0, fe_add(y1, y1))
        else:
            op_kind[k] = KIND_ADD
            store_fe(den, k, 0, fe_sub(x2, x1))
        op_b[k] = b
        op_i[k] = i
        op_d[k] = d
        stamp[b] = nbatch
        k += 1
        if k == batch:
            _flush(A, bk, op_b, op_i, op_d, op_kind, den, pre, k)
            k = 0
            nbatch += 1
    _flush(A, bk, op_b, op_i, op_d, op_kind, den, pre, k)
    # Running sum: S += bucket (mixed) + overflow (full), T += S.
    SX, SY, SZ = one, one, zero
    TX, TY, TZ = one, one, zero
    for b in range(nb - 1, -1, -1):
        if bflag[b]:
            SX, SY, SZ = jac_madd(SX, SY, SZ, load_fe(bk, b, 0), load_fe(bk, b, 1))
        if oflag[b]:
            X, Y, Z = load_jac(ov, b)
            SX, SY, SZ = jac_add(SX, SY, SZ, X, Y, Z)
        TX, TY, TZ = jac_add(TX, TY, TZ, SX, SY, SZ)
    store_jac(out, ow, TX, TY, TZ)


@njit(cache=True, parallel=True)
def window_sums_affine(A, digits, nb, batch, buckets, overflow, wres):
    """Every window with batch-affine buckets (scratch: buckets (nwin * nb, 2, ...), overflow (.., 3, ..))."""
    nwin = digits.shape[0]
    for w in prange(nwin):
        window_batch_affine(A, digits, w, nb, batch, buckets[w * nb:(w + 1) * nb],
                            overflow[w * nb:(w + 1) * nb], wres, w)
