// x_{i+1} = x_i^2 + c for i < N: one constraint per step, so N sets the constraint count.
// Only the template lives here; a main file (written by the tests or the benchmark) picks N, e.g.
//   include "square_chain.circom"; component main {public [c]} = SquareChain(1000);
pragma circom 2.0.0;

template SquareChain(N) {
    signal input x0;
    signal input c;
    signal output out;
    signal x[N + 1];
    x[0] <== x0;
    for (var i = 0; i < N; i++) {
        x[i + 1] <== x[i] * x[i] + c;
    }
    out <== x[N];
}
