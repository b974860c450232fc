"""A2 WaveNet inference: every .nam 0.6/0.7 WaveNet option, exactly as NAM Core runs it.

The signal runs in blocks; each convolution with a kernel keeps the tail of its input as
history, and runs over a block as one matrix product of its taps stacked over the
delayed inputs. A stream starts by running receptive_field - 1 zeros (NAM Core's
prewarm), so the first sample sees the model's response to silence as its history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gts_nam.a2_config import A2LayerArray, A2WaveNet, Activation, Film, GatingMode

Floats = npt.NDArray[np.float32]
Act = Callable[[Floats], Floats]
# The input history of each convolution with a kernel, by the convolution's id.
State = dict[int, Floats]

_F = np.float32


class _Weights:
    """Reads the flat weight list in order."""

    def __init__(self, weights: Floats) -> None:
        self._w = weights
        self._at = 0

    def take(self, n: int) -> Floats:
        out = self._w[self._at : self._at + n]
        if out.shape[0] != n:
            raise ValueError("weights: fewer than the config needs")
        self._at += n
        return out

    def done(self) -> None:
        if self._at != self._w.shape[0]:
            raise ValueError(f"weights: {self._w.shape[0]} given, {self._at} used")


@dataclass(frozen=True, slots=True)
class _Conv:
    """A causal grouped convolution as dense per-tap matrices (zeros off the groups).

    Tap k multiplies the input delayed by dilation * (K - 1 - k); over a block each tap
    is one matrix product on a view of the input and its history.
    """

    taps: tuple[Floats, ...]  # each (out, in)
    bias: Floats | None
    dilation: int

    @staticmethod
    def read(
        w: _Weights, cin: int, cout: int, kernel: int, groups: int, *, bias: bool, dilation: int = 1
    ) -> _Conv:
        opg, ipg = cout // groups, cin // groups
        dense = np.zeros((kernel, cout, cin), dtype=_F)
        for g in range(groups):
            block = w.take(opg * ipg * kernel).reshape(opg, ipg, kernel)
            dense[:, g * opg : (g + 1) * opg, g * ipg : (g + 1) * ipg] = block.transpose(2, 0, 1)
        b = w.take(cout).copy() if bias else None
        return _Conv(tuple(np.ascontiguousarray(t) for t in dense), b, dilation)

    def __call__(self, x: Floats, state: State | None = None) -> Floats:
        """(in, n) to (out, n); the input before x is `state`'s history of this conv
        (zeros where it holds none), and the state keeps x's tail for the next call."""
        kernel = len(self.taps)
        if kernel == 1:
            out: Floats = self.taps[0] @ x
        else:
            cin, n = x.shape
            span = self.dilation * (kernel - 1)
            past = None if state is None else state.get(id(self))
            if past is None:
                past = np.zeros((cin, span), dtype=_F)
            full = np.concatenate([past, x], axis=1)
            if state is not None:
                state[id(self)] = full[:, n:]
            out = self.taps[0] @ full[:, :n]
            product = np.empty_like(out)
            for i in range(1, kernel):
                start = i * self.dilation
                np.matmul(self.taps[i], full[:, start : start + n], out=product)
                out += product
        if self.bias is not None:
            out += self.bias[:, None]
        return out


@dataclass(frozen=True, slots=True)
class _Film:
    """Scale (and shift) per channel from a 1x1 conv of the condition."""

    conv: _Conv
    dim: int
    shift: bool

    @staticmethod
    def read(w: _Weights, film: Film, condition_size: int, dim: int) -> _Film:
        out = (2 if film.shift else 1) * dim
        conv = _Conv.read(w, condition_size, out, 1, film.groups, bias=True)
        return _Film(conv, dim, film.shift)

    def __call__(self, x: Floats, condition: Floats) -> Floats:
        ss = self.conv(condition)
        y = x * ss[: self.dim]
        if self.shift:
            y += ss[self.dim :]
        return y


def make_activation(spec: Activation) -> Act:
    """The activation as a float32 function of a (channels, samples) array."""
    name = spec.name
    if name == "Identity":
        return lambda z: z
    if name == "Tanh":
        return np.tanh
    if name == "Fasttanh":
        return _fast_tanh
    if name == "Hardtanh":
        return lambda z: np.clip(z, _F(-1.0), _F(1.0))
    if name == "ReLU":
        return lambda z: np.maximum(z, _F(0.0))
    if name == "LeakyReLU":
        return _prelu(np.asarray([[spec.negative_slope]], dtype=_F))
    if name == "PReLU":
        return _prelu(np.asarray(spec.negative_slopes, dtype=_F)[:, None])
    if name == "Sigmoid":
        return _sigmoid
    if name == "SiLU":
        return lambda z: z * _sigmoid(z)
    if name == "Hardswish":
        return _hardswish
    if name == "Softsign":
        return _softsign
    if name == "LeakyHardtanh":
        return _leaky_hardtanh(spec)
    raise ValueError(f"activation: {name} is not implemented")


def _prelu(slopes: Floats) -> Act:
    """Leaky ReLU with a negative slope per channel (row); one slope serves every row."""

    if np.all((slopes >= 0) & (slopes <= 1)):
        # for a slope in [0, 1], max(z, slope * z) is z above zero and slope * z below

        def apply(z: Floats) -> Floats:
            out: Floats = np.maximum(z, slopes * z)
            return out

        return apply

    def apply_any(z: Floats) -> Floats:
        out: Floats = np.where(z > 0, z, slopes * z)
        return out

    return apply_any


def _softsign(z: Floats) -> Floats:
    out: Floats = (z / (_F(1.0) + np.abs(z))).astype(_F, copy=False)
    return out


def _sigmoid(z: Floats) -> Floats:
    with np.errstate(over="ignore"):
        out: Floats = _F(1.0) / (_F(1.0) + np.exp(-z))
    return out


def _fast_tanh(z: Floats) -> Floats:
    ax = np.abs(z)
    x2 = z * z
    num = z * (
        _F(2.45550750702956)
        + _F(2.45550750702956) * ax
        + (_F(0.893229853513558) + _F(0.821226666969744) * ax) * x2
    )
    den = _F(2.44506634652299) + (_F(2.44506634652299) + x2) * np.abs(
        z + _F(0.814642734961073) * z * ax
    )
    out: Floats = num / den
    return out


def _hardswish(z: Floats) -> Floats:
    wide = z.astype(np.float64)
    out = np.where(wide <= -3.0, 0.0, np.where(wide >= 3.0, wide, wide * (wide + 3.0) / 6.0))
    return out.astype(_F)


def _leaky_hardtanh(spec: Activation) -> Act:
    lo, hi = _F(spec.min_val), _F(spec.max_val)
    lo_slope, hi_slope = _F(spec.min_slope), _F(spec.max_slope)

    def apply(z: Floats) -> Floats:
        below = (z - lo) * lo_slope + lo
        above = (z - hi) * hi_slope + hi
        out: Floats = np.where(z < lo, below, np.where(z > hi, above, z))
        return out

    return apply


@dataclass(frozen=True, slots=True)
class _Layer:
    conv: _Conv
    mixin: _Conv
    layer1x1: _Conv | None
    head1x1: _Conv | None
    films: dict[str, _Film]
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
    rechannel: _Conv
    layers: tuple[_Layer, ...]
    head: _Conv
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


def _read_array(w: _Weights, a: A2LayerArray) -> _LayerArray:
    rechannel = _Conv.read(w, a.input_size, a.channels, 1, 1, bias=False)
    layers = []
    cond, c, b = a.condition_size, a.channels, a.bottleneck
    for spec in a.layers:
        z = (1 if spec.gating_mode == "none" else 2) * b
        conv = _Conv.read(
            w, c, z, spec.kernel_size, a.groups_input, bias=True, dilation=spec.dilation
        )
        mixin = _Conv.read(w, cond, z, 1, a.groups_input_mixin, bias=False)
        layer1x1 = (
            _Conv.read(w, b, c, 1, a.layer1x1_groups, bias=True) if a.layer1x1_active else None
        )
        head1x1 = (
            _Conv.read(w, b, a.head1x1_out_channels, 1, a.head1x1_groups, bias=True)
            if a.head1x1_active
            else None
        )
        dims = {
            "conv_pre_film": c,
            "conv_post_film": z,
            "input_mixin_pre_film": cond,
            "input_mixin_post_film": z,
            "activation_pre_film": z,
            "activation_post_film": b,
            "layer1x1_post_film": c,
            "head1x1_post_film": a.head1x1_out_channels,
        }
        films = {name: _Film.read(w, film, cond, dims[name]) for name, film in a.films}
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
    head = _Conv.read(
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
        w = _Weights(model.weights)
        self.arrays = tuple(_read_array(w, a) for a in model.arrays)
        self.post: list[tuple[Act, _Conv]] = []
        if model.head is not None:
            act = make_activation(model.head.activation)
            for cin, cout, k in model.head.conv_shapes():
                self.post.append((act, _Conv.read(w, cin, cout, k, 1, bias=True)))
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
