"""Signing in through the gateway as a browser would, and what the edge refuses."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_pem_private_key,
)
from sqlalchemy import NullPool, text
from sqlalchemy.ext.asyncio import create_async_engine

from gts_cli.stack.stack import Stack
from gts_kit.db.engine import asyncpg_url

pytestmark = pytest.mark.e2e


def sign_in(stack: Stack, username: str = "alice", return_to: str = "/auth/me") -> httpx.Client:
    """A cookie-keeping client that went through the whole sign-in, following every redirect."""
    client = httpx.Client(base_url=stack.gateway_url, follow_redirects=True, timeout=30)
    page = client.get("/auth/login", params={"return_to": return_to})
    assert page.status_code == 200
    assert "<form" in page.text  # the stand-in's sign-in page
    landed = client.post(page.url, data={"username": username})
    assert landed.status_code == 200, landed.text
    assert landed.url.path == return_to
    return client


@pytest.fixture
def browser(stack: Stack) -> Iterator[httpx.Client]:
    client = sign_in(stack)
    yield client
    client.close()


def signing_key(stack: Stack) -> tuple[str, Any]:
    keys = json.loads((stack.config.home / "secrets.json").read_text())["jwt_private_keys"]
    kid, pem = sorted(keys.items())[-1]
    return kid, load_pem_private_key(pem.encode(), password=None)


def claims(stack: Stack, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {
        "iss": stack.gateway_url, "aud": "gts", "sub": str(uuid.uuid4()), "iat": now,
        "exp": now + 600, "jti": str(uuid.uuid4()),
    }  # fmt: skip
    return base | changes


def b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def test_sign_in_through_the_gateway_ends_with_me_as_the_sandbox_user(
    browser: httpx.Client,
) -> None:
    me = browser.get("/auth/me")
    assert me.status_code == 200
    assert me.json()["username"] == "alice"
    assert browser.get("/api/v1/me").json() == me.json()
    assert browser.get("/.well-known/jwks.json").json()["keys"][0]["alg"] == "EdDSA"


def test_a_valid_token_signed_by_the_stack_key_is_accepted(
    stack: Stack, browser: httpx.Client
) -> None:
    user_id = browser.get("/auth/me").json()["id"]
    kid, key = signing_key(stack)
    token = jwt.encode(claims(stack, sub=user_id), key, algorithm="EdDSA", headers={"kid": kid})
    answer = httpx.get(
        stack.gateway_url + "/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert answer.status_code == 200
    assert answer.json()["id"] == user_id


def bad_tokens(stack: Stack, access_cookie: str) -> dict[str, str]:
    kid, key = signing_key(stack)
    head, body, sig = access_cookie.split(".")
    tampered_body = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    tampered_body["sub"] = str(uuid.uuid4())
    tampered = f"{head}.{b64(json.dumps(tampered_body).encode()).decode()}.{sig}"
    public_pem = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    hs_head = b64(json.dumps({"alg": "HS256", "kid": kid, "typ": "JWT"}).encode())
    hs_body = b64(json.dumps(claims(stack)).encode())
    hs_sig = b64(hmac.new(public_pem, hs_head + b"." + hs_body, hashlib.sha256).digest())
    none_head = b64(json.dumps({"alg": "none", "kid": kid}).encode())
    return {
        "tampered": tampered,
        "expired": jwt.encode(
            claims(stack, iat=int(time.time()) - 3600, exp=int(time.time()) - 1800),
            key, algorithm="EdDSA", headers={"kid": kid},
        ),
        "alg none": f"{none_head.decode()}.{hs_body.decode()}.",
        "HS256 with the public key": (hs_head + b"." + hs_body + b"." + hs_sig).decode(),
        "wrong audience": jwt.encode(
            claims(stack, aud="not-gts"), key, algorithm="EdDSA", headers={"kid": kid}
        ),
    }  # fmt: skip


def test_bad_tokens_are_all_401(stack: Stack, browser: httpx.Client) -> None:
    cases = bad_tokens(stack, browser.cookies["gts_access"])
    for name, token in cases.items():
        answer = httpx.get(
            stack.gateway_url + "/api/v1/me",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert answer.status_code == 401, name
        assert answer.headers["content-type"] == "application/problem+json", name
    assert httpx.get(stack.gateway_url + "/api/v1/me", timeout=10).status_code == 401


def test_a_forged_user_header_straight_to_a_service_is_401(
    stack: Stack, browser: httpx.Client
) -> None:
    user_id = browser.get("/auth/me").json()["id"]
    forged = {
        "x-gts-user": user_id,
        "x-gts-user-ts": str(int(time.time())),
        "x-gts-user-sig": hmac.new(b"guess", b"x", hashlib.sha256).hexdigest(),
    }
    answer = httpx.get(stack.service_url("auth") + "/auth/me", headers=forged, timeout=10)
    assert answer.status_code == 401


def test_refresh_rotates_and_a_replay_ends_the_family(browser: httpx.Client, stack: Stack) -> None:
    csrf = {"X-CSRF-Token": browser.cookies["gts_csrf"]}
    assert browser.post("/auth/refresh").status_code == 403  # cookie-borne, no CSRF header
    first = browser.cookies["gts_refresh"]
    rotated = browser.post("/auth/refresh", headers=csrf)
    assert rotated.status_code == 200
    newest = browser.cookies["gts_refresh"]
    assert newest != first
    csrf = {"X-CSRF-Token": browser.cookies["gts_csrf"]}
    asyncio.run(_rotations_a_minute_ago(stack.database_url))  # past the racing-tabs grace
    replay = httpx.post(
        str(browser.base_url) + "/auth/refresh", json={"refresh_token": first}, timeout=10
    )
    assert replay.status_code == 401
    assert browser.post("/auth/refresh", headers=csrf).status_code == 401


def test_two_tabs_spending_one_refresh_cookie_leave_one_live_refresh_token(
    browser: httpx.Client, stack: Stack
) -> None:
    other_tab = httpx.Client(base_url=stack.gateway_url, cookies=browser.cookies, timeout=30)
    with other_tab:
        first = browser.cookies["gts_refresh"]
        rotated = browser.post(
            "/auth/refresh", headers={"X-CSRF-Token": browser.cookies["gts_csrf"]}
        )
        assert rotated.status_code == 200, rotated.text
        successor = browser.cookies["gts_refresh"]
        assert successor != first
        late = other_tab.post(
            "/auth/refresh", headers={"X-CSRF-Token": other_tab.cookies["gts_csrf"]}
        )
        assert late.status_code == 200, late.text
        assert late.json()["expires_in"] > 0  # the app schedules its next refresh from it
        set_cookies = " ".join(late.headers.get_list("set-cookie"))
        assert "gts_access=" in set_cookies
        assert "gts_refresh=" not in set_cookies  # the browser's jar already has the successor
        assert other_tab.get("/auth/me").json()["username"] == "alice"
        assert (
            browser.post(
                "/auth/refresh", headers={"X-CSRF-Token": browser.cookies["gts_csrf"]}
            ).status_code
            == 200
        )
        asyncio.run(_rotations_a_minute_ago(stack.database_url))  # past the racing-tabs grace
        replay = other_tab.post(
            "/auth/refresh", headers={"X-CSRF-Token": other_tab.cookies["gts_csrf"]}
        )
        assert replay.status_code == 401
        assert (
            browser.post(
                "/auth/refresh", headers={"X-CSRF-Token": browser.cookies["gts_csrf"]}
            ).status_code
            == 401
        )


async def _rotations_a_minute_ago(database_url: str) -> None:
    engine = create_async_engine(asyncpg_url(database_url), poolclass=NullPool)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text("UPDATE auth.refresh_tokens SET used_at = used_at - interval '1 minute'")
            )
    finally:
        await engine.dispose()


def test_state_replay_and_foreign_state_end_on_a_page_not_a_500(stack: Stack) -> None:
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as client:
        to_tone3000 = client.get("/auth/login")
        assert to_tone3000.status_code == 302
        approve = httpx.post(to_tone3000.headers["location"], data={"username": "bob"})
        callback = approve.headers["location"]
        with httpx.Client(timeout=30) as other_browser:
            foreign = other_browser.get(callback)
        assert foreign.status_code == 400
        assert "another browser" in foreign.text
        replay = client.get(callback)
        assert replay.status_code == 400
        missing = client.get("/auth/callback")
        assert missing.status_code == 400


def test_one_browsers_cookies_never_reach_another_request(
    stack: Stack, browser: httpx.Client
) -> None:
    csrf = {"X-CSRF-Token": browser.cookies["gts_csrf"]}
    assert browser.post("/auth/refresh", headers=csrf).status_code == 200
    # a stranger without cookies must not ride on the session the gateway just relayed
    stranger = httpx.post(stack.gateway_url + "/auth/refresh", timeout=10)
    assert stranger.status_code == 401
    assert httpx.get(stack.gateway_url + "/auth/me", timeout=10).status_code == 401


def test_tone3000_429_during_sign_in_is_ridden_out(stack: Stack) -> None:
    sandbox_root = stack.tone3000_url.removesuffix("/api/v1")
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as client:
        to_tone3000 = client.get("/auth/login")
        approve = httpx.post(to_tone3000.headers["location"], data={"username": "carol"})
        throttle = {"count": 2, "retry_after": 1}
        assert httpx.post(sandbox_root + "/_sandbox/throttle", json=throttle).status_code == 200
        back = client.get(approve.headers["location"])
        assert back.status_code == 302, back.text
        assert client.get("/auth/me").json()["username"] == "carol"
