"""Error mapping for answers the stand-in does not produce on its own."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs

import httpx
import pytest

from gts_tone3000 import Tone3000Client, Tone3000Config, Tone3000Error, Tone3000GrantError

BASE = "https://t3k.example/api/v1"


def client_for(handler: Callable[[httpx.Request], httpx.Response]) -> Tone3000Client:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return Tone3000Client(http, Tone3000Config("t3k_pub_x", BASE))


async def test_a_server_error_carries_its_status_and_a_short_reason() -> None:
    client = client_for(lambda _: httpx.Response(503, json={"message": "maintenance " * 50}))
    with pytest.raises(Tone3000Error) as caught:
        await client.as_user("tok").get_user()
    assert caught.value.status == 503
    assert caught.value.reason.startswith("maintenance")
    assert len(caught.value.reason) <= 200


async def test_a_timeout_is_a_tone3000_error_without_status() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    with pytest.raises(Tone3000Error, match="timed out") as caught:
        await client_for(slow).as_user("tok").tones_created()
    assert caught.value.status is None


async def test_every_request_carries_connect_and_read_timeouts() -> None:
    seen: list[dict[str, float | None]] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json={"id": "u1", "username": "alice"})

    await client_for(record).as_user("tok").get_user()
    assert seen[0]["connect"] == 5.0
    assert seen[0]["read"] == 30.0


async def test_an_unreadable_answer_is_a_tone3000_error() -> None:
    client = client_for(lambda _: httpx.Response(200, content=b"<html>oops</html>"))
    with pytest.raises(Tone3000Error, match="unreadable"):
        await client.as_user("tok").get_user()


async def test_unknown_fields_are_ignored_and_platform_stands_in_for_format() -> None:
    tone = {"id": 7, "title": "Old", "platform": "nam", "brand_new_field": {"x": 1}}
    client = client_for(lambda _: httpx.Response(200, json=tone))
    found = await client.as_user("tok").get_tone(7)
    assert (found.format, found.file_format) == (None, "nam")


async def test_invalid_grant_at_the_token_endpoint_is_typed() -> None:
    body = {"error": "invalid_grant", "error_description": "refresh_token: revoked"}
    client = client_for(lambda _: httpx.Response(400, json=body))
    with pytest.raises(Tone3000GrantError, match="revoked"):
        await client.refresh("old")


async def test_the_token_request_is_form_encoded_with_the_client_id() -> None:
    sent: list[httpx.Request] = []

    def token(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(
            200, json={"access_token": "a", "refresh_token": "r", "expires_in": 3600}
        )

    await client_for(token).refresh("old-refresh")
    assert sent[0].url == f"{BASE}/oauth/token"
    assert sent[0].headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(sent[0].content.decode()) == {
        "grant_type": ["refresh_token"],
        "refresh_token": ["old-refresh"],
        "client_id": ["t3k_pub_x"],
    }
