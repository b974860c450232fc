"""A worker pool does not outlive its owner: SIGKILL the process that made it (nothing runs
to shut the pool down) and its workers and their forkserver end too, instead of staying
behind for good. A split's helpers (no long-lived pool) are forked by a caller with one
thread, started by the forkserver for a threaded one, and end with their owner either way."""

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

HELPERS_OWNER = textwrap.dedent(
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


def _start(script: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(script), *args], stdout=subprocess.PIPE, text=True)


def _kill_owner_and_check(owner: subprocess.Popen[str], left: list[int]) -> None:
    """SIGKILL `owner`; every process of `left` must end within 30 s."""
    os.kill(owner.pid, signal.SIGKILL)
    owner.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in left) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in left if _alive(pid)] == []


def _clean_up(owner: subprocess.Popen[str], left: list[int]) -> None:
    owner.kill()
    for pid in left:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_a_killed_owner_takes_its_workers_and_forkserver_with_it(tmp_path: Path) -> None:
    script = tmp_path / "owner.py"
    script.write_text(OWNER)
    owner = _start(script)
    left: list[int] = []
    try:
        assert owner.stdout is not None
        assert owner.stdout.readline().strip() == "ready"
        helpers = _children(owner.pid)  # the forkserver and multiprocessing's resource tracker
        (forkserver,) = [pid for pid in helpers if b"forkserver" in _command(pid)]
        workers = _children(forkserver)
        assert len(workers) == 2
        left = [*helpers, *workers]
        _kill_owner_and_check(owner, left)
    finally:
        _clean_up(owner, left)


@pytest.mark.parametrize(("threads", "started_by"), [("one", "forked"), ("threaded", "forkserver")])
def test_split_helpers_fork_only_from_one_thread_and_end_with_their_owner(
    tmp_path: Path, threads: str, started_by: str
) -> None:
    script = tmp_path / "owner.py"
    script.write_text(HELPERS_OWNER)
    owner = _start(script, threads)
    left: list[int] = []
    try:
        assert owner.stdout is not None
        assert owner.stdout.readline().strip() == started_by
        left = _children(owner.pid)  # the helper (threaded: the forkserver, resource tracker)
        left += [pid for child in left for pid in _children(child)]
        assert left
        _kill_owner_and_check(owner, left)
    finally:
        _clean_up(owner, left)
