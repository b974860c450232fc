"""A worker process that ends with the process that started its pool.

A pool's owner that is SIGKILLed (a crash, `kill -9`, the OOM killer) stops nothing: its
workers would wait for work forever, and the forkserver that forked them waits on them (they
hold its liveness pipe), so each crash would leave a forkserver and its workers behind, a few
hundred MB each. A worker watches its owner instead and exits as soon as it is gone.
"""

from __future__ import annotations

import os
import select
import threading
import time

# How often a worker looks for its owner where it cannot wait on a pidfd (not Linux 5.3+).
POLL_SECONDS = 1.0


def exit_with(owner: int) -> None:
    """From now on, end this process (at once, status 1) when process `owner` ends."""
    try:
        pidfd = os.pidfd_open(owner)
    except ProcessLookupError:
        os._exit(1)  # the owner is gone already
    except (AttributeError, OSError):
        threading.Thread(target=_poll, args=(owner,), name="gts-owner", daemon=True).start()
        return
    threading.Thread(target=_wait, args=(pidfd,), name="gts-owner", daemon=True).start()


def _wait(pidfd: int) -> None:
    select.select([pidfd], [], [])  # readable once the process has ended
    os._exit(1)


def _poll(owner: int) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            os._exit(1)
