"""Finite fields of the STARK core: Goldilocks (``goldilocks``) and its quadratic extension (``extension``).

Use the modules as namespaces::

    from prover.field import goldilocks as gl, extension as ext2
    c = gl.mul(a, b)
"""

from prover.field import extension, goldilocks

__all__ = ["goldilocks", "extension"]
