"""Numba kernel of Merkle batch-opening verification (private; see :mod:`prover.merkle`).

Recomputes the root from the opened leaves' digests and the siblings, level by level, in the order the
module docstring of :mod:`prover.merkle` fixes. The Python loop it replaces built each level's pairs as
lists of 4-word numpy rows: on a 27-query STARK proof the six batch checks took ~4 ms of a 17 ms verify
on the AVX2 EPYC; here each is a few tens of microseconds.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from prover.blake3_kernels import hash_rows_range

NODE_BYTES = 64


@njit(cache=True)
def batch_root(idx, leaf_digests, sib, log_n, root):
    """Write the root implied by the leaves at ``idx`` and the siblings ``sib`` into ``root`` (4 words).

    ``idx``: strictly increasing int64 leaf indices (checked by the caller); ``leaf_digests``: (k, 4)
    uint64; ``sib``: (s, 4) uint64. Returns the number of siblings consumed, or -1 when the opening ran
    out of siblings.
    """
    k = idx.shape[0]
    known = idx.copy()
    nodes = leaf_digests.copy()
    pairs = np.empty((k, 8), np.uint64)
    parents = np.empty(k, np.int64)
    digests = np.empty((k, 8), np.uint32)
    used = 0
    for _ in range(log_n):
        m = 0
        i = 0
        while i < k:
            node = known[i]
            if node % 2 == 0 and i + 1 < k and known[i + 1] == node + 1:
                pairs[m, :4] = nodes[i]
                pairs[m, 4:] = nodes[i + 1]
                i += 2
            else:
                if used >= sib.shape[0]:
                    return -1
                if node % 2 == 0:
                    pairs[m, :4] = nodes[i]
                    pairs[m, 4:] = sib[used]
                else:
                    pairs[m, :4] = sib[used]
                    pairs[m, 4:] = nodes[i]
                used += 1
                i += 1
            parents[m] = node >> 1
            m += 1
        hash_rows_range(pairs[:m].view(np.uint32), NODE_BYTES, digests, 0, m)
        nodes[:m] = digests[:m].view(np.uint64)
        known[:m] = parents[:m]
        k = m
    root[:] = nodes[0]
    return used
