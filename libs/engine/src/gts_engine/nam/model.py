"""AmpModel: a loaded .nam model that turns a whole mono file into its output."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from gts_engine.arrays import Floats
from gts_nam import ConvNetConfig, LinearConfig, LstmConfig, NamFile, WaveNetConfig
from gts_nam.a2_config import A2Config
from gts_nam.cost import model_cost

# Each architecture's modules load with its first model: an A2 or LSTM run (and its worker
# processes) does not pay for the A1 kernels' imports, nor an A1 run for the LSTM's.
if TYPE_CHECKING:
    from gts_engine.nam.convnet import ConvNetRunner
    from gts_engine.nam.lstm import LstmWeightsPacked
    from gts_engine.nam.wavenet_a2 import A2WaveNetRunner
    from gts_engine.nam.wavenet_plan import WaveNetPlan


# Multiply-adds one LSTM kernel call may run (about a second on a slow core).
LSTM_CHUNK_WORK = 1 << 28


class Stream(Protocol):
    """A model's running state: feeds consecutive blocks of input."""

    def process_block(self, u: Floats, y: Floats) -> None:
        """Run the samples `u` into `y` (both float32, same length, at most one block)."""


class AmpModel:
    """A .nam model ready to run: WaveNet (A1 or A2), ConvNet and Linear in blocks, LSTM
    sample by sample."""

    def __init__(self, nam: NamFile, block: int | None = None) -> None:
        self.sample_rate: int = nam.sample_rate
        self.receptive_field: int = nam.receptive_field
        self.sha256: str = nam.sha256
        self._wavenet: WaveNetPlan | None = None
        self._lstm: LstmWeightsPacked | None = None
        self._a2: A2WaveNetRunner | None = None
        self._convnet: ConvNetRunner | None = None
        self._linear: LinearConfig | None = None
        self._weights = nam.weights
        if isinstance(nam.config, LinearConfig):
            from gts_engine.nam.linear import linear_block

            self._linear = nam.config
            self.block = block or linear_block(nam.config.receptive_field)
        elif isinstance(nam.config, ConvNetConfig):
            from gts_engine.nam.convnet import CONVNET_BLOCK, ConvNetRunner

            self._convnet = ConvNetRunner(nam.config, nam.weights)
            self.block = block or CONVNET_BLOCK
        elif isinstance(nam.config, A2Config):
            from gts_engine.nam.a2_fast import a2_block
            from gts_engine.nam.wavenet_a2 import A2WaveNetRunner

            # the submodel the config's slim value selects (the largest by default)
            self._a2 = A2WaveNetRunner(nam.config.selected)
            self.block = block or a2_block(nam.config.selected)
        elif isinstance(nam.config, WaveNetConfig):
            from gts_engine.nam.wavenet import default_block
            from gts_engine.nam.wavenet_plan import plan_wavenet

            self._wavenet = plan_wavenet(nam.config, nam.weights)
            self.block = block or default_block(self._wavenet)
        elif isinstance(nam.config, LstmConfig):
            # numba, slow to import, loads only for an LSTM model
            from gts_engine.nam.lstm import LSTM_CHUNK, LstmWeightsPacked

            self._lstm = LstmWeightsPacked(nam.config, nam.weights)
            # one kernel call runs at most ~LSTM_CHUNK_WORK multiply-adds, so a cancel
            # check (between blocks) is never more than about a second away
            per_sample = model_cost(nam.config).multiply_adds_per_sample
            self.block = block or max(1024, min(LSTM_CHUNK, LSTM_CHUNK_WORK // per_sample))
        else:  # pragma: no cover - parse_nam admits nothing else
            raise TypeError(f"config: unsupported {type(nam.config).__name__}")

    def stream(self, tick: Callable[[], None] | None = None, *, prime: bool = True) -> Stream:
        """A fresh running state: zero history (WaveNet) or the stored initial states (LSTM).

        `tick()` runs after each block of a WaveNet's silence run (see WaveNetStream).
        `prime=False` lets a WaveNet (A1 or A2) skip that silence run when the caller drops
        the first receptive_field - 1 outputs anyway (a split's warm-up)."""
        if self._wavenet is not None:
            from gts_engine.nam.wavenet import WaveNetStream

            return WaveNetStream(self._wavenet, self.block, prime=prime, tick=tick)
        if self._a2 is not None:
            from gts_engine.nam.a2_fast import A2FastStream, supports
            from gts_engine.nam.wavenet_a2 import A2Stream

            if supports(self._a2.model):
                return A2FastStream(self._a2, self.block, prime=prime)
            return A2Stream(self._a2, prime=prime)
        if self._convnet is not None:
            from gts_engine.nam.convnet import ConvNetStream

            return ConvNetStream(self._convnet)
        if self._linear is not None:
            from gts_engine.nam.linear import LinearStream

            return LinearStream(self._linear, self._weights)
        assert self._lstm is not None
        from gts_engine.nam.lstm import LstmStream

        return LstmStream(self._lstm)

    def process(self, x: npt.ArrayLike, progress: Callable[[float], None] | None = None) -> Floats:
        """Mono float32 at the model's rate in, the same length out (zero history before).

        `progress` receives the fraction done (0..1) after each block, and 0 after each
        block of a WaveNet's silence run before the first (a cancel check may raise from
        it: no block is long, see the model cost limits in gts_nam.cost). BLAS runs on one
        thread: the matrices are small, and more threads only contend (split files
        across processes instead).
        """
        u = np.ascontiguousarray(x, dtype=np.float32).reshape(-1)
        y = np.empty_like(u)
        n = u.shape[0]
        with threadpool_limits(limits=1, user_api="blas"):
            stream = self.stream(None if progress is None else lambda: progress(0.0))
            for start in range(0, n, self.block):
                stop = min(start + self.block, n)
                stream.process_block(u[start:stop], y[start:stop])
                if progress is not None:
                    progress(stop / n)
        return y


def load_model(nam: NamFile, block: int | None = None) -> AmpModel:
    """Prepare a parsed .nam for inference; `block` is the block length in samples."""
    return AmpModel(nam, block)
