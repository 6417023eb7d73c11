"""The BN254 (alt_bn128) engine: fields, curves, MSM, NTT and the optimal ate pairing, on Numba kernels.

BN254 is the pairing-friendly Barreto-Naehrig curve of EIP-196/197 used by Ethereum, circom and snarkjs.
Everything works on NumPy ``uint64`` arrays of 4x64-bit Montgomery limbs; kernels (``*_kernels.py``) are
private, and this package exposes the validating wrappers:

* :data:`Fq`, :data:`Fr` - the base and scalar fields (:mod:`snark.bn254.fields`);
* :data:`G1`, :data:`G2` - the groups (:mod:`snark.bn254.curves`);
* :mod:`snark.bn254.msm` - Pippenger multi-scalar multiplication, ``msm(G1, points, scalars)``;
* :mod:`snark.bn254.ntt` - the Fr NTT: ``ntt``, ``intt``, ``coset_ntt``, ``coset_intt``;
* :mod:`snark.bn254.pairing` - ``pairing``, ``pairing_product``, ``pairing_check`` (re-exported here but
  for ``pairing`` itself, whose name is the module's);
* :mod:`snark.bn254.serialize` - snarkjs JSON and ``.zkey`` point encodings;
* :class:`PointError` - invalid points, with a ``reason``.

Parallel kernels use Numba's ``prange``; choose the threading layer before Numba loads (DESIGN.md:
``NUMBA_THREADING_LAYER=workqueue``).
"""

from snark.bn254.curves import G1, G2
from snark.bn254.errors import PointError
from snark.bn254.fields import BN_U, Fq, Fr, P, R
from snark.bn254.pairing import pairing_check, pairing_product

# Submodules msm, ntt and pairing keep their names: their main functions are imported from them.
__all__ = ["BN_U", "P", "R", "Fq", "Fr", "G1", "G2", "PointError", "pairing_check", "pairing_product"]
