"""A2 WaveNet inference: every .nam 0.6/0.7 WaveNet option, exactly as NAM Core runs it.

The signal runs in blocks through layers of causal convolutions (`a2_convs`) and
activations (`a2_activations`). A stream starts by running receptive_field - 1 zeros
(NAM Core's prewarm), so the first sample sees the model's response to silence as its
history.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gts_engine.arrays import Floats
from gts_engine.nam.a2_activations import Act, make_activation
from gts_engine.nam.a2_convs import CausalConv, FilmModulation, State, WeightReader
from gts_nam.a2_config import A2WaveNet
from gts_nam.a2_layers import A2LayerArray, GatingMode

_F = np.float32


@dataclass(frozen=True, slots=True)
class _Layer:
    conv: CausalConv
    mixin: CausalConv
    layer1x1: CausalConv | None
    head1x1: CausalConv | None
    films: dict[str, FilmModulation]
    activation: Act
    secondary: Act
    gating: GatingMode
    bottleneck: int

    def __call__(self, x: Floats, condition: Floats, state: State) -> tuple[Floats, Floats]:
        """(output to the next layer, output to the head)."""
        f = self.films
        z = self.conv(f["conv_pre_film"](x, condition) if "conv_pre_film" in f else x, state)
        if "conv_post_film" in f:
            z = f["conv_post_film"](z, condition)
        c = condition
        if "input_mixin_pre_film" in f:
            c = f["input_mixin_pre_film"](condition, condition)
        m = self.mixin(c)
        if "input_mixin_post_film" in f:
            m = f["input_mixin_post_film"](m, condition)
        z = z + m
        if "activation_pre_film" in f:
            z = f["activation_pre_film"](z, condition)
        b = self.bottleneck
        if self.gating == "none":
            a = self.activation(z)
        elif self.gating == "gated":
            a = self.activation(z[:b]) * self.secondary(z[b:])
        else:
            alpha = self.secondary(z[b:])
            a = alpha * self.activation(z[:b]) + (_F(1.0) - alpha) * z[:b]
        if "activation_post_film" in f:
            a = f["activation_post_film"](a, condition)
        head = a
        if self.head1x1 is not None:
            head = self.head1x1(a)
            if "head1x1_post_film" in f:
                head = f["head1x1_post_film"](head, condition)
        if self.layer1x1 is None:
            return x, head
        out = self.layer1x1(a)
        # NAM Core (the reference) applies this FiLM only after a blended activation;
        # its weights are stored whatever the gating mode
        if self.gating == "blended" and "layer1x1_post_film" in f:
            out = f["layer1x1_post_film"](out, condition)
        return x + out, head


@dataclass(frozen=True, slots=True)
class _LayerArray:
    rechannel: CausalConv
    layers: tuple[_Layer, ...]
    head: CausalConv
    head_input_size: int

    def __call__(
        self, x: Floats, condition: Floats, head_in: Floats | None, state: State
    ) -> tuple[Floats, Floats]:
        """(layer outputs, head outputs) of the array."""
        h = self.rechannel(x)
        acc = (
            np.zeros((self.head_input_size, x.shape[1]), dtype=_F)
            if head_in is None
            else head_in.copy()
        )
        for layer in self.layers:
            h, head = layer(h, condition, state)
            acc += head
        return h, self.head(acc, state)


def _read_array(w: WeightReader, a: A2LayerArray) -> _LayerArray:
    rechannel = CausalConv.read(w, a.input_size, a.channels, 1, 1, bias=False)
    layers = []
    cond, c, b = a.condition_size, a.channels, a.bottleneck
    for spec in a.layers:
        z = a.conv_out(spec)
        conv = CausalConv.read(
            w, c, z, spec.kernel_size, a.groups_input, bias=True, dilation=spec.dilation
        )
        mixin = CausalConv.read(w, cond, z, 1, a.groups_input_mixin, bias=False)
        layer1x1 = (
            CausalConv.read(w, b, c, 1, a.layer1x1_groups, bias=True) if a.layer1x1_active else None
        )
        head1x1 = (
            CausalConv.read(w, b, a.head1x1_out_channels, 1, a.head1x1_groups, bias=True)
            if a.head1x1_active
            else None
        )
        dims = a.film_channels(spec)
        films = {name: FilmModulation.read(w, film, cond, dims[name]) for name, film in a.films}
        layers.append(
            _Layer(
                conv=conv,
                mixin=mixin,
                layer1x1=layer1x1,
                head1x1=head1x1,
                films=films,
                activation=make_activation(spec.activation),
                secondary=make_activation(spec.secondary),
                gating=spec.gating_mode,
                bottleneck=b,
            )
        )
    head = CausalConv.read(
        w,
        a.head_input_size,
        a.head_size,
        a.head_kernel_size,
        1,
        bias=a.head_bias,
        dilation=a.head_dilation,
    )
    return _LayerArray(rechannel, tuple(layers), head, a.head_input_size)


class A2WaveNetRunner:
    """An A2 WaveNet (and its condition model) ready to run over whole signals."""

    def __init__(self, model: A2WaveNet) -> None:
        self.model = model
        self.receptive_field = model.receptive_field
        self.condition = (
            A2WaveNetRunner(model.condition_dsp) if model.condition_dsp is not None else None
        )
        w = WeightReader(model.weights)
        self.arrays = tuple(_read_array(w, a) for a in model.arrays)
        self.post: list[tuple[Act, CausalConv]] = []
        if model.head is not None:
            act = make_activation(model.head.activation)
            for cin, cout, k in model.head.conv_shapes():
                self.post.append((act, CausalConv.read(w, cin, cout, k, 1, bias=True)))
        self.head_scale = _F(w.take(1)[0])
        w.done()

    def forward(self, x: Floats, state: State) -> Floats:
        """(channels, samples) in, (output channels, samples) out.

        `state` carries every convolution's input history from the previous call (an
        empty one means zero inputs before: not the model's response to silence).
        """
        condition = self.condition.forward(x, state) if self.condition is not None else x
        layer_in, heads = x, None
        for array in self.arrays:
            layer_in, heads = array(layer_in, condition, heads, state)
        assert heads is not None
        if not self.post:
            out: Floats = self.head_scale * heads
            return out
        h = self.head_scale * heads
        for act, conv in self.post:
            h = conv(act(h), state)
        return h

    def process(self, x: npt.ArrayLike) -> Floats:
        """Mono float32 in, the same length out, zero history before the first sample."""
        y = np.empty(np.asarray(x).reshape(-1).shape[0], dtype=_F)
        stream = A2Stream(self)
        for start in range(0, y.shape[0], A2_BLOCK):
            stop = min(start + A2_BLOCK, y.shape[0])
            stream.process_block(np.asarray(x, dtype=_F).reshape(-1)[start:stop], y[start:stop])
        return y


# Samples per block of a stream: short enough that each layer's activations stay in the
# CPU caches, long enough that per-layer call overhead stays small.
A2_BLOCK = 8_192


class A2Stream:
    """An A2 WaveNet's running state: every convolution's input history.

    It starts as the model's response to receptive_field - 1 samples of silence (NAM
    Core's prewarm), so the first output sample sees zero input history.
    """

    def __init__(self, runner: A2WaveNetRunner, *, prime: bool = True) -> None:
        """`prime=False` skips the silence run (for a caller that drops the first
        receptive_field - 1 outputs: they are all that it changes)."""
        self._runner = runner
        self._state: State = {}
        silence = np.zeros((1, A2_BLOCK), dtype=_F)
        remaining = runner.receptive_field - 1 if prime else 0
        while remaining > 0:
            step = min(remaining, A2_BLOCK)
            runner.forward(silence[:, :step], self._state)
            remaining -= step

    def process_block(self, u: Floats, y: Floats) -> None:
        """Run the samples `u` into `y` (float32, same length), continuing the history."""
        y[:] = self._runner.forward(np.asarray(u, dtype=_F).reshape(1, -1), self._state)[0]
