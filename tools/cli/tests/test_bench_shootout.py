"""`gts bench shootout` end to end, small: a stack, one shootout, its stages and its trace."""

from __future__ import annotations

import re

import pytest

from gts_cli.main import build_parser

STAGE = re.compile(r"^\s+(amp|cab|loudness|matching|montage|pictures|video)\s+([\d.]+) s  \w", re.M)


def test_prints_every_stage_and_the_jobs_trace(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(
        ["bench", "shootout", "--seconds", "4", "--amps", "1", "--irs", "2", "--trace"]
    )
    assert args.run(args) == 0
    out = capsys.readouterr().out
    assert "2 chains (1 amps x 2 IRs), 4 s DI" in out, out
    total = re.search(r"submit -> completed \(gateway \+ WebSocket\):\s+([\d.]+) s", out)
    assert total is not None, out
    stages = {name: float(seconds) for name, seconds in STAGE.findall(out)}
    assert set(stages) == {"amp", "cab", "loudness", "matching", "montage", "pictures", "video"}, (
        out
    )
    assert 0 < stages["amp"] < float(total[1])
    # the trace: the gateway's request at its root, the render's stages under it
    services = r"\(gts-gateway, gts-render, gts-shootouts\)$"
    assert re.search(rf"^trace [0-9a-f]{{32}}: .* {services}", out, re.M), out
    assert re.search(r"^\s+0\.000\s+[\d.]+  gateway: POST /api/v1/shootouts/", out, re.M), out
    for stage in ("fetching", "amp", "loudness", "montage", "video", "upload"):
        span = rf"^\s*[\d.]+\s+[\d.]+\s+render: render\.{stage}$"
        assert re.search(span, out, re.M), (stage, out)
