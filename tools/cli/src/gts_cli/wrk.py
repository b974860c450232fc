"""Drive `wrk`, a real HTTP load generator in its own process, and read its figures."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.M)


class WrkMissingError(Exception):
    """wrk is not installed."""


@dataclass(frozen=True)
class LoadFigures:
    """One run: requests per second, latency percentiles (ms), requests and failures counted."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    errors: int


def wrk_binary() -> str:
    """The wrk executable, or WrkMissingError naming how to get it."""
    path = shutil.which("wrk")
    if path is None:
        raise WrkMissingError("wrk is not installed: apt-get install wrk (Debian's package)")
    return path


def run_wrk(
    url: str,
    *,
    connections: int,
    seconds: float,
    headers: dict[str, str],
    method: str = "GET",
    paths: list[str] | None = None,
) -> LoadFigures:
    """Load `url` with `connections` connections for `seconds` seconds.

    With `paths`, each request takes the next path of the list (round robin), e.g. to POST to
    many resources.
    """
    command = [
        wrk_binary(),
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout", "5s",
        "--latency",
    ]  # fmt: skip
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "requests.lua"
        script.write_text(_script(method, paths))
        command += ["-s", str(script), url]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 30, check=True
        )
    return parse(done.stdout)


def _script(method: str, paths: list[str] | None) -> str:
    quoted = ", ".join(f'"{p}"' for p in (paths or []))
    return f"""
wrk.method = "{method}"
local paths = {{{quoted}}}
local counter = 0
request = function()
  if #paths == 0 then return wrk.format(nil, nil) end
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end
"""


def parse(output: str) -> LoadFigures:
    """Figures from wrk's text report."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    latency = {p: float(v) * UNITS[u] for p, v, u in LATENCY.findall(output)}
    if rate is None or total is None or "50" not in latency or "99" not in latency:
        raise ValueError(f"unexpected wrk output: {output[:300]}")
    return LoadFigures(
        requests_per_second=float(rate.group(1)),
        p50_ms=latency["50"],
        p99_ms=latency["99"],
        requests=int(total.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )
