"""NAM inference (WaveNet A1 and LSTM), exact against the official implementation."""

from render.engine.nam.model import AmpModel, load_model

__all__ = ["AmpModel", "load_model"]
