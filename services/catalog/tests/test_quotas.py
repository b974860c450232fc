"""Per-user gear quotas (items, stored bytes) and the per-user upload rate."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from catalog.app import create_app
from gts_nam import synthesize_nam
from tone3000_sandbox import RunningSandbox

from .blobs import blob_bytes, bucket_messages
from .conftest import ALICE, BOB, Api, TokenResponder, settings_for
from .test_tone3000 import ALICE_FIRST_TONE, models_of

Limited = Callable[..., contextlib.AbstractAsyncContextManager[Api]]


@pytest.fixture
def limited(
    catalog_db: str, nats_url: str, sandbox: RunningSandbox, tokens: TokenResponder
) -> Limited:
    """A catalog with the given settings (small quotas, a slow upload rate)."""

    @contextlib.asynccontextmanager
    async def start(**settings: Any) -> AsyncIterator[Api]:
        app = create_app(settings_for(catalog_db, nats_url, sandbox, **settings))
        async with AsyncTestClient(app, timeout=60) as client:
            yield Api(client)

    return start


def nam(seed: int) -> bytes:
    return synthesize_nam("nano", seed=seed)


async def upload_new(api: Api, *seeds: int) -> None:
    """Alice uploads a capture made from each seed; each is a new item (201)."""
    for seed in seeds:
        assert (await api.upload(ALICE, f"{seed}.nam", nam(seed))).status_code == 201


async def test_the_gear_item_quota_refuses_with_429_naming_quota_and_use(
    limited: Limited, nats_url: str
) -> None:
    async with limited(quota_gear_items=2) as api:
        await upload_new(api, 1, 2)
        stored = await bucket_messages(nats_url)

        refused = await api.upload(ALICE, "3.nam", nam(3))
        assert refused.status_code == 429, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        problem = refused.json()
        assert (problem["code"], problem["quota"], problem["limit"], problem["used"]) == (
            "quota_exceeded",
            "gear_items",
            2,
            2,
        )
        assert problem["detail"] == "gear items quota reached: 2 of 2 used"
        assert await bucket_messages(nats_url) == stored  # nothing stored
        assert (await api.request(ALICE, "GET", "/api/v1/gear")).json()["total"] == 2

        # a file the user already has is no new item; another user has their own quota
        assert (await api.upload(ALICE, "again.nam", nam(1))).status_code == 200
        assert (await api.upload(BOB, "3.nam", nam(3))).status_code == 201

        # an import is refused at once too, before anything is downloaded
        sizes = await models_of(api, ALICE_FIRST_TONE)
        imported = await api.import_models(ALICE, ALICE_FIRST_TONE, [sizes["nano"]])
        assert imported.status_code == 429, imported.text
        assert imported.json()["quota"] == "gear_items"


async def test_an_import_past_the_quota_keeps_what_fits(limited: Limited) -> None:
    async with limited(quota_gear_items=1) as api:
        sizes = await models_of(api, ALICE_FIRST_TONE)
        answer = await api.import_models(BOB, ALICE_FIRST_TONE, [sizes["nano"], sizes["standard"]])
        assert answer.status_code == 200, answer.text
        statuses = sorted((r["status"], r["code"]) for r in answer.json()["results"])
        assert statuses == [("failed", "quota_exceeded"), ("imported", None)]
        assert (await api.request(BOB, "GET", "/api/v1/gear")).json()["total"] == 1


async def test_the_storage_quota_refuses_with_413_and_leaves_no_blob(
    limited: Limited, nats_url: str
) -> None:
    first, second = nam(1), nam(2)
    async with limited(quota_gear_bytes=len(first) + len(second) - 1) as api:
        assert (await api.upload(ALICE, "1.nam", first)).status_code == 201
        refused = await api.upload(ALICE, "2.nam", second)
        assert refused.status_code == 413, refused.text
        problem = refused.json()
        assert (problem["quota"], problem["limit"], problem["used"]) == (
            "gear_bytes",
            len(first) + len(second) - 1,
            len(first),
        )
        assert problem["detail"].startswith("gear storage quota reached: 18.")
        assert await blob_bytes(nats_url, hashlib.sha256(second).hexdigest()) is None
        assert (await api.upload(BOB, "2.nam", second)).status_code == 201


async def test_concurrent_uploads_at_the_last_slot_let_exactly_one_in(
    limited: Limited, nats_url: str
) -> None:
    async with limited(quota_gear_items=3) as api:
        await upload_new(api, 1, 2)
        files = [nam(seed) for seed in range(10, 16)]
        answers = await asyncio.gather(
            *(api.upload(ALICE, f"{i}.nam", data) for i, data in enumerate(files))
        )
        assert sorted(a.status_code for a in answers) == [201] + [429] * 5
        assert (await api.request(ALICE, "GET", "/api/v1/gear")).json()["total"] == 3
        for answer, data in zip(answers, files, strict=True):
            if answer.status_code == 429:
                assert await blob_bytes(nats_url, hashlib.sha256(data).hexdigest()) is None


async def test_uploads_past_the_users_rate_get_429_with_retry_after(limited: Limited) -> None:
    async with limited(upload_rate_burst=2, upload_rate_per_minute=1) as api:
        await upload_new(api, 1, 2)
        refused = await api.upload(ALICE, "3.nam", nam(3))
        assert refused.status_code == 429, refused.text
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.json()["code"] == "upload_rate_limited"
        imported = await api.import_models(ALICE, 1, [1])
        assert imported.status_code == 429
        # another user's bucket is their own
        assert (await api.upload(BOB, "3.nam", nam(3))).status_code == 201
