"""The optimal ate pairing e: G1 x G2 -> GT < Fq12^* on BN254, and products of pairings (EIP-197).

See ``pairing_kernels`` for the algorithm and its sources (Vercauteren 2010; Beuchat et al. 2010;
Devegili, Scott and Dahab 2007). The value equals py_ecc's ``pairing(Q, P)`` exactly (same Miller
function up to factors the final exponentiation removes, and the exact exponent (p^12 - 1) / r).

GT elements are ``(2, 3, 2, 4)`` uint64 arrays: Fq12 = Fq6[w]/(w^2 - v), Fq6 = Fq2[v]/(v^3 - (9 + u)),
Montgomery limbs. :func:`gt_to_ints` gives py_ecc's flat coefficients over Fq[w]/(w^12 - 18 w^6 + 82).

Example:
    >>> import numpy as np
    >>> from snark.bn254.curves import G1, G2
    >>> from snark.bn254 import pairing as pr
    >>> p, q = G1.generator(1), G2.generator(1)
    >>> pr.pairing_check(np.concatenate([p, G1.neg(p)]), np.concatenate([q, q]))  # e(P, Q) e(-P, Q) = 1
    True
"""

from __future__ import annotations

import numpy as np

from snark.bn254 import pairing_kernels as _k
from snark.bn254.curves import G1, G2
from snark.bn254.errors import PointError
from snark.bn254.fields import Fq, P

GT_SHAPE = (2, 3, 2, 4)


def _prepare(ps: np.ndarray, qs: np.ndarray, check_subgroup: bool) -> tuple[np.ndarray, np.ndarray]:
    ps = G1.check_affine(ps, "ps")
    qs = G2.check_affine(qs, "qs", subgroup=check_subgroup)
    if ps.shape[0] != qs.shape[0]:
        raise PointError("bad length", f"{ps.shape[0]} G1 points but {qs.shape[0]} G2 points")
    # Pairs with a point at infinity contribute 1.
    keep = ps.any(axis=(1, 2)) & qs.any(axis=(1, 2, 3))
    return np.ascontiguousarray(ps[keep]), np.ascontiguousarray(qs[keep])


def pairing_product(ps: np.ndarray, qs: np.ndarray, check_subgroup: bool = True) -> np.ndarray:
    """prod_i e(ps[i], qs[i]) with one shared final exponentiation.

    Args:
        ps: affine G1 array ``(k, 2, 4)``.
        qs: affine G2 array ``(k, 2, 2, 4)``.
        check_subgroup: verify each G2 point is in the order-r subgroup (about 0.2 ms a point); pass False
            only for points already validated (e.g. by deserialization).

    Returns:
        The GT element, shape ``(2, 3, 2, 4)``.

    Raises:
        PointError: bad shapes, coordinates >= p, points off the curve or (G2) outside the subgroup.
    """
    ps, qs = _prepare(ps, qs, check_subgroup)
    out = np.empty(GT_SHAPE, dtype=np.uint64)
    _k.pairing_product(ps, qs, out, True)
    return out


def pairing(p: np.ndarray, q: np.ndarray, check_subgroup: bool = True) -> np.ndarray:
    """e(p, q) for one G1 point p ``(1, 2, 4)`` and one G2 point q ``(1, 2, 2, 4)``; see pairing_product."""
    if p.shape[:1] != (1,) or q.shape[:1] != (1,):
        raise PointError("bad length", "pairing takes exactly one G1 and one G2 point")
    return pairing_product(p, q, check_subgroup)


def miller_loop(ps: np.ndarray, qs: np.ndarray, check_subgroup: bool = True) -> np.ndarray:
    """The Miller-loop product without the final exponentiation (defined up to a GT-trivial factor)."""
    ps, qs = _prepare(ps, qs, check_subgroup)
    out = np.empty(GT_SHAPE, dtype=np.uint64)
    _k.pairing_product(ps, qs, out, False)
    return out


def final_exponentiation(f: np.ndarray) -> np.ndarray:
    """f^((p^12 - 1) / r) for a GT-shaped array (f must be non-zero)."""
    f = _check_gt(f)
    out = np.empty(GT_SHAPE, dtype=np.uint64)
    _k.final_exp_arr(f, out)
    return out


def pairing_check(ps: np.ndarray, qs: np.ndarray, check_subgroup: bool = True) -> bool:
    """True when prod_i e(ps[i], qs[i]) = 1: the EIP-197 precompile's predicate."""
    return gt_is_one(pairing_product(ps, qs, check_subgroup))


def _check_gt(f: np.ndarray) -> np.ndarray:
    if not isinstance(f, np.ndarray) or f.dtype != np.uint64 or f.shape != GT_SHAPE:
        raise PointError("bad length", f"GT elements are uint64 arrays of shape {GT_SHAPE}")
    Fq.check(f.reshape(-1, 4), "f")
    return np.ascontiguousarray(f)


def gt_mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a * b in Fq12."""
    a, b = _check_gt(a), _check_gt(b)
    out = np.empty(GT_SHAPE, dtype=np.uint64)
    _k.fq12_mul_arr(a, b, out)
    return out


def gt_inv(a: np.ndarray) -> np.ndarray:
    """a^-1 in Fq12."""
    a = _check_gt(a)
    out = np.empty(GT_SHAPE, dtype=np.uint64)
    _k.fq12_inv_arr(a, out)
    return out


def gt_one() -> np.ndarray:
    """The identity of GT."""
    out = np.zeros(GT_SHAPE, dtype=np.uint64)
    out[0, 0, 0] = np.array(Fq.one_mont, dtype=np.uint64)
    return out


def gt_is_one(a: np.ndarray) -> bool:
    """a == 1."""
    return bool(np.array_equal(_check_gt(a), gt_one()))


def gt_to_ints(a: np.ndarray) -> list[int]:
    """py_ecc's 12 flat coefficients of a over Fq[w]/(w^12 - 18 w^6 + 82) (u = w^6 - 9)."""
    vals = Fq.to_ints(_check_gt(a).reshape(-1, 4))  # order: g/h, i, c0/c1
    flat = [0] * 12
    for half in range(2):
        for i in range(3):
            k = 2 * i + half
            c0, c1 = vals[(half * 3 + i) * 2], vals[(half * 3 + i) * 2 + 1]
            flat[k] = (flat[k] + c0 - 9 * c1) % P
            flat[k + 6] = (flat[k + 6] + c1) % P
    return flat
