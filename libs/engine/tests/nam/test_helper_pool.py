"""A split's helpers without a long-lived pool: a process with one thread forks them from
itself (started at once, nothing to import); a threaded one leaves forking to the
forkserver. Either way they end with their owner."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

OWNER = textwrap.dedent(
    """
    import os, sys, threading, time
    from gts_engine.nam.parallel import helper_pool
    from gts_nam import parse_nam, synthesize_nam

    if __name__ == "__main__":
        if sys.argv[1] == "threaded":
            threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
        pool = helper_pool(1, parse_nam(synthesize_nam("nano", seed=1)))
        parent = pool.submit(os.getppid).result()
        print("forked" if parent == os.getpid() else "forkserver", flush=True)
        time.sleep(600)
    """
)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _alive(int(entry.name)):
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize(("threads", "started_by"), [("one", "forked"), ("threaded", "forkserver")])
def test_helpers_start_by_fork_only_from_one_thread_and_end_with_their_owner(
    tmp_path: Path, threads: str, started_by: str
) -> None:
    script = tmp_path / "owner.py"
    script.write_text(OWNER)
    owner = subprocess.Popen(
        [sys.executable, str(script), threads], stdout=subprocess.PIPE, text=True
    )
    left: list[int] = []
    try:
        assert owner.stdout is not None
        assert owner.stdout.readline().strip() == started_by
        left = _children(owner.pid)
        left += [pid for child in left for pid in _children(child)]
        assert left  # the helper (and, threaded, the forkserver and resource tracker)
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in left) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in left if _alive(pid)] == []
    finally:
        owner.kill()
        for pid in left:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
