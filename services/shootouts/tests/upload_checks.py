"""What a refused DI upload answers and leaves behind."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from .conftest import Api


async def assert_upload_refused(
    api: Api, user: uuid.UUID, answer: httpx.Response, field: str, code: str
) -> dict[str, Any]:
    """`answer`, to `user`'s upload, is a 422 problem whose first error names `field` with
    `code`, and `user` keeps no DI track; that error."""
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    error: dict[str, Any] = answer.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code)
    assert (await api.request(user, "GET", "/api/v1/di-tracks")).json()["total"] == 0
    return error
