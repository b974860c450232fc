"""In-place activations, named as the .nam config names them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gts_engine.arrays import Floats

Activation = Callable[[Floats], None]


def sigmoid_inplace(z: Floats) -> None:
    """Logistic sigmoid in place, as 0.5 + 0.5 tanh(z / 2): no overflow, numpy-only (worker
    processes stay light without scipy), within 1e-7 of torch.sigmoid."""
    z *= np.float32(0.5)
    np.tanh(z, out=z)
    z *= np.float32(0.5)
    z += np.float32(0.5)


def _tanh(z: Floats) -> None:
    np.tanh(z, out=z)


def _hardtanh(z: Floats) -> None:
    np.clip(z, -1.0, 1.0, out=z)


def _relu(z: Floats) -> None:
    np.maximum(z, 0.0, out=z)


def _silu(z: Floats) -> None:
    gate = z.copy()
    sigmoid_inplace(gate)
    z *= gate


ACTIVATIONS: dict[str, Activation] = {
    "Tanh": _tanh,
    "Hardtanh": _hardtanh,
    "ReLU": _relu,
    "Sigmoid": sigmoid_inplace,
    "SiLU": _silu,
}


def activation(name: str) -> Activation:
    """The in-place activation called `name` (validated by gts_nam beforehand)."""
    return ACTIVATIONS[name]
