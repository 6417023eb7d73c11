"""The composition polynomial of the STARK (ethSTARK, eprint 2021/582, section 3; eprint 2018/046).

With random coefficients alpha_i (extension field, drawn after the trace commitment),

    H(x) = sum_i alpha_i C_i(T(x), T(w x), periodic(x)) / Z_T(x)             (transition constraints)
         + sum_a alpha_a (T_j(x) - v_a) / (x - w^r_a)                          (single assertions)
         + sum_a alpha_a (T_j(x) - I_a(x)) / (x^m_a - w^(r0_a m_a))             (periodic assertions)

with Z_T(x) = (x^n - 1) / (x - w^(n-1)). If the trace satisfies the AIR every quotient is a polynomial
and deg H < (d_max - 1) n; the prover splits H = sum_c x^(c n) H_c(x) into chunks of degree < n.

The prover evaluates H on the constraint-evaluation coset g * <w_ce> (natural order, ce = n * 2^k >= deg H),
in blocks on both cores, with the AIR's constraints run through :class:`stark.field_ops.BaseColumnOps`.
The verifier evaluates the same expression at the out-of-domain point z with
:class:`stark.field_ops.ExtScalarOps` (DEEP-ALI, eprint 2019/336).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from prover import ntt as _ntt
from prover.field import goldilocks_kernels as _gk
from prover.field.goldilocks import MODULUS
from stark import composition_kernels as _ck
from stark.air import Air, Assertion, PeriodicAssertion
from stark.field_ops import BaseColumnOps, Ext, ExtScalarOps, ext_add, ext_inv, ext_mul, ext_pow, ext_sub

P = MODULUS
GENERATOR = 7
EVAL_BLOCK = 1 << 14


def ce_blowup(air: Air) -> int:
    """Blowup of the constraint-evaluation domain: the smallest power of two >= number of chunks."""
    k = air.num_composition_chunks()
    return 1 << (k - 1).bit_length()


def num_composition_coefficients(air: Air) -> int:
    degrees, assertions, _ = air.validated_structure()
    return len(degrees) + len(assertions)


def _powers(base: int, n: int) -> np.ndarray:
    out = np.empty(n, dtype=np.uint64)
    _gk.powers(np.uint64(base % P), n, out)
    return out


def _batch_inv(a: np.ndarray) -> np.ndarray:
    out = np.empty_like(a)
    _gk.batch_inv(a, out)
    return out


def _coset_evals_of_small_poly(coeffs: np.ndarray, size: int, shift: int) -> np.ndarray:
    """Evaluations of a polynomial of degree < len(coeffs) <= size on shift * <w_size> (natural order)."""
    padded = np.zeros(size, dtype=np.uint64)
    padded[: coeffs.shape[0]] = coeffs
    return np.ascontiguousarray(_ntt.coset_ntt(padded, shift % P))


def evaluate_composition(air: Air, trace_coeffs: np.ndarray, alphas: np.ndarray,
                         threads: int = 2, trace_lde: np.ndarray | None = None,
                         lde_blowup: int = 0) -> np.ndarray:
    """Evaluations of H on the coset g * <w_ce>, natural order, as an (ce, 2) extension array.

    ``trace_lde`` (column-major (w, n lde_blowup), bit-reversed on g<w_(n lde_blowup)>, as the prover
    commits it) is reused for the trace on the evaluation coset when ce divides its length: one bit-reversal
    per column instead of one coset NTT per column (1.8 s -> 0.1 s for the 12-column Rescue chain at 2^19
    rows, measured on this machine).
    """
    degrees, assertions, periodic = air.validated_structure()
    n, w = trace_coeffs.shape
    cb = ce_blowup(air)
    ce = n * cb
    g = GENERATOR
    w_ce = int(_ntt.root_of_unity(ce))
    w_n = int(_ntt.root_of_unity(n))
    xs = _powers(w_ce, ce)
    _gk.vec_mul_scalar(xs, np.uint64(g), xs)

    # Trace columns on the coset, column-major, with cb extra values so "next row" (x -> w_n x, i.e.
    # index + cb) is a contiguous slice.
    cols = np.empty((w, ce + cb), dtype=np.uint64)
    if trace_lde is not None and lde_blowup >= cb and trace_lde.shape == (w, n * lde_blowup):
        # The first ce entries of a bit-reversed LDE on g<w_N>, read in bit-reversed order, are the
        # column on g<w_ce> in natural order (bitrev_N(i N/ce) = bitrev_ce(i)).
        for j in range(w):
            _ntt._bitrev_into(trace_lde[j, :ce], cols[j, :ce])
        cols[:, ce:] = cols[:, :cb]
    else:
        padded = np.zeros((ce, w), dtype=np.uint64)
        padded[:n] = trace_coeffs
        on_ce = _ntt.coset_ntt(padded, g)
        cols[:, :ce] = on_ce.T
        cols[:, ce:] = cols[:, :cb]
        del padded, on_ce

    per_cols = []
    for col in periodic:
        m = col.shape[0]
        q = np.ascontiguousarray(_ntt.intt(col)) if m > 1 else col.copy()
        # p(x) = Q(x^(n/m)); on the coset, x^(n/m) runs over g^(n/m) * <w_(cb m)> with period cb*m.
        small = _coset_evals_of_small_poly(q, cb * m, pow(g, n // m, P))
        # Blocks start at multiples of EVAL_BLOCK, so a period dividing it needs one block's worth, not
        # the whole domain (25 columns x 2^22 x 8 bytes = 800 MB for the Rescue chain at 2^16 hashes).
        reps = (min(ce, EVAL_BLOCK) // (cb * m)) if EVAL_BLOCK % (cb * m) == 0 else ce // (cb * m)
        per_cols.append(np.ascontiguousarray(np.tile(small, max(1, reps))))

    lanes = np.zeros((2, ce), dtype=np.uint64)  # c0 and c1 of H, see composition_kernels
    acc0, acc1 = lanes[0], lanes[1]
    num_t = len(degrees)
    alpha_t = [(np.uint64(alphas[i, 0]), np.uint64(alphas[i, 1])) for i in range(num_t)]
    # 1 / (x^n - 1): x^n = g^n w_cb^i repeats with period cb.
    xn = _powers(int(_ntt.root_of_unity(cb)) if cb > 1 else 1, cb)
    _gk.vec_mul_scalar(xn, np.uint64(pow(g, n, P)), xn)
    _gk.vec_add_scalar(xn, np.uint64(P - 1), xn)
    inv_xn = _batch_inv(xn)
    last_point = np.uint64(pow(w_n, n - 1, P))

    def block(lo: int) -> None:
        hi = min(lo + EVAL_BLOCK, ce)
        ops = BaseColumnOps(hi - lo)
        cur = [cols[j, lo:hi] for j in range(w)]
        nxt = [cols[j, lo + cb:hi + cb] for j in range(w)]
        per = [c[lo:hi] if c.shape[0] == ce else c[: hi - lo] for c in per_cols]
        vals = air.evaluate_transition(ops, cur, nxt, per)
        if len(vals) != num_t:
            raise ValueError(f"evaluate_transition returned {len(vals)} values, expected {num_t}")
        b0, b1 = acc0[lo:hi], acc1[lo:hi]
        for (a0, a1), v in zip(alpha_t, vals, strict=True):
            if isinstance(v, np.ndarray) and v.ndim == 1:
                _ck.ext_acc_base(b0, b1, a0, a1, v)
            else:
                _ck.ext_acc_base(b0, b1, a0, a1, np.full(hi - lo, np.uint64(v), dtype=np.uint64))
        _ck.transition_divide(b0, b1, xs[lo:hi], inv_xn, cb, last_point)

    starts = range(0, ce, EVAL_BLOCK)
    if threads > 1 and ce > EVAL_BLOCK:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(block, starts))
    else:
        for lo in starts:
            block(lo)

    # Boundary constraints.
    single: dict[int, list[tuple[int, int]]] = {}
    for k, a in enumerate(assertions):
        if isinstance(a, Assertion):
            single.setdefault(a.row, []).append((k, a.column))
    trace_cols = cols[:, :ce]
    for row, items in single.items():
        idx = np.array([c for _, c in items], dtype=np.int64)
        betas = np.ascontiguousarray(alphas[[num_t + k for k, _ in items]])
        values = np.array([int(assertions[k].value) for k, _ in items], dtype=np.uint64)
        _ck.boundary_single(acc0, acc1, trace_cols, idx, betas, values, xs, np.uint64(pow(w_n, row, P)))
    for k, a in enumerate(assertions):
        if not isinstance(a, PeriodicAssertion):
            continue
        m = len(a.values)
        vals = np.array([int(v) for v in a.values], dtype=np.uint64)
        j = np.ascontiguousarray(_ntt.intt(vals)) if m > 1 else vals
        # I(x) = J(x w^-r0) where J interpolates the values on <w_m>.
        interp = _coset_evals_of_small_poly(j, ce, g * pow(w_n, (n - a.first_row) % n, P))
        period = ce // m
        xm = _powers(pow(w_ce, m, P), period)
        _gk.vec_mul_scalar(xm, np.uint64(pow(g, m, P)), xm)
        _gk.vec_add_scalar(xm, np.uint64((P - pow(w_n, a.first_row * m, P)) % P), xm)
        inv_div = _batch_inv(xm)
        beta = alphas[num_t + k]
        _ck.boundary_periodic(acc0, acc1, np.ascontiguousarray(trace_cols[a.column]), interp,
                              np.uint64(beta[0]), np.uint64(beta[1]), inv_div, period)
    return _ntt._transpose(lanes)


# --------------------------------------------------------------------------------------------------
# Verifier side: the same expression at the out-of-domain point z.
# --------------------------------------------------------------------------------------------------


def _eval_base_poly(coeffs: np.ndarray, z: Ext) -> Ext:
    out = np.empty((1, 2), dtype=np.uint64)
    column = np.ascontiguousarray(coeffs.reshape(-1, 1))
    _ck.eval_columns_at_ext(column, np.uint64(z[0]), np.uint64(z[1]), out)
    return (int(out[0, 0]), int(out[0, 1]))


def divisors_at(air: Air, z: Ext) -> list[Ext]:
    """Every divisor of H evaluated at z (the OOD point must make none of them zero)."""
    _, assertions, _ = air.validated_structure()
    n = air.trace_length
    w_n = int(_ntt.root_of_unity(n))
    out = [ext_sub(ext_pow(z, n), (1, 0)), ext_sub(z, (pow(w_n, n - 1, P), 0))]
    for a in assertions:
        if isinstance(a, Assertion):
            out.append(ext_sub(z, (pow(w_n, a.row, P), 0)))
        else:
            m = len(a.values)
            out.append(ext_sub(ext_pow(z, m), (pow(w_n, a.first_row * m, P), 0)))
    return out


def composition_at(air: Air, alphas: np.ndarray, z: Ext, trace_z: list[Ext], trace_zw: list[Ext]) -> Ext:
    """H(z) from the claimed trace values at z and z*w (raises ZeroDivisionError on a divisor root)."""
    degrees, assertions, periodic = air.validated_structure()
    n = air.trace_length
    w_n = int(_ntt.root_of_unity(n))
    # Columns of one period share z^(n/m): one interpolation and one evaluation per period length
    # (one per column cost ~5 ms of a 20 ms Rescue-chain verification in kernel launches).
    per_z: list[Ext | None] = [None] * len(periodic)
    by_len: dict[int, list[int]] = {}
    for i, col in enumerate(periodic):
        by_len.setdefault(col.shape[0], []).append(i)
    for m, idx in by_len.items():
        stacked = np.ascontiguousarray(np.stack([periodic[i] for i in idx], axis=1))
        q = np.ascontiguousarray(_ntt.intt(stacked)) if m > 1 else stacked
        zm = ext_pow(z, n // m)
        out = np.empty((len(idx), 2), dtype=np.uint64)
        _ck.eval_columns_at_ext(q, np.uint64(zm[0]), np.uint64(zm[1]), out)
        for j, i in enumerate(idx):
            per_z[i] = (int(out[j, 0]), int(out[j, 1]))
    vals = air.evaluate_transition(ExtScalarOps(), list(trace_z), list(trace_zw), per_z)
    if len(vals) != len(degrees):
        raise ValueError(f"evaluate_transition returned {len(vals)} values, expected {len(degrees)}")
    total: Ext = (0, 0)
    for i, v in enumerate(vals):
        v = v if isinstance(v, tuple) else (int(v) % P, 0)
        total = ext_add(total, ext_mul((int(alphas[i, 0]), int(alphas[i, 1])), v))
    z_t = ext_mul(ext_sub(ext_pow(z, n), (1, 0)), ext_inv(ext_sub(z, (pow(w_n, n - 1, P), 0))))
    total = ext_mul(total, ext_inv(z_t))
    num_t = len(degrees)
    for k, a in enumerate(assertions):
        beta = (int(alphas[num_t + k, 0]), int(alphas[num_t + k, 1]))
        t = trace_z[a.column]
        if isinstance(a, Assertion):
            term = ext_mul(ext_sub(t, (int(a.value), 0)), ext_inv(ext_sub(z, (pow(w_n, a.row, P), 0))))
        else:
            m = len(a.values)
            vals_a = np.array([int(v) for v in a.values], dtype=np.uint64)
            j = np.ascontiguousarray(_ntt.intt(vals_a)) if m > 1 else vals_a
            shift = pow(w_n, (n - a.first_row) % n, P)
            i_z = _eval_base_poly(j, (z[0] * shift % P, z[1] * shift % P))
            div = ext_sub(ext_pow(z, m), (pow(w_n, a.first_row * m, P), 0))
            term = ext_mul(ext_sub(t, i_z), ext_inv(div))
        total = ext_add(total, ext_mul(beta, term))
    return total
