"""The official WaveNet A1 forward, unblocked, in float64: what the engine must equal."""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from gts_nam import NamFile, WaveNetConfig
from gts_nam.layout import unpack_wavenet

ACTIVATIONS = {
    "Tanh": np.tanh,
    "Hardtanh": lambda z: np.clip(z, -1.0, 1.0),
    "ReLU": lambda z: np.maximum(z, 0.0),
    "Sigmoid": expit,
    "SiLU": lambda z: z * expit(z),
}


def direct_forward(nam: NamFile, x: np.ndarray) -> np.ndarray:
    """The official forward in float64 on the whole file: pad the input, convolve valid."""
    assert isinstance(nam.config, WaveNetConfig)
    w = unpack_wavenet(nam.config, nam.weights)
    n = x.size
    cond = np.concatenate([np.zeros(nam.receptive_field - 1), x.astype(np.float64)])
    src = cond[None, :]
    head: np.ndarray | None = None
    for cfg, arr in zip(nam.config.layers, w.arrays, strict=True):
        xs = arr.rechannel_w.astype(np.float64) @ src
        for d, lw in zip(cfg.dilations, arr.layers, strict=True):
            k = cfg.kernel_size
            length = xs.shape[1] - (k - 1) * d
            z = sum(
                lw.conv_w[:, :, tap].astype(np.float64) @ xs[:, tap * d : tap * d + length]
                for tap in range(k)
            )
            z = z + lw.conv_b[:, None] + lw.mixin_w.astype(np.float64) @ cond[None, -length:]
            act = ACTIVATIONS[cfg.activation]
            post = act(z[: cfg.channels]) * expit(z[cfg.channels :]) if cfg.gated else act(z)
            head = post if head is None else head[:, -length:] + post
            xs = xs[:, -length:] + lw.layer_w @ post + lw.layer_b[:, None]
        head = arr.head_w @ head + (0 if arr.head_b is None else arr.head_b[:, None])
        src = xs
    assert head is not None
    return (w.head_scale * head[0, -n:]).astype(np.float32)
