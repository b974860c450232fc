"""What running a model costs, and the limits a .nam must stay within (the one place for them).

A file can be perfectly well formed and still ask for days of work: 128 layers of kernel 64
at dilation 65,536 is a 73 kB file. The limits below are what real NAM models need with a
wide margin. The largest official architecture is the A1 "standard" WaveNet: 16 channels,
20 layers, receptive field 4,093 samples, 13,320 multiply-adds per output sample (so about
0.64 G per second of audio at 48 kHz); the A2 example models (fixtures `a2_*.nam`) have at
most 8 channels, 23 layers, kernel 15 and a receptive field of 6,347 samples; NAM's LSTMs
have a hidden size of 16 to 32 in one or two layers. A `Linear` is an FIR filter (an IR
of up to MAX_RECEPTIVE_FIELD taps); a `ConvNet` is counted like a WaveNet's layers.
"""

from __future__ import annotations

from dataclasses import dataclass

from gts_nam.a2_config import A2Config, A2WaveNet
from gts_nam.a2_layers import A2LayerArray
from gts_nam.config import (
    ConvNetConfig,
    LayerArrayConfig,
    LinearConfig,
    LstmConfig,
    ModelConfig,
    WaveNetConfig,
)
from gts_nam.errors import NamFormatError

# Per-field bounds, checked while the config is parsed (before any total below).
MAX_CHANNELS = 128  # 8x the standard WaveNet's 16
MAX_KERNEL_SIZE = 64  # 4x the A2 example's 15, 21x A1's 3
MAX_DILATION = 65_536  # 128x A1's largest, 512
MAX_LAYERS_PER_ARRAY = 128
MAX_LAYER_ARRAYS = 16
MAX_LSTM_HIDDEN = 512
MAX_LSTM_LAYERS = 8

# Totals over the whole model, checked by check_cost.
# Samples of history one output needs: 10x the A2 example's 6,347, 16x A1's 4,093.
MAX_RECEPTIVE_FIELD = 65_536
# Dilated layers (WaveNet) or stacked layers (LSTM): 11x the A2 example's 23, 12x A1's 20.
MAX_TOTAL_LAYERS = 256
# Multiply-adds per second of audio at the model's own rate: about 15x the standard
# WaveNet at 48 kHz (13,320 x 48,000 = 0.64 G), i.e. about 208,000 per sample at 48 kHz.
MAX_MULTIPLY_ADDS_PER_SECOND = 10_000_000_000


@dataclass(frozen=True, slots=True)
class ModelCost:
    """What one model asks of the engine."""

    receptive_field: int  # samples of input one output sample depends on
    layers: int  # dilated layers of a WaveNet or ConvNet, stacked layers of an LSTM, 1 (Linear)
    max_channels: int  # widest WaveNet array's or ConvNet's channels, the LSTM hidden size
    multiply_adds_per_sample: int  # per output sample


def _array_multiply_adds(a: LayerArrayConfig) -> int:
    """Rechannel, each layer's dilated conv + input mixin + 1x1, then the head rechannel."""
    c, cz = a.channels, a.conv_out
    per_layer = cz * c * a.kernel_size + a.condition_size * cz + c * c
    return a.input_size * c + per_layer * len(a.dilations) + c * a.head_size


def _a2_array_multiply_adds(a: A2LayerArray) -> int:
    """Every conv and FiLM of an A2 array, counted dense (as the engine runs them)."""
    c, b, cond = a.channels, a.bottleneck, a.condition_size
    total = a.input_size * c + a.head_input_size * a.head_size * a.head_kernel_size
    for layer in a.layers:
        z = a.conv_out(layer)
        total += z * c * layer.kernel_size + cond * z
        total += b * c if a.layer1x1_active else 0
        total += b * a.head1x1_out_channels if a.head1x1_active else 0
        dims = a.film_channels(layer)
        total += sum(cond * (2 if f.shift else 1) * dims[name] for name, f in a.films)
    return total


def _a2_wavenet_cost(model: A2WaveNet) -> ModelCost:
    """A2 WaveNet cost, its condition model's included."""
    inner = _a2_wavenet_cost(model.condition_dsp) if model.condition_dsp is not None else None
    head = 0
    if model.head is not None:
        head = sum(cin * cout * k for cin, cout, k in model.head.conv_shapes())
    return ModelCost(
        receptive_field=model.receptive_field,
        layers=sum(len(a.layers) for a in model.arrays) + (inner.layers if inner else 0),
        max_channels=max(
            [a.channels for a in model.arrays] + ([inner.max_channels] if inner else [])
        ),
        multiply_adds_per_sample=sum(_a2_array_multiply_adds(a) for a in model.arrays)
        + head
        + (inner.multiply_adds_per_sample if inner else 0),
    )


def model_cost(config: ModelConfig) -> ModelCost:
    """The receptive field, layer count, widest channels and compute of `config`.

    For an A2 container: of the submodel its slim value selects (the largest by default).
    """
    if isinstance(config, A2Config):
        return _a2_wavenet_cost(config.selected)
    if isinstance(config, LinearConfig):
        # counted as the direct convolution NAM Core runs for short filters
        return ModelCost(
            receptive_field=config.receptive_field,
            layers=1,
            max_channels=1,
            multiply_adds_per_sample=config.receptive_field,
        )
    if isinstance(config, ConvNetConfig):
        c = config.channels
        blocks = sum(2 * c * config.block_inputs(i) for i in range(len(config.dilations)))
        return ModelCost(
            receptive_field=config.receptive_field,
            layers=len(config.dilations),
            max_channels=c,
            multiply_adds_per_sample=blocks + c,
        )
    if isinstance(config, WaveNetConfig):
        return ModelCost(
            receptive_field=config.receptive_field,
            layers=sum(len(a.dilations) for a in config.layers),
            max_channels=max(a.channels for a in config.layers),
            multiply_adds_per_sample=sum(_array_multiply_adds(a) for a in config.layers),
        )
    h = config.hidden_size
    gates = sum(
        4 * h * ((config.input_size if layer == 0 else h) + h) for layer in range(config.num_layers)
    )
    return ModelCost(
        receptive_field=config.receptive_field,
        layers=config.num_layers,
        max_channels=h,
        multiply_adds_per_sample=gates + h,
    )


def check_cost(config: ModelConfig, sample_rate: int) -> ModelCost:
    """Refuse a model that asks for more than MAX_* allow, naming the field and the limit.

    `sample_rate` is the model's own rate (the engine resamples the DI to it), which sets
    how many output samples one second of audio is.
    """
    cost = model_cost(config)
    if isinstance(config, LstmConfig):
        _check_lstm(config, cost, sample_rate)
    elif isinstance(config, A2Config):
        # every submodel may be selected: each stays within the limits
        for wavenet in config.wavenets:
            _check_totals("config.layers", _a2_wavenet_cost(wavenet), sample_rate)
    elif isinstance(config, LinearConfig):
        _check_totals("config.receptive_field", cost, sample_rate)
    elif isinstance(config, ConvNetConfig):
        _check_totals("config.dilations", cost, sample_rate)
    else:
        _check_wavenet(config, cost, sample_rate)
    return cost


def _at_most(field: str, value: int, limit: int, what: str = "{}") -> None:
    """Refuse `value` over `limit`: "`field`: `what` (the value), the limit is `limit`"."""
    if value > limit:
        raise NamFormatError(f"{field}: {what.format(value)}, the limit is {limit:,}")


def _check_wavenet(config: WaveNetConfig, cost: ModelCost, sample_rate: int) -> None:
    for i, a in enumerate(config.layers):
        _at_most(f"config.layers[{i}].channels", a.channels, MAX_CHANNELS)
    _at_most("config.layers", cost.layers, MAX_TOTAL_LAYERS, "{:,} layers in all")
    field = 1
    for i, a in enumerate(config.layers):
        field += a.receptive_field - 1
        if field > MAX_RECEPTIVE_FIELD:
            raise NamFormatError(
                f"config.layers[{i}].dilations: receptive field {cost.receptive_field:,} "
                f"samples, the limit is {MAX_RECEPTIVE_FIELD:,}"
            )
    _check_compute("config.layers", cost, sample_rate)


def _check_totals(field: str, cost: ModelCost, sample_rate: int) -> None:
    """Layers, receptive field and compute of the whole model, `field` named when over."""
    _at_most(field, cost.layers, MAX_TOTAL_LAYERS, "{:,} layers in all")
    _at_most(field, cost.receptive_field, MAX_RECEPTIVE_FIELD, "receptive field {:,} samples")
    _check_compute(field, cost, sample_rate)


def _check_lstm(config: LstmConfig, cost: ModelCost, sample_rate: int) -> None:
    _at_most("config.hidden_size", config.hidden_size, MAX_LSTM_HIDDEN)
    _at_most("config.num_layers", config.num_layers, MAX_LSTM_LAYERS)
    _check_compute("config.hidden_size", cost, sample_rate)


def _check_compute(field: str, cost: ModelCost, sample_rate: int) -> None:
    per_second = cost.multiply_adds_per_sample * sample_rate
    if per_second > MAX_MULTIPLY_ADDS_PER_SECOND:
        raise NamFormatError(
            f"{field}: {cost.multiply_adds_per_sample:,} multiply-adds per sample at "
            f"{sample_rate:,} Hz is {per_second / 1e9:.1f} G per second of audio, "
            f"the limit is {MAX_MULTIPLY_ADDS_PER_SECOND / 1e9:.0f} G"
        )
