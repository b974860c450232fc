"""`gts up` fails with a one-line cause, never a traceback, and keeps the stack up."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from gts_kit.local.ports import free_port

GTS = str(Path(sys.executable).parent / "gts")


def run_up(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GTS_")}
    return subprocess.run(
        [GTS, "up", "--home", str(tmp_path / "home")],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_gateway_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_up(tmp_path, GTS_GATEWAY_PORT=str(port))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"gts up: port {port} is already in use (set GTS_GATEWAY_PORT to use another)"
    )
    assert "Traceback" not in result.stderr


def test_failed_migration_is_one_line(tmp_path: Path, nats_url: str) -> None:
    dead_db = f"postgresql://postgres@127.0.0.1:{free_port()}/gts"
    result = run_up(
        tmp_path,
        GTS_GATEWAY_PORT=str(free_port()),
        GTS_DATABASE_URL=dead_db,
        GTS_NATS_URL=nats_url,
        GTS_TONE3000_URL="http://127.0.0.1:9/api/v1",
    )
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("gts up: migration of ")
    assert "failed" in last
    assert "Traceback" not in result.stderr


def test_bad_gateway_port_setting_is_one_line(tmp_path: Path) -> None:
    result = run_up(tmp_path, GTS_GATEWAY_PORT="eighty")
    assert result.returncode == 2
    assert result.stderr.strip() == "gts up: GTS_GATEWAY_PORT must be a port number"


def child_running(parent: int, program: str) -> int:
    """The pid of `parent`'s child process whose command line names `program`."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and any(arg.endswith(program.encode()) for arg in argv):
            return int(entry.name)
    raise AssertionError(f"no {program} under pid {parent}")


def wait_line(lines: list[str], wanted: Callable[[str], bool], within: float) -> str:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        found = [line for line in list(lines) if wanted(line)]
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no such line within {within:.0f} s: {lines[-5:]}")


def test_a_service_killed_under_gts_up_is_restarted_and_the_stack_stays_up(
    tmp_path: Path,
) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GTS_")}
    up = subprocess.Popen(
        [GTS, "up", "--home", str(tmp_path / "home")],
        env={**clean, "GTS_GATEWAY_PORT": str(free_port())},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    assert up.stdout is not None
    reader = threading.Thread(target=lambda: lines.extend(up.stdout or ()), daemon=True)
    reader.start()
    try:
        wait_line(lines, lambda line: line.startswith("GTS is up at "), 180)
        render = child_running(up.pid, "gts-render")
        os.kill(render, signal.SIGKILL)
        killed = wait_line(lines, lambda line: "render was killed by SIGKILL" in line, 30)
        assert "restarting in 0.5 s (crash 1 of 5 allowed within 60 s)" in killed
        wait_line(lines, lambda line: line.startswith("gts: render restarted (pid "), 30)
        time.sleep(1.0)
        assert up.poll() is None  # the rest of the stack stayed up
        assert child_running(up.pid, "gts-render") != render
    finally:
        up.send_signal(signal.SIGTERM)
        code = up.wait(timeout=120)
    reader.join(timeout=10)
    assert code == 0, lines[-5:]
