"""Settings of the render service, from `GTS_` environment variables."""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path

from gts_kit.settings import ServiceSettings


def available_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class Settings(ServiceSettings, kw_only=True, frozen=True):
    """What the render service reads at start-up.

    `render_concurrency`: jobs rendered at once (0: one per core). `render_cache_dir`: where
    fetched blobs and job scratch folders live (empty: a folder under the system temp dir);
    `render_cache_max_mb`: how much of it fetched blobs may fill before the least recently
    used go.
    `render_ack_wait_seconds`: how long a job may go without a heartbeat before NATS hands
    it to another replica. `render_max_deliver`: deliveries of one command before it is
    dead-lettered as failed. `render_worker_name`: this replica's name in started events.
    `render_budget_factor`: scales every job's wall-clock budget (see render.jobs.budget);
    a job past its budget fails without redelivery.
    """

    render_concurrency: int = 0
    render_cache_dir: str = ""
    render_cache_max_mb: int = 4096
    render_ack_wait_seconds: float = 30.0
    render_max_deliver: int = 4
    render_worker_name: str = ""
    render_budget_factor: float = 1.0

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.render_concurrency < 0:
            raise ValueError("render_concurrency: must be 0 (one per core) or more")
        if self.render_cache_max_mb < 64:
            raise ValueError("render_cache_max_mb: must be at least 64")
        if not 3.0 <= self.render_ack_wait_seconds <= 600.0:
            raise ValueError("render_ack_wait_seconds: must be between 3 and 600 seconds")
        if not 1 <= self.render_max_deliver <= 100:
            raise ValueError("render_max_deliver: must be between 1 and 100")
        if not 0.0 < self.render_budget_factor <= 1000.0:
            raise ValueError("render_budget_factor: must be more than 0 and at most 1000")

    @property
    def concurrency(self) -> int:
        """Jobs this replica renders at once."""
        return self.render_concurrency or available_cores()

    @property
    def cache_dir(self) -> Path:
        """The folder for fetched blobs and scratch output."""
        if self.render_cache_dir:
            return Path(self.render_cache_dir)
        return Path(tempfile.gettempdir()) / "gts-render"

    @property
    def worker_name(self) -> str:
        """This replica's name: the setting, else host name, port and process id."""
        return self.render_worker_name or f"{socket.gethostname()}:{self.port}:{os.getpid()}"
