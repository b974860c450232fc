"""NAM inference (WaveNet A1 and A2, LSTM, ConvNet, Linear), exact against NAM Core.

Exports load lazily, so a worker process that imports only the WaveNet modules does not
pay for numba (LSTM) or soxr (resampling).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from render.engine.nam.amp_stage import run_amp
    from render.engine.nam.cache import AmpCache, AmpKey
    from render.engine.nam.model import AmpModel, load_model
    from render.engine.nam.parallel import worker_pool

_EXPORTS = {
    "AmpCache": "render.engine.nam.cache",
    "AmpKey": "render.engine.nam.cache",
    "AmpModel": "render.engine.nam.model",
    "load_model": "render.engine.nam.model",
    "run_amp": "render.engine.nam.amp_stage",
    "worker_pool": "render.engine.nam.parallel",
}

__all__ = ["AmpCache", "AmpKey", "AmpModel", "load_model", "run_amp", "worker_pool"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
