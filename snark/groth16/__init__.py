"""Groth16 over BN254 (Groth, "On the Size of Pairing-based Non-interactive Arguments", EUROCRYPT 2016,
eprint 2016/260), compatible with snarkjs's keys, proofs and QAP convention.

* :func:`setup` - dev setup, NOT A CEREMONY (single party; toxic waste sampled and discarded);
* :func:`prove` - a proof from a proving key and a full witness (fresh random r, s);
* :func:`verify` - returns None or raises one :class:`prover.errors.VerificationError` subclass
  (:mod:`snark.groth16.errors`);
* :class:`ProvingKey`, :class:`VerifyingKey`, :class:`Proof` - the data (:mod:`snark.groth16.keys`).

Example:
    >>> import random
    >>> from snark.circuit import Circuit
    >>> from snark.groth16 import setup, prove, verify
    >>> c = Circuit(); y = c.public_input("y"); x = c.private_input("x")
    >>> c.assert_equal(c.mul(x, x), y)
    >>> pk = setup(c.to_r1cs(), rng=random.Random(1))
    >>> w = c.witness({"x": 3, "y": 9})
    >>> verify(pk.vk, [9], prove(pk, w))   # None: valid
"""

from snark.groth16.keys import Proof, ProvingKey, VerifyingKey
from snark.groth16.prover import prove, prove_r1cs
from snark.groth16.setup import DEV_SETUP_WARNING, setup
from snark.groth16.verifier import verify

__all__ = ["DEV_SETUP_WARNING", "Proof", "ProvingKey", "VerifyingKey", "prove", "prove_r1cs", "setup",
           "verify"]
