"""NAM inference (WaveNet A1 and LSTM), exact against the official implementation."""

from render.engine.nam.cache import AmpCache, AmpKey
from render.engine.nam.model import AmpModel, load_model
from render.engine.nam.parallel import worker_pool
from render.engine.nam.run_amp import run_amp

__all__ = ["AmpCache", "AmpKey", "AmpModel", "load_model", "run_amp", "worker_pool"]
