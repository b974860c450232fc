"""WaveNet A1 weights rearranged for block inference: one im2col matmul per layer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gts_engine.arrays import Floats
from gts_engine.nam.activations import Activation, activation
from gts_engine.nam.wavenet_kernel import LayerKernel, compiles, layer_kernel
from gts_nam import WaveNetConfig
from gts_nam.layout import LayerArrayWeights, WaveNetLayerWeights, unpack_wavenet

# im2col rows: 0 = condition (the raw input), 1 = ones (bias), then tap-major channels.
COND_ROW = 0
ONES_ROW = 1
FIRST_TAP_ROW = 2


@dataclass(frozen=True, slots=True)
class LayerPlan:
    """One dilated layer: `w` maps an im2col row to z; `mix_w`, `mix_b` the layer 1x1."""

    dilation: int
    history: int  # samples of past input the taps read: (K - 1) * dilation
    w: Floats  # (Cz, 2 + K*C): [mixin | conv bias | tap 0 channels | ... | tap K-1 channels]
    mix_w: Floats  # (C, C + 1): [layer 1x1 | its bias], applied to [post; ones]


@dataclass(frozen=True, slots=True)
class ArrayPlan:
    """One layer array, its layers in order and its head rechannel."""

    channels: int
    kernel_size: int
    gated: bool
    act: Activation
    rechannel: Floats  # (C, in)
    layers: tuple[LayerPlan, ...]
    head_w: Floats  # (head, C)
    head_b: Floats | None  # (head, 1)
    kernel: LayerKernel | None  # the compiled layer for this shape, None: numpy's

    @property
    def im2col_rows(self) -> int:
        """Rows of this array's im2col matrix."""
        return FIRST_TAP_ROW + self.kernel_size * self.channels

    @property
    def conv_out(self) -> int:
        """Rows of z: 2 * channels when gated."""
        return 2 * self.channels if self.gated else self.channels


@dataclass(frozen=True, slots=True)
class WaveNetPlan:
    """A whole WaveNet: arrays in order and the output scale."""

    arrays: tuple[ArrayPlan, ...]
    head_scale: np.float32
    receptive_field: int


def _f32(a: npt.ArrayLike) -> Floats:
    return np.ascontiguousarray(a, dtype=np.float32)


def _layer_plan(lw: WaveNetLayerWeights, dilation: int, kernel_size: int) -> LayerPlan:
    cz, c, k = lw.conv_w.shape
    w = np.empty((cz, FIRST_TAP_ROW + k * c), dtype=np.float32)
    w[:, COND_ROW] = lw.mixin_w[:, 0]
    w[:, ONES_ROW] = lw.conv_b
    for tap in range(k):
        w[:, FIRST_TAP_ROW + tap * c : FIRST_TAP_ROW + (tap + 1) * c] = lw.conv_w[:, :, tap]
    mix_w = np.concatenate([lw.layer_w, lw.layer_b[:, None]], axis=1)
    return LayerPlan(
        dilation=dilation, history=(kernel_size - 1) * dilation, w=w, mix_w=_f32(mix_w)
    )


def _array_plan(weights: LayerArrayWeights, config_index: int, config: WaveNetConfig) -> ArrayPlan:
    a = config.layers[config_index]
    act = activation(a.activation)
    compiled = compiles(a.channels, a.kernel_size, a.gated, act)
    return ArrayPlan(
        channels=a.channels,
        kernel_size=a.kernel_size,
        gated=a.gated,
        act=act,
        rechannel=_f32(weights.rechannel_w),
        layers=tuple(
            _layer_plan(lw, d, a.kernel_size)
            for lw, d in zip(weights.layers, a.dilations, strict=True)
        ),
        head_w=_f32(weights.head_w),
        head_b=None if weights.head_b is None else _f32(weights.head_b[:, None]),
        kernel=layer_kernel(a.channels, a.kernel_size) if compiled else None,
    )


def plan_wavenet(config: WaveNetConfig, weights: Floats) -> WaveNetPlan:
    """Rearrange a validated WaveNet's flat weights for block inference."""
    unpacked = unpack_wavenet(config, weights)
    return WaveNetPlan(
        arrays=tuple(_array_plan(w, i, config) for i, w in enumerate(unpacked.arrays)),
        head_scale=np.float32(unpacked.head_scale),
        receptive_field=config.receptive_field,
    )
