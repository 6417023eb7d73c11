"""Groth16 over BN254 (alt_bn128), compatible with circom and snarkjs.

* :mod:`snark.bn254` - Montgomery fields, G1/G2, MSM, Fr NTT and the optimal ate pairing (Numba);
* :mod:`snark.r1cs` and :mod:`snark.circuit` - sparse R1CS over Fr and a Python circuit builder;
* :mod:`snark.poseidon` - Poseidon with circomlib's BN254 parameters, plain and as a gadget;
* :mod:`snark.qap` and :mod:`snark.groth16` - the QAP in snarkjs's convention, dev setup, prove, verify;
* :mod:`snark.formats` - circom ``.r1cs``, snarkjs ``.wtns`` / ``.zkey`` and the JSON files;
* :mod:`snark.cli` - ``prover groth16 ...``, argument order as snarkjs.
"""
