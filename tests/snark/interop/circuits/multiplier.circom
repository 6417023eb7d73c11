// a * b = c with c the only public signal (an output); the smallest useful Groth16 statement.
pragma circom 2.0.0;

template Multiplier() {
    signal input a;
    signal input b;
    signal output c;
    c <== a * b;
}

component main = Multiplier();
