"""The four standard WaveNet A1 sizes the NAM trainer offers, and one LSTM size."""

from __future__ import annotations

from dataclasses import replace

from gts_nam.config import LayerArrayConfig, LstmConfig, WaveNetConfig

_ONE_TO_512 = tuple(2**i for i in range(10))
_ONE_TO_64 = tuple(2**i for i in range(7))
_LITE_SECOND = (128, 256, 512, *_ONE_TO_512)


def _a1(
    channels: int,
    head: int,
    second: int,
    first_dilations: tuple[int, ...],
    second_dilations: tuple[int, ...],
) -> WaveNetConfig:
    first = LayerArrayConfig(
        input_size=1,
        condition_size=1,
        head_size=head,
        channels=channels,
        kernel_size=3,
        dilations=first_dilations,
        activation="Tanh",
        gated=False,
        head_bias=False,
    )
    # the same layers, fed by the first array's channels, into the model's one output
    last = replace(
        first,
        input_size=channels,
        head_size=1,
        channels=second,
        dilations=second_dilations,
        head_bias=True,
    )
    return WaveNetConfig(layers=(first, last), head_scale=0.02)


WAVENET_PRESETS: dict[str, WaveNetConfig] = {
    "standard": _a1(16, 8, 8, _ONE_TO_512, _ONE_TO_512),
    "lite": _a1(12, 6, 6, _ONE_TO_64, _LITE_SECOND),
    "feather": _a1(8, 4, 4, _ONE_TO_64, _LITE_SECOND),
    "nano": _a1(4, 2, 2, _ONE_TO_64, _LITE_SECOND),
}

# A small single-layer LSTM like those the NAM trainer produces for low-CPU captures.
LSTM_PRESET = LstmConfig(input_size=1, hidden_size=16, num_layers=1)


def match_preset(config: WaveNetConfig) -> str | None:
    """The preset name whose layer arrays equal `config`'s (head scale aside), else None."""
    for name, preset in WAVENET_PRESETS.items():
        if preset.layers == config.layers:
            return name
    return None
