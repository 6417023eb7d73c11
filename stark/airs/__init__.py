"""Example AIRs: Fibonacci, FibonacciSq (stark101), MiMC (mimc_stark) and the Rescue-Prime hash chain.

``AIRS`` maps the CLI names to classes; the Rescue chain is registered when its module is present.
"""

from __future__ import annotations

import importlib

from stark.air import Air


def _load() -> dict[str, type[Air]]:
    airs: dict[str, type[Air]] = {}
    for name, module, cls in (("fibonacci", "stark.airs.fibonacci", "FibonacciAir"),
                              ("fibsq", "stark.airs.fibsq", "FibonacciSqAir"),
                              ("mimc", "stark.airs.mimc", "MimcAir"),
                              ("rescue", "stark.airs.rescue_chain", "RescueChainAir")):
        try:
            airs[name] = getattr(importlib.import_module(module), cls)
        except (ModuleNotFoundError, AttributeError) as exc:
            # Only a missing example module is tolerated; a broken one must surface.
            if isinstance(exc, ModuleNotFoundError) and exc.name != module:
                raise
    return airs


def get_air(name: str) -> type[Air]:
    """The AIR class registered under ``name``.

    Raises:
        KeyError: unknown name (the message lists the known ones).
    """
    airs = _load()
    if name not in airs:
        raise KeyError(f"unknown AIR {name!r}; available: {', '.join(sorted(airs))}")
    return airs[name]


__all__ = ["get_air"]
