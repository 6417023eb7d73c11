"""The BN254 groups G1 = E(Fq) and G2 < E'(Fq2) of EIP-196/197, on arrays of Montgomery limbs.

E: y^2 = x^3 + 3 over Fq has prime order r, so G1 is all of E(Fq). G2 is the order-r subgroup of the
D-type sextic twist E': y^2 = x^3 + 3/(9 + u) over Fq2 (cofactor 2p - r), so G2 points also need a
subgroup check. Generators are those of EIP-196/197 and py_ecc.

Layouts (dtype ``uint64``, Montgomery limbs, see :mod:`snark.bn254.fields`):

* G1 affine ``(n, 2, 4)``, Jacobian ``(n, 3, 4)``;
* G2 affine ``(n, 2, 2, 4)``, Jacobian ``(n, 3, 2, 4)`` (an Fq2 coordinate is ``[c0, c1]``).

Affine infinity is (0, 0); Jacobian infinity has Z = 0. Scalars are Python ints or canonical
``(n, 4)`` limb arrays in [0, r): values >= r are rejected, never reduced silently.

Example:
    >>> from snark.bn254.curves import G1
    >>> g = G1.generator(1)
    >>> G1.to_ints(G1.to_affine(G1.mul(g, [2]))) == G1.to_ints(G1.to_affine(G1.double(G1.to_jacobian(g))))
    True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from prover.errors import FieldError
from snark.bn254 import curve_kernels as _k
from snark.bn254 import limb_kernels as _lk
from snark.bn254.errors import PointError
from snark.bn254.fields import Fq, Fr, R, ints_to_limbs

G1_GENERATOR = (1, 2)
G2_GENERATOR = (
    (10857046999023057135944570762232829481370756359578518086990519993285655852781,
     11559732032986387107991004021392285783925812861821192530917403151452391805634),
    (8495653923123431417604973247489272438418190587263600148770280649306958101930,
     4082367875863433681332203403145435568316851327593401208105741076214120093531),
)


class Group:
    """One of G1, G2: validation, conversions and arithmetic on point arrays.

    Attributes:
        name: "G1" or "G2".
        coord_shape: trailing shape of one coordinate, ``(4,)`` or ``(2, 4)``.
    """

    def __init__(self, name: str, coord_shape: tuple[int, ...], generator, needs_subgroup_check: bool):
        self.name = name
        self.coord_shape = coord_shape
        self.degree = 1 if coord_shape == (4,) else 2
        self._generator = generator
        self.needs_subgroup_check = needs_subgroup_check

    # -- validation -------------------------------------------------------------------------------

    def _check_array(self, a: np.ndarray, ncoords: int, name: str) -> np.ndarray:
        shape = (ncoords, *self.coord_shape)
        if not isinstance(a, np.ndarray) or a.dtype != np.uint64:
            raise PointError("bad length", f"{name} must be a numpy uint64 array")
        if a.ndim != 1 + len(shape) or a.shape[1:] != shape:
            raise PointError("bad length", f"{name} must have shape (n, {', '.join(map(str, shape))}), "
                                           f"got {a.shape}")
        a = np.ascontiguousarray(a)
        bad = _lk.max_geq(a.reshape(-1, 4), Fq.q)
        if bad >= 0:
            raise PointError("coordinate >= p", f"{name}: {self.name} point {bad // (ncoords * self.degree)} "
                                                "has a coordinate >= p")
        return a

    def check_affine(self, a: np.ndarray, name: str = "points", subgroup: bool = True) -> np.ndarray:
        """Validate an affine array: shape, canonical coordinates, on the curve, in G2's subgroup.

        Raises:
            PointError: with ``reason`` "bad length", "coordinate >= p", "off curve" or "not in subgroup".
        """
        a = self._check_array(a, 2, name)
        bad = _k.first_off_curve(a)
        if bad >= 0:
            raise PointError("off curve", f"{name}: {self.name} point {bad} is not on the curve")
        if subgroup and self.needs_subgroup_check and a.shape[0]:
            ok = np.empty(a.shape[0], dtype=np.bool_)
            _k.subgroup_flags(a, ok)
            if not ok.all():
                i = int(np.argmin(ok))
                raise PointError("not in subgroup", f"{name}: {self.name} point {i} is not in the "
                                                    "prime-order subgroup ([r]P != infinity)")
        return a

    def check_jacobian(self, p: np.ndarray, name: str = "points") -> np.ndarray:
        """Validate a Jacobian array's shape and coordinate range (points come from this module)."""
        return self._check_array(p, 3, name)

    # -- conversions ------------------------------------------------------------------------------

    def _coord_to_limbs(self, c) -> list[int]:
        return [int(c)] if self.degree == 1 else [int(c[0]), int(c[1])]

    def from_ints(self, points: Sequence, subgroup: bool = True) -> np.ndarray:
        """Affine array from integer coordinates, validated.

        Args:
            points: G1 items ``(x, y)``, G2 items ``((x0, x1), (y0, y1))``, or ``None`` for infinity.
            subgroup: check G2 subgroup membership (always true for G1).

        Raises:
            PointError: a coordinate >= p or negative, a point off the curve or outside the subgroup.
        """
        ints: list[int] = []
        for i, pt in enumerate(points):
            vals = [0] * (2 * self.degree) if pt is None else (
                self._coord_to_limbs(pt[0]) + self._coord_to_limbs(pt[1]))
            if any(not 0 <= v < Fq.MODULUS for v in vals):
                raise PointError("coordinate >= p", f"{self.name} point {i} has a coordinate outside [0, p)")
            ints.extend(vals)
        limbs = ints_to_limbs(ints)
        arr = Fq.to_montgomery(limbs).reshape(-1, 2, *self.coord_shape)
        return self.check_affine(arr, subgroup=subgroup)

    def to_ints(self, a: np.ndarray) -> list:
        """Integer coordinates of an affine array (``None`` for infinity); inverse of :meth:`from_ints`."""
        a = self._check_array(a, 2, "points")
        vals = Fq.to_ints(a.reshape(-1, 4))
        out = []
        for i in range(a.shape[0]):
            v = vals[i * 2 * self.degree:(i + 1) * 2 * self.degree]
            if not any(v):
                out.append(None)
            elif self.degree == 1:
                out.append((v[0], v[1]))
            else:
                out.append(((v[0], v[1]), (v[2], v[3])))
        return out

    def generator(self, n: int = 1) -> np.ndarray:
        """n copies of the standard generator, affine."""
        return self.from_ints([self._generator] * n, subgroup=False)

    def infinity(self, n: int = 1) -> np.ndarray:
        """n points at infinity, Jacobian."""
        out = np.zeros((n, 3, *self.coord_shape), dtype=np.uint64)
        one = np.array(Fq.one_mont, dtype=np.uint64)
        if self.degree == 1:
            out[:, 0] = one
            out[:, 1] = one
        else:
            out[:, 0, 0] = one
            out[:, 1, 0] = one
        return out

    def to_jacobian(self, a: np.ndarray) -> np.ndarray:
        """Jacobian array of a (validated) affine array."""
        a = self.check_affine(a, subgroup=False)
        out = np.empty((a.shape[0], 3, *self.coord_shape), dtype=np.uint64)
        _k.arr_from_affine(a, out)
        return out

    def to_affine(self, p: np.ndarray) -> np.ndarray:
        """Affine array of a Jacobian array, with one field inversion for the batch."""
        p = self.check_jacobian(p)
        out = np.empty((p.shape[0], 2, *self.coord_shape), dtype=np.uint64)
        _k.arr_to_affine(p, out)
        return out

    # -- arithmetic -------------------------------------------------------------------------------

    def _jac_pair(self, p: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        p = self.check_jacobian(p, "p")
        q = self.check_jacobian(q, "q")
        if p.shape != q.shape:
            raise PointError("bad length", f"shapes differ: {p.shape} and {q.shape}")
        return p, q

    def add(self, p: np.ndarray, q: np.ndarray) -> np.ndarray:
        """Elementwise p + q on Jacobian arrays (handles infinity, p = q and p = -q)."""
        p, q = self._jac_pair(p, q)
        out = np.empty_like(p)
        _k.arr_add(p, q, out)
        return out

    def add_mixed(self, p: np.ndarray, a: np.ndarray) -> np.ndarray:
        """Elementwise p + a with p Jacobian and a affine."""
        p = self.check_jacobian(p, "p")
        a = self.check_affine(a, "a", subgroup=False)
        if p.shape[0] != a.shape[0]:
            raise PointError("bad length", f"{p.shape[0]} and {a.shape[0]} points")
        out = np.empty_like(p)
        _k.arr_madd(p, a, out)
        return out

    def double(self, p: np.ndarray) -> np.ndarray:
        """Elementwise 2p on a Jacobian array."""
        p = self.check_jacobian(p)
        out = np.empty_like(p)
        _k.arr_dbl(p, out)
        return out

    def neg(self, p: np.ndarray) -> np.ndarray:
        """Elementwise -p on a Jacobian or affine array."""
        ncoords = 3 if p.ndim >= 2 and p.shape[1] == 3 else 2
        p = self._check_array(p, ncoords, "p")
        out = np.empty_like(p)
        _k.arr_neg(p, out)
        return out

    def eq(self, p: np.ndarray, q: np.ndarray) -> np.ndarray:
        """Elementwise equality of Jacobian points (as projective points), a bool array."""
        p, q = self._jac_pair(p, q)
        out = np.empty(p.shape[0], dtype=np.bool_)
        _k.arr_eq(p, q, out)
        return out

    def mul(self, a: np.ndarray, scalars: Sequence[int] | np.ndarray) -> np.ndarray:
        """Elementwise scalar multiplication [s_i] a_i of affine points; Jacobian result.

        Args:
            a: affine array of n points.
            scalars: n Python ints in [0, r), or an ``(n, 4)`` uint64 array of canonical (not Montgomery)
                limbs.

        Raises:
            FieldError: a scalar is outside [0, r) or the scalar count differs from n.
        """
        a = self.check_affine(a, subgroup=False)
        limbs = scalar_limbs(scalars, a.shape[0])
        out = np.empty((a.shape[0], 3, *self.coord_shape), dtype=np.uint64)
        _k.arr_mul(a, limbs, out)
        return out


def scalar_limbs(scalars: Sequence[int] | np.ndarray, n: int) -> np.ndarray:
    """Validate scalars (ints or canonical (n, 4) limbs) as elements of [0, r); return (n, 4) limbs."""
    if isinstance(scalars, np.ndarray) and scalars.dtype == np.uint64 and scalars.ndim == 2:
        if scalars.shape != (n, 4):
            raise FieldError(f"scalars must have shape ({n}, 4), got {scalars.shape}")
        bad = _lk.max_geq(np.ascontiguousarray(scalars), Fr.q)
        if bad >= 0:
            raise FieldError(f"scalar {bad} is >= r; reduce it mod r first")
        return np.ascontiguousarray(scalars)
    vals = [int(s) for s in scalars]
    if len(vals) != n:
        raise FieldError(f"{len(vals)} scalars for {n} points")
    for i, s in enumerate(vals):
        if not 0 <= s < R:
            raise FieldError(f"scalar {i} = {s} is outside [0, r); reduce it mod r first")
    return ints_to_limbs(vals)


G1 = Group("G1", (4,), G1_GENERATOR, needs_subgroup_check=False)
"""G1 = E(Fq), y^2 = x^3 + 3."""

G2 = Group("G2", (2, 4), G2_GENERATOR, needs_subgroup_check=True)
"""G2, the order-r subgroup of E'(Fq2), y^2 = x^3 + 3/(9 + u)."""

__all__ = ["G1", "G2", "Group", "G1_GENERATOR", "G2_GENERATOR", "scalar_limbs"]
