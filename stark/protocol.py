"""Fiat-Shamir schedule shared by the STARK prover and verifier (ethSTARK, eprint 2021/582, section 3).

Order of absorbs and challenges (each challenge is drawn only after everything it depends on):

    protocol id, options, AIR name, trace shape, public inputs
    trace root                      -> composition coefficients alpha (extension field)
    composition root                -> out-of-domain point z (redrawn if it hits a divisor's root)
    trace at z, at z*w, chunks at z -> DEEP coefficients
    FRI layer roots                 -> one folding challenge after each root
    FRI remainder coefficients, grinding nonce -> query positions
"""

from __future__ import annotations

import struct

import numpy as np

from prover.transcript import Transcript
from stark.air import Air
from stark.composition import divisors_at
from stark.options import ProofOptions

PROTOCOL_ID = b"prover-stark-v1"
MAX_OOD_ATTEMPTS = 8


def new_transcript(air: Air, options: ProofOptions) -> Transcript:
    """A transcript bound to the protocol, the options and the statement."""
    t = Transcript(PROTOCOL_ID)
    t.absorb_bytes("options", options.to_bytes())
    t.absorb_bytes("air", air.name.encode("ascii"))
    t.absorb_bytes("trace_shape", struct.pack("<II", air.trace_length, air.trace_width))
    t.absorb_bytes("public_inputs", air.public_inputs_bytes())
    return t


def draw_ood_point(t: Transcript, air: Air) -> tuple[int, int]:
    """z in F_p^2 outside F_p (so off the trace domain and the LDE coset) and off every divisor's roots.

    A bad draw has probability about (n + assertions) / p^2; it is redrawn with a fresh label so
    prover and verifier stay in step.
    """
    for attempt in range(MAX_OOD_ATTEMPTS):
        z = t.challenge_ext(f"ood_point_{attempt}", 1)[0]
        zt = (int(z[0]), int(z[1]))
        if zt[1] != 0 and all(d != (0, 0) for d in divisors_at(air, zt)):
            return zt
    raise RuntimeError("no usable out-of-domain point drawn")  # probability ~ 2^-500


def absorb_ood(t: Transcript, trace_z: np.ndarray, trace_zw: np.ndarray, chunks_z: np.ndarray) -> None:
    t.absorb_field("ood_trace_z", np.ascontiguousarray(trace_z, dtype=np.uint64).reshape(-1))
    t.absorb_field("ood_trace_zw", np.ascontiguousarray(trace_zw, dtype=np.uint64).reshape(-1))
    t.absorb_field("ood_composition", np.ascontiguousarray(chunks_z, dtype=np.uint64).reshape(-1))
