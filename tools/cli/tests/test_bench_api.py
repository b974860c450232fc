"""`gts bench api` end to end: a stack, wrk through the gateway and direct, live probes."""

from __future__ import annotations

import re
import shutil

import pytest

from gts_cli.main import build_parser

ROW = re.compile(r"^\s+2\s+(gateway|direct)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)$", re.M)


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_prints_both_paths_the_ratio_and_the_live_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = build_parser().parse_args(
        ["bench", "api", "--seconds", "1", "--connections", "2", "--probes", "3"]
    )
    assert args.run(args) == 0
    out = capsys.readouterr().out
    rows = {m[0]: m for m in ROW.findall(out)}
    assert set(rows) == {"gateway", "direct"}, out
    for _, rate, p50, p99, errors in rows.values():
        assert float(rate) > 0
        assert 0 < float(p50) <= float(p99)
        assert errors == "0", out  # every listed page was a 200
    assert re.search(r"gateway/direct throughput \d+\.\d\d", out), out
    live = re.search(r"\(idle worker, (\d+) runs\): p50 (\d+) ms, p99 (\d+) ms", out)
    assert live is not None, out
    assert int(live[1]) == 3  # every probe saw its job's progress
    accepted = re.search(r"render submissions \(16 conns\): (\d+) accepted/s", out)
    assert accepted is not None, out
    assert int(accepted[1]) > 0
