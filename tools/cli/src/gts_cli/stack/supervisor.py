"""Keep the stack's children running: restart one that dies, with exponential back-off, and
give up (the caller stops the stack) only when one crashes too often in a short time."""

from __future__ import annotations

import signal
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from gts_cli.stack.processes import Child


@dataclass(frozen=True, slots=True)
class RestartPolicy:
    """When a child that died is restarted, and when the supervisor gives up.

    The wait before a restart is `backoff_seconds`, doubled for each earlier crash of that
    child within the last `window_seconds`, at most `backoff_max_seconds`. The
    `max_crashes`-th crash of one child within `window_seconds` is not restarted: the
    supervisor gives up instead.
    """

    max_crashes: int = 5
    window_seconds: float = 60.0
    backoff_seconds: float = 0.5
    backoff_max_seconds: float = 30.0

    def delay(self, crashes: int) -> float:
        """Seconds to wait before restarting after the `crashes`-th crash in the window."""
        return min(self.backoff_max_seconds, self.backoff_seconds * 2.0 ** max(0, crashes - 1))


class SupervisorGaveUpError(Exception):
    """A child crashed too often; the message names it, how often, and its last log line."""


class Supervisor:
    """Watches children by name; `check` once, or `run` until told to stop.

    A child whose `process` is None (never started, or stopped or killed on purpose through
    `Child.stop`/`Child.kill`) is left alone; one whose process exited is a crash.
    """

    def __init__(
        self,
        children: Mapping[str, Child],
        policy: RestartPolicy | None = None,
        say: Callable[[str], None] = print,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.children = children
        self.policy = policy or RestartPolicy()
        self.say = say
        self.clock = clock
        self._crashes: dict[str, deque[float]] = {}
        self._restart_at: dict[str, float] = {}

    def run(self, should_stop: Callable[[], bool], interval: float = 0.2) -> None:
        """Check every `interval` seconds until `should_stop()`; raises SupervisorGaveUpError."""
        while not should_stop():
            self.check()
            time.sleep(interval)

    def check(self) -> None:
        """Notice children that died, and restart those whose back-off has passed."""
        now = self.clock()
        for name, child in list(self.children.items()):
            due = self._restart_at.get(name)
            if due is not None:
                if now >= due:
                    del self._restart_at[name]
                    self._restart(name, child)
                continue
            code = child.exit_code
            if code is not None:
                self._crashed(name, child, code, now)

    def _crashed(self, name: str, child: Child, code: int, now: float) -> None:
        policy = self.policy
        crashes = self._crashes.setdefault(name, deque())
        crashes.append(now)
        while crashes and crashes[0] <= now - policy.window_seconds:
            crashes.popleft()
        why = f"{name} {describe_exit(code)}: {child.last_log_line()}"
        if len(crashes) >= policy.max_crashes:
            raise SupervisorGaveUpError(
                f"{name} crashed {len(crashes)} times within {policy.window_seconds:g} s; "
                f"last time it {describe_exit(code)}: {child.last_log_line()}"
            )
        delay = policy.delay(len(crashes))
        self._restart_at[name] = now + delay
        self.say(
            f"{why}; restarting in {delay:g} s (crash {len(crashes)} of "
            f"{policy.max_crashes} allowed within {policy.window_seconds:g} s)"
        )

    def _restart(self, name: str, child: Child) -> None:
        child.start()
        pid = child.process.pid if child.process is not None else "?"
        self.say(f"{name} restarted (pid {pid})")


def describe_exit(code: int) -> str:
    """`exited with 3` or `was killed by SIGKILL`, from a Popen return code."""
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with {code}"
