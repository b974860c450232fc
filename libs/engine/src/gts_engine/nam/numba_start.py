"""numba's CPU target, started without its scipy BLAS probe when nothing has loaded scipy.

Starting the target (on a process's first compile or cache load) imports scipy.linalg, with
its own OpenBLAS, only to learn whether compiled code may call `np.dot`: about 0.2 s of a
120 s `gts nam` LSTM run. GTS's kernels call no BLAS. Where scipy.linalg is loaded already
the probe costs nothing and runs as usual; in a process started here, numba's `np.dot`
inside compiled code is unavailable (everything else works). Should numba's internals move,
this does nothing and the probe runs.
"""

from __future__ import annotations

import sys

from numba.core.registry import cpu_target
from numba.np import linalg

_started = False


def start_numba() -> None:
    """Load numba's implementations now, once per process, skipping the probe if it would
    import scipy.linalg."""
    global _started
    if _started:
        return
    _started = True
    probe = getattr(linalg, "ensure_blas", None)
    if "scipy.linalg" in sys.modules or probe is None or "numba.np.arraymath" in sys.modules:
        return

    def unavailable() -> None:
        raise ImportError("numba's BLAS probe skipped: GTS's kernels call no BLAS")

    linalg.ensure_blas = unavailable
    try:
        cpu_target.target_context.refresh()
    finally:
        linalg.ensure_blas = probe
