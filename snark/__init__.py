"""Groth16 over BN254 (alt_bn128): the BN254 engine (:mod:`snark.bn254`) and, later, R1CS, QAP and Groth16."""
