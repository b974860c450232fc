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
    header_sets: list[dict[str, str]] | None = None,
) -> LoadFigures:
    """Load `url` with `connections` connections for `seconds` seconds.

    With `paths`, each request takes the next path of the list (round robin), e.g. to POST to
    many resources. With `header_sets`, each request adds the next set and no set is sent
    twice (the threads take turns through the list; past its end requests go out without
    one), e.g. single-use signed identity headers.
    """
    threads = min(2, connections)
    command = [
        wrk_binary(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout", "5s",
        "--latency",
    ]  # fmt: skip
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "requests.lua"
        sets = Path(tmp) / "headers.tsv"
        _write_header_sets(sets, header_sets or [])
        script.write_text(_script(method, paths, sets if header_sets else None, threads))
        command += ["-s", str(script), url]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 30, check=True
        )
    return parse(done.stdout)


def _lua(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_header_sets(path: Path, header_sets: list[dict[str, str]]) -> None:
    """One line of names, then one line of values per set, tab-separated."""
    if not header_sets:
        return
    names = list(header_sets[0])
    lines = ["\t".join(names), *("\t".join(h[n] for n in names) for h in header_sets)]
    path.write_text("\n".join(lines) + "\n")


def _script(method: str, paths: list[str] | None, sets: Path | None, threads: int) -> str:
    quoted = ", ".join(_lua(p) for p in (paths or []))
    return f"""
wrk.method = "{method}"
local paths = {{{quoted}}}
local sets_file = {_lua(str(sets)) if sets else "nil"}
local header_sets = {{}}
local counter = 0
local turns = 0

local function fields(line)
  local out = {{}}
  for field in string.gmatch(line, "[^\\t]+") do out[#out + 1] = field end
  return out
end

setup = function(thread)
  thread:set("turn", turns)
  turns = turns + 1
end

init = function(args)
  if sets_file == nil then return end
  local names = nil
  for line in io.lines(sets_file) do
    local values = fields(line)
    if names == nil then
      names = values
    else
      local set = {{}}
      for i, name in ipairs(names) do set[name] = values[i] end
      for name, value in pairs(wrk.headers) do set[name] = set[name] or value end
      header_sets[#header_sets + 1] = set
    end
  end
end

request = function()
  local path = nil
  if #paths > 0 then path = paths[(counter % #paths) + 1] end
  local headers = header_sets[counter * {threads} + (turn or 0) + 1]
  counter = counter + 1
  return wrk.format(nil, path, headers)
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
