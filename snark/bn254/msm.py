"""Multi-scalar multiplication sum_i [s_i] P_i on BN254's G1 and G2 (Pippenger, signed windows).

The bucket method of Pippenger (1980) as described by Bernstein et al. (2012); see ``msm_kernels``. By
default buckets are affine and their additions share one inversion per batch ("batch-affine", ~6
multiplications an addition instead of 11); ``method="jacobian"`` uses mixed Jacobian additions. The
window size c minimises ``ceil(255 / c) * (n + 2^c)`` for c <= 16 (measured on this machine: at 2^12
points c = 10 beat c = 9 by 1.6x, at 2^20 c = 16 beat c = 17 by 1.3x, where the buckets leave the cache).
Windows run in parallel (``prange``) on Numba's threading layer (DESIGN.md: ``workqueue``).

Example:
    >>> from snark.bn254.curves import G1
    >>> from snark.bn254.msm import msm
    >>> g = G1.generator(3)
    >>> G1.to_ints(msm(G1, g, [1, 2, 3])) == G1.to_ints(G1.to_affine(G1.mul(g[:1], [6])))
    True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from snark.bn254 import curve_kernels as _ck
from snark.bn254 import msm_kernels as _k
from snark.bn254.curves import Group, scalar_limbs
from snark.bn254.errors import PointError

BATCH_MAX = 1024
MAX_AUTO_WINDOW = 16
SCALAR_BITS_SIGNED = 255  # r < 2^254, plus one bit for the carry of the signed recoding


def window_size(n: int) -> int:
    """The window size c (bits) used for n points."""
    if n <= 1:
        return 1
    best, best_cost = 1, float("inf")
    for c in range(1, MAX_AUTO_WINDOW + 1):
        cost = math.ceil(SCALAR_BITS_SIGNED / c) * (n + 2.0 ** c)
        if cost < best_cost:
            best, best_cost = c, cost
    return best


def batch_size(nb: int) -> int:
    """Additions sharing one inversion in the batch-affine buckets: large enough to amortise the inversion
    (~300 multiplications), small enough that two points rarely hit one bucket in a batch."""
    return max(1, min(BATCH_MAX, nb // 8))


def msm(group: Group, points: np.ndarray, scalars: Sequence[int] | np.ndarray,
        window: int | None = None, method: str = "affine") -> np.ndarray:
    """sum_i [scalars_i] points_i.

    Args:
        group: :data:`snark.bn254.curves.G1` or :data:`~snark.bn254.curves.G2`.
        points: affine array of n points of ``group`` (shape ``(n, 2, 4)`` or ``(n, 2, 2, 4)``), already
            validated (on the curve, and in the subgroup for G2) - as :mod:`snark.bn254.serialize` and
            ``group.from_ints`` return them; here only shape and coordinate range are checked.
        scalars: n Python ints in [0, r) or an ``(n, 4)`` uint64 array of canonical (non-Montgomery) limbs.
        window: force the window size c in [1, 20] (default: :func:`window_size`).
        method: "affine" (batch-affine buckets, the default) or "jacobian" (mixed Jacobian additions).

    Returns:
        The sum as an affine array of shape ``(1, 2, ...)``; infinity is (0, 0).

    Raises:
        PointError: bad point array shape or a coordinate >= p.
        FieldError: a scalar outside [0, r) or a scalar count different from n.
    """
    points = group._check_array(points, 2, "points")
    n = points.shape[0]
    limbs = scalar_limbs(scalars, n)
    if n == 0:
        return np.zeros((1, 2, *group.coord_shape), dtype=np.uint64)
    c = window_size(n) if window is None else int(window)
    if not 1 <= c <= 20:
        raise PointError("bad length", f"window size must lie in [1, 20], got {c}")
    if method not in ("affine", "jacobian"):
        raise PointError("bad encoding", f"method must be 'affine' or 'jacobian', got {method!r}")
    nwin = -(-SCALAR_BITS_SIGNED // c)
    digits = np.empty((nwin, n), dtype=np.int32)
    _k.signed_digits(limbs, c, nwin, digits)
    nb = 1 << (c - 1)
    wres = np.empty((nwin, 3, *group.coord_shape), dtype=np.uint64)
    if method == "affine":
        buckets = np.empty((nwin * nb, 2, *group.coord_shape), dtype=np.uint64)
        overflow = np.empty((nwin * nb, 3, *group.coord_shape), dtype=np.uint64)
        _k.window_sums_affine(points, digits, nb, batch_size(nb), buckets, overflow, wres)
    else:
        buckets = np.empty((nwin * nb, 3, *group.coord_shape), dtype=np.uint64)
        _k.window_sums(points, digits, nb, buckets, wres)
    out = np.empty((1, 3, *group.coord_shape), dtype=np.uint64)
    _k.combine_windows(wres, c, out)
    aff = np.empty((1, 2, *group.coord_shape), dtype=np.uint64)
    _ck.arr_to_affine(out, aff)
    return aff
