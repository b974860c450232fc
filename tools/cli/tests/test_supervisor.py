"""The stack's supervisor with real child processes: restart, back-off, giving up."""

from __future__ import annotations

import itertools
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gts_cli.stack.processes import Child
from gts_cli.stack.supervisor import RestartPolicy, Supervisor, SupervisorGaveUpError

# Each start appends its wall-clock time to the file named by argv[1], then the child
# sleeps (argv[2] == "sleep") or exits with 3 at once (a service that crashes on start).
_CHILD = """
import sys, time
with open(sys.argv[1], "a") as starts:
    starts.write(f"{time.time()}\\n")
print("started", flush=True)
if sys.argv[2] == "sleep":
    time.sleep(600)
raise SystemExit(3)
"""


def child(tmp_path: Path, mode: str) -> Child:
    """A real process that logs its starts to tmp_path/starts."""
    argv = [sys.executable, "-c", _CHILD, str(tmp_path / "starts"), mode]
    return Child("worker", argv, {}, tmp_path / "worker.log")


def starts(tmp_path: Path) -> list[float]:
    """Wall-clock times (s) at which the child started, in order."""
    path = tmp_path / "starts"
    return [float(line) for line in path.read_text().split()] if path.exists() else []


def wait_for(condition: Callable[[], bool], within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"not within {within} s")


def supervise(sup: Supervisor, stop: threading.Event) -> list[BaseException]:
    """Run `sup` in a thread until `stop`; the returned list receives what it raised."""
    raised: list[BaseException] = []

    def loop() -> None:
        try:
            sup.run(stop.is_set, interval=0.05)
        except BaseException as exc:
            raised.append(exc)

    threading.Thread(target=loop, daemon=True).start()
    return raised


def test_a_killed_child_is_restarted_and_the_log_says_why(tmp_path: Path) -> None:
    worker = child(tmp_path, "sleep")
    worker.start()
    lines: list[str] = []
    sup = Supervisor({"worker": worker}, RestartPolicy(backoff_seconds=0.1), say=lines.append)
    stop = threading.Event()
    raised = supervise(sup, stop)
    try:
        wait_for(lambda: len(starts(tmp_path)) == 1, 30)
        assert worker.process is not None
        first_pid = worker.process.pid
        os.killpg(first_pid, signal.SIGKILL)
        wait_for(lambda: len(starts(tmp_path)) == 2, 30)
        assert worker.alive
        assert worker.process is not None
        second_pid = worker.process.pid
        assert second_pid != first_pid
    finally:
        stop.set()
        worker.stop(timeout=2)
    assert raised == []
    assert lines[0].startswith("worker was killed by SIGKILL: started; restarting in 0.1 s")
    assert lines[1] == f"worker restarted (pid {second_pid})"


def test_back_off_doubles_with_each_crash_then_it_gives_up(tmp_path: Path) -> None:
    worker = child(tmp_path, "crash")
    worker.start()
    lines: list[str] = []
    policy = RestartPolicy(max_crashes=4, window_seconds=60, backoff_seconds=0.4)
    sup = Supervisor({"worker": worker}, policy, say=lines.append)
    with pytest.raises(SupervisorGaveUpError) as gave_up:
        sup.run(lambda: False, interval=0.05)
    times = starts(tmp_path)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # three restarts after waits of 0.4, 0.8 and 1.6 s; the fourth crash is not restarted
    assert len(times) == 4
    assert [g >= d for g, d in zip(gaps, (0.4, 0.8, 1.6), strict=True)] == [True] * 3
    assert [line.split("restarting in ")[1].split(" s")[0] for line in lines[::2]] == [
        "0.4", "0.8", "1.6"
    ]  # fmt: skip
    assert str(gave_up.value) == (
        "worker crashed 4 times within 60 s; last time it exited with 3: started"
    )
    time.sleep(0.5)
    assert len(starts(tmp_path)) == 4


def test_crashes_further_apart_than_the_window_never_give_up(tmp_path: Path) -> None:
    worker = child(tmp_path, "crash")
    worker.start()
    policy = RestartPolicy(max_crashes=2, window_seconds=0.3, backoff_seconds=0.5)
    sup = Supervisor({"worker": worker}, policy, say=lambda _line: None)
    deadline = time.monotonic() + 30
    sup.run(lambda: len(starts(tmp_path)) >= 4 or time.monotonic() > deadline, interval=0.05)
    worker.stop(timeout=2)
    assert len(starts(tmp_path)) >= 4


def test_a_child_stopped_on_purpose_is_left_alone(tmp_path: Path) -> None:
    worker = child(tmp_path, "sleep")
    worker.start()
    sup = Supervisor({"worker": worker}, RestartPolicy(backoff_seconds=0.05), say=print)
    wait_for(lambda: len(starts(tmp_path)) == 1, 30)
    worker.stop(timeout=2)
    for _ in range(5):
        sup.check()
        time.sleep(0.1)
    assert worker.process is None
    assert len(starts(tmp_path)) == 1
