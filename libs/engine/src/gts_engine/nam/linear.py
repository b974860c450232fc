"""NAM `Linear` inference: an FIR filter of the file's taps plus a bias.

y[n] = bias + sum_k taps[k] * x[n - k], with zero input before the first sample (NAM
Core's reading, NAM/linear.cpp). Short filters run as a direct convolution, long ones
through the FFT; both sum in float64 and round once to float32.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from gts_engine.arrays import Floats
from gts_nam import LinearConfig
from gts_nam.layout_other import unpack_linear

# Up to this many taps a direct convolution is faster than the FFT.
DIRECT_TAPS = 64


def linear_block(receptive_field: int) -> int:
    """Samples per block: at least 64k, and at least four filter lengths."""
    return max(1 << 16, 1 << (4 * receptive_field - 1).bit_length())


class LinearStream:
    """Feeds a Linear block by block, keeping the last receptive_field - 1 input samples."""

    def __init__(self, config: LinearConfig, weights: Floats) -> None:
        unpacked = unpack_linear(config, weights)
        self._taps = unpacked.taps.astype(np.float64)
        self._bias = unpacked.bias
        self._history = np.zeros(config.receptive_field - 1, np.float64)
        self._spectra: dict[int, npt.NDArray[np.complex128]] = {}

    def process_block(self, u: Floats, y: Floats) -> None:
        """Run the samples `u` into `y` (both float32, same length), continuing the history."""
        n = u.shape[0]
        if n == 0:
            return
        h = self._history.shape[0]
        seg = np.concatenate([self._history, u.astype(np.float64)])
        if self._taps.shape[0] <= DIRECT_TAPS:
            out = np.convolve(seg, self._taps, mode="valid")
        else:
            out = self._fft_valid(seg)[h : h + n]
        out += self._bias
        y[:] = out
        if h:
            self._history = seg[-h:].copy()

    def _fft_valid(self, seg: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The circular convolution of `seg` with the taps, of a length that leaves every
        output from index receptive_field - 1 on free of wrap-around."""
        size = 1 << (seg.shape[0] - 1).bit_length()
        spectrum = self._spectra.get(size)
        if spectrum is None:
            spectrum = np.fft.rfft(self._taps, size)
            self._spectra[size] = spectrum
        out: npt.NDArray[np.float64] = np.fft.irfft(np.fft.rfft(seg, size) * spectrum, size)
        return out
