"""The engine's array types, both float32: `Audio` for samples (frames, or frames x
channels) and `Floats` for a model's weights, states and work buffers."""

import numpy as np
import numpy.typing as npt

Audio = npt.NDArray[np.float32]
Floats = npt.NDArray[np.float32]
