"""A parsed, validated .nam file."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt

from gts_nam.a2_config import A2Config, SlimmableContainer
from gts_nam.config import LstmConfig, ModelConfig, WaveNetConfig
from gts_nam.errors import NamFormatError
from gts_nam.metadata import NamMetadata
from gts_nam.presets import match_preset
from gts_nam.slimmable_wavenet import SlimmableWaveNet

Architecture = Literal[
    "WaveNet", "LSTM", "ConvNet", "Linear", "SlimmableContainer", "SlimmableWaveNet"
]


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
        """Input samples one output sample depends on (1 for an LSTM, the taps of a Linear)."""
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

    @property
    def is_a2(self) -> bool:
        """Whether the model is an A2 file (a SlimmableContainer, a slimmable WaveNet or a
        WaveNet with A2 options)."""
        return isinstance(self.config, A2Config)

    def with_slim(self, slim: float) -> NamFile:
        """The same file with the submodel a slim value 0..1 selects: a SlimmableContainer's
        submodel, or a slimmable WaveNet at the channels the value picks.

        The sha256 stays the file's: a cache keyed by it must also key by the slim value.
        """
        if not (
            isinstance(self.config, A2Config)
            and isinstance(self.config.model, SlimmableContainer | SlimmableWaveNet)
        ):
            raise NamFormatError(
                "slim: the model is not slimmable "
                "(a NAM A2 SlimmableContainer or slimmable WaveNet)"
            )
        if not 0.0 <= slim <= 1.0:
            raise NamFormatError(f"slim: {slim} is outside 0..1")
        config = A2Config(self.config.model, slim)
        return replace(self, config=config, weights=config.selected.weights)
