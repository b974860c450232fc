"""Where each tensor lives in the flat weight list (the official exporter's order).

WaveNet A1, per layer array: rechannel (C, in); per dilation: conv (Cz, C, K) then its
bias (Cz), input mixin (Cz, cond), layer 1x1 (C, C) then its bias (C); head rechannel
(head, C) and, when head_bias, its bias (head). After the last array: the head scale.
LSTM, per layer: [W_ih | W_hh] (4H, I+H) with gates i, f, g, o; summed bias (4H);
initial h (H); initial c (H). Then the head weight (1, H) and bias (1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gts_nam.config import LstmConfig, WaveNetConfig

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class WaveNetLayerWeights:
    """One dilated layer: conv (Cz, C, K) + bias, mixin (Cz, cond), 1x1 (C, C) + bias."""

    conv_w: Floats
    conv_b: Floats
    mixin_w: Floats
    layer_w: Floats
    layer_b: Floats

    def tensors(self) -> tuple[Floats, ...]:
        """The tensors in file order."""
        return (self.conv_w, self.conv_b, self.mixin_w, self.layer_w, self.layer_b)


@dataclass(frozen=True, slots=True)
class LayerArrayWeights:
    """One layer array: rechannel (C, in), its layers, head rechannel (head, C) + bias."""

    rechannel_w: Floats
    layers: tuple[WaveNetLayerWeights, ...]
    head_w: Floats
    head_b: Floats | None

    def tensors(self) -> tuple[Floats, ...]:
        """The tensors in file order."""
        inner = tuple(t for layer in self.layers for t in layer.tensors())
        tail = (self.head_w,) if self.head_b is None else (self.head_w, self.head_b)
        return (self.rechannel_w, *inner, *tail)


@dataclass(frozen=True, slots=True)
class WaveNetWeights:
    """Every WaveNet tensor, shaped, plus the head scale read from the last weight."""

    arrays: tuple[LayerArrayWeights, ...]
    head_scale: float

    def flatten(self) -> Floats:
        """The flat weight list in file order."""
        parts = [t.ravel() for a in self.arrays for t in a.tensors()]
        parts.append(np.array([self.head_scale], dtype=np.float32))
        return np.concatenate(parts).astype(np.float32)


@dataclass(frozen=True, slots=True)
class LstmLayerWeights:
    """One LSTM layer: w (4H, I+H) = [W_ih | W_hh], summed bias (4H), initial h and c (H)."""

    w: Floats
    b: Floats
    h0: Floats
    c0: Floats


@dataclass(frozen=True, slots=True)
class LstmWeights:
    """Every LSTM tensor, shaped: the layers, then the head weight (H,) and bias."""

    layers: tuple[LstmLayerWeights, ...]
    head_w: Floats
    head_b: float

    def flatten(self) -> Floats:
        """The flat weight list in file order."""
        parts = [t.ravel() for layer in self.layers for t in (layer.w, layer.b, layer.h0, layer.c0)]
        parts += [self.head_w.ravel(), np.array([self.head_b], dtype=np.float32)]
        return np.concatenate(parts).astype(np.float32)


class _Cursor:
    """Reads consecutive tensors from the flat list."""

    def __init__(self, weights: Floats) -> None:
        self._weights = weights
        self._at = 0

    def take(self, *shape: int) -> Floats:
        size = int(np.prod(shape))
        out = self._weights[self._at : self._at + size].reshape(shape)
        if out.size != size:
            raise ValueError(f"weights: ran out at value {self._at:,}")
        self._at += size
        return out

    def done(self) -> bool:
        return self._at == self._weights.size


def unpack_wavenet(config: WaveNetConfig, weights: Floats) -> WaveNetWeights:
    """Split a validated WaveNet weight list into shaped (read-only view) tensors."""
    cur = _Cursor(weights)
    arrays = []
    for a in config.layers:
        c, cz = a.channels, a.conv_out
        rechannel = cur.take(c, a.input_size)
        layers = tuple(
            WaveNetLayerWeights(
                conv_w=cur.take(cz, c, a.kernel_size),
                conv_b=cur.take(cz),
                mixin_w=cur.take(cz, a.condition_size),
                layer_w=cur.take(c, c),
                layer_b=cur.take(c),
            )
            for _ in a.dilations
        )
        head_w = cur.take(a.head_size, c)
        head_b = cur.take(a.head_size) if a.head_bias else None
        arrays.append(LayerArrayWeights(rechannel, layers, head_w, head_b))
    head_scale = float(cur.take(1)[0])
    if not cur.done():
        raise ValueError("weights: more values than the config needs")
    return WaveNetWeights(arrays=tuple(arrays), head_scale=head_scale)


def unpack_lstm(config: LstmConfig, weights: Floats) -> LstmWeights:
    """Split a validated LSTM weight list into shaped (read-only view) tensors."""
    cur = _Cursor(weights)
    h = config.hidden_size
    layers = []
    for i in range(config.num_layers):
        inputs = config.input_size if i == 0 else h
        layers.append(
            LstmLayerWeights(
                w=cur.take(4 * h, inputs + h), b=cur.take(4 * h), h0=cur.take(h), c0=cur.take(h)
            )
        )
    head_w = cur.take(h)
    head_b = float(cur.take(1)[0])
    if not cur.done():
        raise ValueError("weights: more values than the config needs")
    return LstmWeights(layers=tuple(layers), head_w=head_w, head_b=head_b)
