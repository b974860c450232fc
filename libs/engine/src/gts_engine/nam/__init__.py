"""NAM inference (WaveNet A1 and A2, LSTM, ConvNet, Linear), exact against NAM Core.

Exports load lazily, so a worker process that imports only the WaveNet modules does not
pay for numba (LSTM) or soxr (resampling).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gts_engine.nam.amp_stage import run_amp
    from gts_engine.nam.cache import AmpCache, AmpKey
    from gts_engine.nam.model import AmpModel, load_model
    from gts_engine.nam.parallel import worker_pool

_EXPORTS = {
    "AmpCache": "gts_engine.nam.cache",
    "AmpKey": "gts_engine.nam.cache",
    "AmpModel": "gts_engine.nam.model",
    "load_model": "gts_engine.nam.model",
    "run_amp": "gts_engine.nam.amp_stage",
    "worker_pool": "gts_engine.nam.parallel",
}

__all__ = ["AmpCache", "AmpKey", "AmpModel", "load_model", "run_amp", "worker_pool"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
