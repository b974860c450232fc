"""Errors reach clients as problem+json; a value the database cannot store is the caller's 422."""

from __future__ import annotations

import pytest
from litestar.testing import AsyncTestClient

from .kit_service import create_tables, kit_app

pytestmark = pytest.mark.usefixtures("clean_state")


async def test_nul_character_in_text_is_422_not_500(database_url: str, nats_url: str) -> None:
    await create_tables(database_url)
    async with AsyncTestClient(kit_app(database_url, nats_url)) as client:
        ok = await client.get("/search", params={"q": "alice"})
        bad = await client.get("/search", params={"q": "a\x00b"})
    assert ok.json() == {"found": 0}
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
    assert "cannot be stored" in bad.json()["detail"]


async def test_missing_query_parameter_names_the_field(database_url: str, nats_url: str) -> None:
    await create_tables(database_url)
    async with AsyncTestClient(kit_app(database_url, nats_url)) as client:
        response = await client.get("/search")
    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["field"] == "q"
    assert response.headers["content-type"] == "application/problem+json"
