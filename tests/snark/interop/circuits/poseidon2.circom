// Poseidon([a, b]) with circomlib's BN254 parameters; the hash is the public output, so the proof binds
// the preimage to it. circomlibjs's poseidon([1, 2]) is the published known answer.
pragma circom 2.0.0;

include "circomlib/circuits/poseidon.circom";

template Poseidon2() {
    signal input a;
    signal input b;
    signal output h;
    component p = Poseidon(2);
    p.inputs[0] <== a;
    p.inputs[1] <== b;
    h <== p.out;
}

component main = Poseidon2();
