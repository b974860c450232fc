"""`gts up` fails with a one-line cause, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
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
