"""The sandbox as a child process (the console script's code path) and the CLI's settings."""

from __future__ import annotations

import socket

import httpx
import pytest

from tone3000_sandbox import sandbox_process
from tone3000_sandbox.cli import parse_args


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_the_sandbox_runs_as_a_process_and_answers() -> None:
    with sandbox_process(free_port()) as running:
        health = httpx.get(f"{running.url}/_sandbox/health", timeout=5).json()
        assert health == {"ok": True, "users": 3, "tones": 40}
        assert httpx.get(f"{running.api_url}/user", timeout=5).status_code == 401


def test_the_command_line_takes_host_port_and_repeated_lists() -> None:
    args = parse_args(["--host", "0.0.0.0", "--port", "9000", "--client-id", "a",
                       "--client-id", "b", "--redirect-prefix", "https://x.example/"])  # fmt: skip
    assert (args.host, args.port, args.client_id) == ("0.0.0.0", 9000, ["a", "b"])
    assert args.redirect_prefix == ["https://x.example/"]
