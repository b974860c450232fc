"""LSTM inference from the initial states stored in the file."""

from __future__ import annotations

import numpy as np

from gts_engine.arrays import Floats
from gts_engine.nam.lstm_kernel import lstm_kernel
from gts_nam import LstmConfig
from gts_nam.layout import unpack_lstm

# Samples per kernel call: bounds the time between progress reports, not the result.
LSTM_CHUNK = 1 << 16


class LstmWeightsPacked:
    """An LSTM's tensors stacked for the compiled loop."""

    def __init__(self, config: LstmConfig, weights: Floats) -> None:
        unpacked = unpack_lstm(config, weights)
        hid, layers = config.hidden_size, config.num_layers
        w = np.zeros((layers, 4 * hid, 2 * hid), np.float32)
        self.b = np.zeros((layers, 4 * hid), np.float32)
        self.h0 = np.zeros((layers, hid), np.float32)
        self.c0 = np.zeros((layers, hid), np.float32)
        self.w_in = np.array(unpacked.layers[0].w[:, 0], np.float32)
        for i, layer in enumerate(unpacked.layers):
            if i == 0:
                w[i, :, hid:] = layer.w[:, config.input_size :]
            else:
                w[i] = layer.w
            self.b[i] = layer.b
            self.h0[i] = layer.h0
            self.c0[i] = layer.c0
        # The sigmoid gates (i, f, o) are stored halved: the kernel takes sigmoid(2v) as
        # 0.5 + 0.5 tanh(v), one multiply less on its critical path (exact: a power of 2).
        halve = np.ones(4 * hid, np.float32)
        halve[: 2 * hid] = halve[3 * hid :] = 0.5
        self.w_in *= halve
        self.b *= halve
        w *= halve[:, None]
        # Transposed: the loop adds one contiguous column of gates per input value.
        self.wt = np.ascontiguousarray(w.transpose(0, 2, 1))
        self.head_w = np.ascontiguousarray(unpacked.head_w)
        self.head_b = unpacked.head_b
        self.kernel = lstm_kernel(hid, layers)


class LstmStream:
    """Feeds an LSTM chunk by chunk, carrying its hidden and cell states."""

    def __init__(self, packed: LstmWeightsPacked) -> None:
        self._p = packed
        self._h = packed.h0.copy()
        self._c = packed.c0.copy()

    def process_block(self, u: Floats, y: Floats) -> None:
        """Run the samples `u` into `y` (both float32, same length)."""
        p = self._p
        p.kernel(u, (p.w_in, p.wt, p.b, self._h, self._c, p.head_w), p.head_b, y)
