"""The token endpoint's refusals, as OAuth error JSON."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from tone3000_sandbox import SandboxSettings, run_sandbox
from tone3000_sandbox.grants import s256

VERIFIER = "w" * 64
CALLBACK = "http://127.0.0.1:8765/cb"
CLIENT = "t3k_pub_gts_local"


async def new_code(http) -> str:
    query = urlencode({
        "client_id": CLIENT, "redirect_uri": CALLBACK, "response_type": "code",
        "code_challenge": s256(VERIFIER), "code_challenge_method": "S256", "state": "s",
    })  # fmt: skip
    answer = await http.post(f"/api/v1/oauth/authorize?{query}", data={"username": "carol"})
    return parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]


async def token(http, **form: str):
    return await http.post("/api/v1/oauth/token", data=form)


async def exchange(http, the_code: str, **overrides: str):
    form = {"grant_type": "authorization_code", "code": the_code, "code_verifier": VERIFIER,
            "redirect_uri": CALLBACK, "client_id": CLIENT}  # fmt: skip
    form.update(overrides)
    return await token(http, **form)


async def test_an_unknown_client_is_invalid_client(http):
    answer = await exchange(http, await new_code(http), client_id="t3k_pub_other")
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"


async def test_an_unknown_grant_type_is_refused(http):
    answer = await token(http, grant_type="password", client_id=CLIENT)
    assert answer.status_code == 400
    assert answer.json()["error"] == "unsupported_grant_type"


@pytest.mark.parametrize("missing", ["code", "code_verifier", "redirect_uri"])
async def test_a_missing_field_is_invalid_request_naming_it(http, missing):
    answer = await exchange(http, await new_code(http), **{missing: ""})
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"
    assert answer.json()["error_description"] == f"{missing}: required"


async def test_a_code_expires_after_30_minutes(http, wall):
    code = await new_code(http)
    wall.t += 30 * 60 + 1
    answer = await exchange(http, code)
    assert answer.json() == {"error": "invalid_grant", "error_description": "code: expired"}


async def test_a_failed_exchange_leaves_the_code_usable_but_a_success_spends_it(http):
    code = await new_code(http)
    assert (await exchange(http, code, code_verifier="x" * 43)).status_code == 400
    assert (await exchange(http, code)).status_code == 200
    again = await exchange(http, code)
    assert again.json()["error"] == "invalid_grant"


async def test_refresh_rotates_and_reuse_is_invalid_grant(http):
    first = (await exchange(http, await new_code(http))).json()
    form = {"grant_type": "refresh_token", "client_id": CLIENT}
    second = await token(http, refresh_token=first["refresh_token"], **form)
    assert second.status_code == 200
    reuse = await token(http, refresh_token=first["refresh_token"], **form)
    assert reuse.status_code == 400
    assert reuse.json()["error"] == "invalid_grant"


async def test_short_access_token_lifetimes_expire(wall):

    async with run_sandbox(SandboxSettings(access_token_ttl_s=5, now=wall.time)) as running, \
            httpx.AsyncClient(base_url=running.url) as http:  # fmt: skip
        issued = (await exchange(http, await new_code(http))).json()
        assert issued["expires_in"] == 5
        headers = {"Authorization": f"Bearer {issued['access_token']}"}
        assert (await http.get("/api/v1/user", headers=headers)).status_code == 200
        wall.t += 5
        assert (await http.get("/api/v1/user", headers=headers)).status_code == 401
