// Several public inputs plus a public output and a private input, so the verifier's IC has many terms
// and the ordering of public.json (outputs first, then public inputs in declaration order) matters.
// Checks x * y + z == w * k with k private, and outputs s = x + y + z + w.
pragma circom 2.0.0;

template MultiPublic() {
    signal input x;
    signal input y;
    signal input z;
    signal input w;
    signal input k;
    signal output s;
    signal xy;
    xy <== x * y;
    xy + z === w * k;
    s <== x + y + z + w;
}

component main {public [x, y, z, w]} = MultiPublic();
