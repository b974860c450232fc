"""The .nam model file: parsing, validation and facts, shared by catalog and render."""

from gts_nam.a2_config import A2Config
from gts_nam.config import (
    SUPPORTED_ACTIVATIONS,
    ConvNetConfig,
    LayerArrayConfig,
    LinearConfig,
    LstmConfig,
    ModelConfig,
    WaveNetConfig,
)
from gts_nam.errors import NamFormatError
from gts_nam.metadata import NamMetadata
from gts_nam.nam_file import Architecture, NamFile
from gts_nam.parse import DEFAULT_SAMPLE_RATE, MAX_NAM_BYTES, parse_nam
from gts_nam.presets import LSTM_PRESET, WAVENET_PRESETS, match_preset
from gts_nam.synthesize import SYNTH_KINDS, synthesize_convnet, synthesize_linear, synthesize_nam
from gts_nam.synthesize_a2 import synthesize_a2_container
from gts_nam.synthesize_slimmable import synthesize_slimmable_wavenet

__all__ = [
    "DEFAULT_SAMPLE_RATE",
    "LSTM_PRESET",
    "MAX_NAM_BYTES",
    "SUPPORTED_ACTIVATIONS",
    "SYNTH_KINDS",
    "WAVENET_PRESETS",
    "A2Config",
    "Architecture",
    "ConvNetConfig",
    "LayerArrayConfig",
    "LinearConfig",
    "LstmConfig",
    "ModelConfig",
    "NamFile",
    "NamFormatError",
    "NamMetadata",
    "WaveNetConfig",
    "match_preset",
    "parse_nam",
    "synthesize_a2_container",
    "synthesize_convnet",
    "synthesize_linear",
    "synthesize_nam",
    "synthesize_slimmable_wavenet",
]
