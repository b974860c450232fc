"""Waiting for a child process of the stack to answer on a URL."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

from gts_cli.stack.errors import StackError
from gts_cli.stack.processes import Child

READY_TIMEOUT_SECONDS = 60.0


def wait_for_url(
    child: Child, url: str, deadline: float | None = None, *, accept_any: bool = False
) -> None:
    """Return once `url` answers 200 (any status below 500 with `accept_any`); raise a
    StackError when the child exits or the deadline (monotonic seconds; by default
    READY_TIMEOUT_SECONDS from now) passes first."""
    deadline = deadline or time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if not child.alive:
            raise StackError(f"{child.name} exited: {child.last_log_line()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as exc:
            if accept_any and exc.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise StackError(f"{child.name} not ready in time: {child.last_log_line()}")
