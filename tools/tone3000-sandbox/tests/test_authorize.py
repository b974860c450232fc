"""The sign-in page: validation, approve, cancel, prompts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tone3000_sandbox.api.oauth import redirect_registered
from tone3000_sandbox.grants import s256

VERIFIER = "v" * 43
CALLBACK = "http://127.0.0.1:8765/cb"


def authorize_path(**overrides: str) -> str:
    params = {
        "client_id": "t3k_pub_gts_local",
        "redirect_uri": CALLBACK,
        "response_type": "code",
        "code_challenge": s256(VERIFIER),
        "code_challenge_method": "S256",
        "state": "xyz",
    }
    params.update(overrides)
    return "/api/v1/oauth/authorize?" + urlencode({k: v for k, v in params.items() if v})


def callback_query(location: str) -> dict[str, list[str]]:
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CALLBACK
    return parse_qs(parts.query)


async def test_the_page_lists_the_sandbox_users_in_a_form(http):
    page = await http.get(authorize_path(login_hint="bob"))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for name in ("alice", "bob", "carol"):
        assert f'value="{name}"' in page.text
    assert 'value="bob" checked' in page.text
    assert 'method="post"' in page.text


async def test_approving_redirects_with_a_code_and_the_state(http):
    answer = await http.post(authorize_path(), data={"username": "alice", "action": "approve"})
    assert answer.status_code == 303
    query = callback_query(answer.headers["location"])
    assert query["state"] == ["xyz"]
    assert len(query["code"][0]) > 20
    token = await http.post(
        "/api/v1/oauth/token",
        data={"grant_type": "authorization_code", "code": query["code"][0],
              "code_verifier": VERIFIER, "redirect_uri": CALLBACK,
              "client_id": "t3k_pub_gts_local"},
    )  # fmt: skip
    assert token.status_code == 200
    body = token.json()
    assert (body["expires_in"], body["token_type"]) == (3600, "bearer")
    assert token.headers["cache-control"] == "no-store"


async def test_an_unknown_username_shows_the_page_again_with_an_error(http):
    answer = await http.post(authorize_path(), data={"username": "mallory", "action": "approve"})
    assert answer.status_code == 400
    assert "username: &#x27;mallory&#x27; is not a sandbox user" in answer.text
    assert 'value="alice"' in answer.text


async def test_cancel_redirects_with_canceled_true_and_no_code(http):
    answer = await http.post(authorize_path(), data={"username": "alice", "action": "cancel"})
    query = callback_query(answer.headers["location"])
    assert query == {"canceled": ["true"], "state": ["xyz"]}


async def test_a_select_prompt_returns_the_chosen_tone(http):
    path = authorize_path(prompt="select_tone")
    page = await http.get(path)
    assert 'name="tone_id"' in page.text
    answer = await http.post(path, data={"username": "bob", "tone_id": "51020"})
    query = callback_query(answer.headers["location"])
    assert query["tone_id"] == ["51020"]
    assert "code" in query


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"client_id": "t3k_pub_someone_else"}, "client_id"),
        ({"redirect_uri": "http://127.0.0.1.evil.example/cb"}, "redirect_uri"),
        ({"redirect_uri": "https://evil.example/cb"}, "redirect_uri"),
    ],
)
async def test_an_unknown_client_or_callback_is_never_redirected_to(http, overrides, field):
    path = authorize_path(**overrides)
    for answer in (await http.get(path), await http.post(path, data={"username": "alice"})):
        assert answer.status_code == 400
        assert "location" not in answer.headers
        assert field in answer.text


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"response_type": "token"}, "response_type"),
        ({"code_challenge_method": "plain"}, "code_challenge_method"),
        ({"code_challenge": ""}, "code_challenge"),
        ({"state": ""}, "state"),
    ],
)
async def test_a_malformed_request_goes_back_with_invalid_request(http, overrides, field):
    answer = await http.get(authorize_path(**overrides))
    assert answer.status_code == 303
    query = callback_query(answer.headers["location"])
    assert query["error"] == ["invalid_request"]
    assert field in query["error_description"][0]


async def test_a_request_without_state_gets_no_code(http):
    answer = await http.post(authorize_path(state=""), data={"username": "alice"})
    query = callback_query(answer.headers["location"])
    assert query["error"] == ["invalid_request"]
    assert query["error_description"] == ["state: required"]
    assert "code" not in query


@pytest.mark.parametrize(
    ("uri", "allowed"),
    [
        ("http://127.0.0.1:5000/cb", True),
        ("http://127.0.0.1/cb", True),
        ("https://app.example/auth/tone3000/callback", True),
        ("https://app.example/other", False),
        ("http://app.example/auth/cb", False),
        ("http://127.0.0.1.evil.example/cb", False),
        ("http://localhost:5000/cb", False),
        ("http://127.0.0.1:5000/cb#frag", False),
        ("not a url", False),
    ],
)
def test_redirect_uris_match_registered_prefixes(uri, allowed):
    prefixes = ("http://127.0.0.1/", "https://app.example/auth/")
    assert redirect_registered(uri, prefixes) is allowed
