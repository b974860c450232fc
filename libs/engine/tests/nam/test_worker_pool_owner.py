"""A worker pool does not outlive its owner: SIGKILL the process that made it (nothing runs
to shut the pool down) and its workers and their forkserver end too, instead of staying
behind for good."""

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
    import time
    from gts_engine.nam.parallel import warm_up, worker_pool

    if __name__ == "__main__":
        pool = worker_pool(2)
        warm_up(pool, 2)
        print("ready", flush=True)
        time.sleep(600)
    """
)


def _children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _command(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_owner_takes_its_workers_and_forkserver_with_it(tmp_path: Path) -> None:
    script = tmp_path / "owner.py"
    script.write_text(OWNER)
    owner = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    left: list[int] = []
    try:
        assert owner.stdout is not None
        assert owner.stdout.readline().strip() == "ready"
        helpers = _children(owner.pid)  # the forkserver and multiprocessing's resource tracker
        (forkserver,) = [pid for pid in helpers if b"forkserver" in _command(pid)]
        workers = _children(forkserver)
        assert len(workers) == 2
        left = [*helpers, *workers]

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
