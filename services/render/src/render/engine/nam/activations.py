"""In-place activations, named as the .nam config names them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from scipy.special import expit

Floats = npt.NDArray[np.float32]
Activation = Callable[[Floats], None]


def _tanh(z: Floats) -> None:
    np.tanh(z, out=z)


def _hardtanh(z: Floats) -> None:
    np.clip(z, -1.0, 1.0, out=z)


def _relu(z: Floats) -> None:
    np.maximum(z, 0.0, out=z)


def _sigmoid(z: Floats) -> None:
    expit(z, out=z)


def _silu(z: Floats) -> None:
    z *= expit(z)


ACTIVATIONS: dict[str, Activation] = {
    "Tanh": _tanh,
    "Hardtanh": _hardtanh,
    "ReLU": _relu,
    "Sigmoid": _sigmoid,
    "SiLU": _silu,
}


def activation(name: str) -> Activation:
    """The in-place activation called `name` (validated by gts_nam beforehand)."""
    return ACTIVATIONS[name]
