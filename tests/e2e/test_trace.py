"""A render is one trace: from the gateway's request through shootouts, the outbox, NATS and
render's stages, to the completed event on the owner's live feed; `gts trace` prints it."""

from __future__ import annotations

import time
from typing import Any

import pytest

from gts_cli.client import GtsClient
from gts_cli.main import main
from gts_cli.run.trace import read_spans
from gts_cli.stack.stack import Stack

from .rendering import amp_cab_shootout, render_completed

pytestmark = pytest.mark.e2e

STAGES = ("fetching", "amp", "loudness", "montage", "video", "upload")


def _render(client: GtsClient) -> str:
    _, shootout = amp_cab_shootout(
        client, "Traced", (184, 185), ir_seed=182, di=(3.0, 183), label="Traced"
    )
    return render_completed(client, shootout["id"])


def _trace_of(stack: Stack, job_id: str) -> list[dict[str, Any]]:
    """The spans of the job's trace, once the last ones are written (each service writes
    its spans a fraction of a second after they end): render's, shootouts recording the
    completed event, and the gateway sending the update that follows it."""
    deadline = time.monotonic() + 15
    while True:
        spans = list(read_spans(stack.config.home / "traces"))
        ids = {s["trace_id"] for s in spans if s["attributes"].get("gts.job_id") == job_id}
        assert len(ids) <= 1, "the job's spans are in several traces"
        mine = [s for s in spans if s["trace_id"] in ids]
        if _ends_with_the_live_update(mine) or time.monotonic() > deadline:
            return mine
        time.sleep(0.25)


def _ends_with_the_live_update(spans: list[dict[str, Any]]) -> bool:
    names = {s["name"] for s in spans}
    if not {"render.job", *(f"render.{stage}" for stage in STAGES)} <= names:
        return False
    recorded = [
        s for s in spans if s["service"] == "gts-shootouts" and "render.job.completed" in s["name"]
    ]
    return bool(recorded) and any(
        s["service"] == "gts-gateway"
        and "shootouts.job.updated" in s["name"]
        and s["start"] >= recorded[0]["start"]
        for s in spans
    )


def test_a_render_is_one_trace_from_the_request_to_the_live_update(
    stack: Stack, carol: GtsClient, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = _render(carol)
    spans = _trace_of(stack, job_id)
    by_service: dict[str, list[str]] = {}
    for span in spans:
        by_service.setdefault(span["service"], []).append(span["name"])
    names = [s["name"] for s in spans]
    # the click: the gateway's request, and shootouts' under it
    assert any(n.startswith("POST /api/v1/shootouts/") for n in by_service["gts-gateway"])
    assert any(n.startswith("POST /api/v1/shootouts/") for n in by_service["gts-shootouts"])
    # render's job with a span per stage
    assert "render.job" in by_service["gts-render"]
    for stage in STAGES:
        assert f"render.{stage}" in names, stage
    # the completed event, recorded by shootouts and sent on the owner's feed
    assert any("render.job.completed" in n for n in by_service["gts-shootouts"])
    assert any("shootouts.job.updated" in n for n in by_service["gts-gateway"])
    # one tree: every span but the gateway's request has its parent in the trace
    known = {s["span_id"] for s in spans}
    roots = [s for s in spans if s["parent_id"] not in known]
    assert [r["name"] for r in roots] == [
        next(n for n in by_service["gts-gateway"] if n.startswith("POST /api/v1/shootouts/"))
    ]

    with pytest.raises(SystemExit) as ended:
        main(["trace", job_id, "--home", str(stack.config.home), "--no-progress"])
    assert ended.value.code == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"trace {spans[0]['trace_id']}: ")
    assert "render: render.amp" in printed
    assert "gateway: POST /api/v1/shootouts/" in printed
