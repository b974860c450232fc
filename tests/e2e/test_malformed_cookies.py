"""A browser's Cookie header may carry another site's malformed cookie: the gateway still
reads the session's cookies beside it, for reads and for CSRF-checked writes."""

from __future__ import annotations

import httpx
import pytest

from gts_cli.client import GtsClient
from gts_cli.stack.stack import Stack
from gts_nam import synthesize_nam

pytestmark = pytest.mark.e2e


def test_a_malformed_neighbour_cookie_keeps_the_session(stack: Stack, alice: GtsClient) -> None:
    csrf = alice.http.cookies["gts_csrf"]
    cookie = f'junk"=; {alice.cookie_header()}; theme="unclosed; =x'
    # a client without a jar, so the header goes exactly as written
    with httpx.Client(base_url=stack.gateway_url, timeout=60) as browser:
        me = browser.get("/api/v1/me", headers={"Cookie": cookie})
        assert me.status_code == 200, me.text
        assert me.json()["username"] == alice.get("/api/v1/me")["username"]

        upload = browser.post(
            "/api/v1/gear",
            headers={"Cookie": cookie, "X-CSRF-Token": csrf},
            files={"file": ("cookie.nam", synthesize_nam("nano", seed=51))},
        )
        assert upload.status_code == 201, upload.text
        forged = browser.post(
            "/api/v1/gear",
            headers={"Cookie": cookie},
            files={"file": ("cookie.nam", synthesize_nam("nano", seed=52))},
        )
        assert forged.status_code == 403, forged.text
