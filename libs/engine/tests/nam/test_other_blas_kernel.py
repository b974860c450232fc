"""The engine's numeric guarantees hold under OpenBLAS's Haswell kernel, whatever kernel
this CPU picks by itself: the next machine may be another CPU (every x86-64 with AVX2
can run the Haswell kernel)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

NAM_TESTS = Path(__file__).parent
ROOT = NAM_TESTS.parents[3]
KERNEL = "Haswell"


def _has_avx2() -> bool:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return any(line.startswith("flags") and " avx2" in line for line in cpuinfo.splitlines())


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=280
    )


@pytest.mark.slow
def test_nam_suites_pass_under_the_haswell_kernel() -> None:
    if os.environ.get("OPENBLAS_CORETYPE") == KERNEL:
        pytest.skip(f"this run already uses the {KERNEL} kernel")
    if platform.machine() not in ("x86_64", "AMD64") or not _has_avx2():
        pytest.skip(f"the {KERNEL} kernel needs an x86-64 CPU with AVX2")
    env = {**os.environ, "OPENBLAS_CORETYPE": KERNEL}
    probe = _run(
        [
            "-c",
            "import numpy, threadpoolctl; "
            "print(*{i.get('architecture') for i in threadpoolctl.threadpool_info()})",
        ],
        env,
    )
    assert probe.stdout.split() == [KERNEL], probe.stderr
    suite = _run(["-m", "pytest", "-p", "no:cacheprovider", "-q", "-x", str(NAM_TESTS)], env)
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]
    assert " passed" in suite.stdout.splitlines()[-1]
