"""A parsed, validated .nam file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from gts_nam.config import LstmConfig, ModelConfig, WaveNetConfig
from gts_nam.metadata import NamMetadata
from gts_nam.presets import match_preset

Architecture = Literal["WaveNet", "LSTM"]


@dataclass(frozen=True, slots=True, eq=False)
class NamFile:
    """A .nam model whose weights match its config; `weights` is read-only float32."""

    version: str
    architecture: Architecture
    config: ModelConfig
    weights: npt.NDArray[np.float32]
    sample_rate: int
    metadata: NamMetadata
    sha256: str

    @property
    def receptive_field(self) -> int:
        """Input samples one output sample depends on (1 for an LSTM)."""
        return self.config.receptive_field

    @property
    def size_preset(self) -> str | None:
        """The A1 preset this WaveNet matches (standard, lite, feather, nano), else None."""
        if isinstance(self.config, WaveNetConfig):
            return match_preset(self.config)
        return None

    @property
    def is_lstm(self) -> bool:
        """Whether the model is an LSTM (stateful, processed sequentially)."""
        return isinstance(self.config, LstmConfig)
