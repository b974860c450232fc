"""One user's oversized .nam metadata never stalls the bus for everyone else.

A 2 MB metadata string once made a 2 MB `catalog.gear.added.v1` event, over NATS's 1 MiB
limit: the outbox retried it forever, and no gear of anyone reached shootouts after it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gts_cli.client import GtsClient
from gts_cli.flow import make_chain
from gts_nam import synthesize_nam

pytestmark = pytest.mark.e2e


def _nam_with_long_make(chars: int) -> bytes:
    doc: dict[str, Any] = json.loads(synthesize_nam("nano", seed=71))
    doc["metadata"]["gear_make"] = "M" * chars
    return json.dumps(doc).encode()


def test_a_2_mb_metadata_string_is_422_and_the_next_users_gear_still_reaches_shootouts(
    alice: GtsClient, bob: GtsClient, shared_fixtures: Path
) -> None:
    refused = alice.http.post(
        "/api/v1/gear", files={"file": ("huge.nam", _nam_with_long_make(2_000_000))}
    )
    assert refused.status_code == 422, refused.text[:500]
    assert refused.headers["content-type"].startswith("application/problem+json")
    detail = refused.json()["detail"]
    assert detail.startswith("file: metadata.gear_make: "), detail
    assert "the limit is 200" in detail

    amp = bob.post("/api/v1/gear", files={"file": ("honest.nam", synthesize_nam("nano", seed=72))})
    ir_bytes = (shared_fixtures / "ir" / "mesa_fav.wav").read_bytes()
    ir = bob.post("/api/v1/gear", files={"file": ("mesa_fav.wav", ir_bytes, "audio/wav")})
    chain = make_chain(bob, amp, ir, wait_seconds=20.0)
    assert [b["gear_id"] for b in chain["blocks"]] == [amp["id"], ir["id"]]


def test_an_upload_name_longer_than_a_gear_name_is_422_naming_it(alice: GtsClient) -> None:
    refused = alice.http.post(
        "/api/v1/gear",
        files={"file": ("named.nam", synthesize_nam("nano", seed=73))},
        data={"name": "n" * 201},
    )
    assert refused.status_code == 422, refused.text[:500]
    assert [e["field"] for e in refused.json()["errors"]] == ["name"]
