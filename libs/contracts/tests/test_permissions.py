"""NATS permissions follow the registry: who produces and consumes what, who owns which bucket."""

from __future__ import annotations

import pytest

from gts_contracts import GEAR_BUCKET, MESSAGES, MessageSpec
from gts_contracts import permissions as perms
from gts_contracts.render import RenderJobStartedV1

TOKEN_SUBJECT = "auth.tone3000.token.get.v1"


def test_only_catalog_requests_tone3000_tokens_and_only_auth_answers() -> None:
    requesters = [s for s in perms.services() if TOKEN_SUBJECT in perms.permissions_for(s).publish]
    listeners = [s for s in perms.services() if TOKEN_SUBJECT in perms.permissions_for(s).subscribe]
    assert (requesters, listeners) == (["catalog"], ["auth"])
    assert perms.permissions_for("auth").allow_responses


def test_render_reads_the_gear_bucket_without_writing_it() -> None:
    render = perms.permissions_for("render")
    assert f"$JS.API.STREAM.MSG.GET.OBJ_{GEAR_BUCKET}" in render.publish
    assert f"$O.{GEAR_BUCKET}.>" not in render.publish
    assert f"$O.{GEAR_BUCKET}.>" in perms.permissions_for("catalog").publish


def test_a_subject_added_to_the_registry_changes_the_permissions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    added = MessageSpec(
        "render.job.paused.v1", RenderJobStartedV1, "RENDER", "event", "Paused.", ("gateway",)
    )
    assert "render.job.paused.v1" not in perms.permissions_for("render").publish
    monkeypatch.setattr(perms, "MESSAGES", (*MESSAGES, added))
    assert "render.job.paused.v1" in perms.permissions_for("render").publish
    assert "render.job.paused.v1" in perms.permissions_for("gateway").subscribe
    assert "render.job.paused.v1" not in perms.permissions_for("shootouts").subscribe
