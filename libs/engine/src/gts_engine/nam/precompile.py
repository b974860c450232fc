"""Compile the A1 layer for every preset's shapes now, so no render waits on numba later.

`make setup` runs this: the first time on a machine it takes about 20 s (the 16-channel
layer most of it); afterwards it finds every object on disk and returns at once.
Run: python -m gts_engine.nam.precompile
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from gts_engine.nam.activations import activation
from gts_engine.nam.parallel import default_workers
from gts_engine.nam.wavenet_kernel import compiles, layer_kernel
from gts_nam import WAVENET_PRESETS


def preset_shapes() -> list[tuple[int, int]]:
    """(channels, kernel size) of every compiled layer array of the A1 presets, widest first."""
    shapes = {
        (a.channels, a.kernel_size)
        for preset in WAVENET_PRESETS.values()
        for a in preset.layers
        if compiles(a.channels, a.kernel_size, a.gated, activation(a.activation))
    }
    return sorted(shapes, reverse=True)


def _load(shape: tuple[int, int]) -> None:
    layer_kernel(*shape)


def main() -> None:
    """Compile (or find) every preset shape's layer, in parallel across the cores."""
    with ProcessPoolExecutor(max_workers=default_workers()) as pool:
        list(pool.map(_load, preset_shapes()))


if __name__ == "__main__":
    main()
