"""The PKCE sign-in against the stand-in, driven by the real client over HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gts_tone3000 import Tone3000GrantError, Tone3000Unauthorized, new_pkce_pair


async def test_full_flow_signs_in_and_reads_the_user(client, sign_in, redirect_uri, clock):
    code, verifier = await sign_in("bob")
    tokens = await client.exchange_code(code, verifier, redirect_uri)
    assert tokens.token_type == "bearer"
    assert tokens.expires_at == clock.now() + timedelta(seconds=600)
    assert tokens.expires_at.tzinfo is not None
    user = await client.as_user(tokens.access_token).get_user()
    assert user.username == "bob"


async def test_a_wrong_verifier_is_refused(client, sign_in, redirect_uri):
    code, _ = await sign_in()
    other_verifier, _ = new_pkce_pair()
    with pytest.raises(Tone3000GrantError) as caught:
        await client.exchange_code(code, other_verifier, redirect_uri)
    assert caught.value.error == "invalid_grant"
    assert "code_verifier" in caught.value.reason


async def test_a_different_redirect_uri_is_refused(client, sign_in):
    code, verifier = await sign_in()
    with pytest.raises(Tone3000GrantError, match="redirect_uri"):
        await client.exchange_code(code, verifier, "http://127.0.0.1:8765/elsewhere")


async def test_a_code_works_once(client, sign_in, redirect_uri):
    code, verifier = await sign_in()
    await client.exchange_code(code, verifier, redirect_uri)
    with pytest.raises(Tone3000GrantError) as caught:
        await client.exchange_code(code, verifier, redirect_uri)
    assert caught.value.error == "invalid_grant"


async def test_a_code_expires_after_30_minutes(client, sign_in, redirect_uri, wall):
    fresh_code, fresh_verifier = await sign_in()
    stale_code, stale_verifier = await sign_in()
    wall.t += 29 * 60
    await client.exchange_code(fresh_code, fresh_verifier, redirect_uri)
    wall.t += 61
    with pytest.raises(Tone3000GrantError, match="expired"):
        await client.exchange_code(stale_code, stale_verifier, redirect_uri)


async def test_refresh_rotates_and_the_old_refresh_token_dies(client, tokens_for):
    first = await tokens_for("carol")
    second = await client.refresh(first.refresh_token)
    assert second.refresh_token != first.refresh_token
    assert second.access_token != first.access_token
    assert (await client.as_user(second.access_token).get_user()).username == "carol"
    with pytest.raises(Tone3000GrantError) as caught:
        await client.refresh(first.refresh_token)
    assert caught.value.error == "invalid_grant"
    third = await client.refresh(second.refresh_token)
    assert third.refresh_token not in {first.refresh_token, second.refresh_token}


async def test_an_expired_access_token_is_unauthorized_until_refreshed(client, tokens_for, wall):
    tokens = await tokens_for("alice")
    wall.t += 601
    with pytest.raises(Tone3000Unauthorized):
        await client.as_user(tokens.access_token).get_user()
    renewed = await client.refresh(tokens.refresh_token)
    assert (await client.as_user(renewed.access_token).get_user()).username == "alice"


async def test_a_revoked_grant_refuses_both_tokens(client, http, sandbox, tokens_for):
    tokens = await tokens_for("alice")
    answer = await http.post(f"{sandbox.url}/_sandbox/revoke", json={"username": "alice"})
    assert answer.json() == {"revoked": 2}
    with pytest.raises(Tone3000Unauthorized):
        await client.as_user(tokens.access_token).get_user()
    # the identity store's `{code, error_code, msg}` answer: a dead grant all the same
    with pytest.raises(Tone3000GrantError) as caught:
        await client.refresh(tokens.refresh_token)
    assert caught.value.error == "refresh_token_not_found"


async def test_tokens_never_reach_the_logs_or_reprs(client, tokens_for, caplog):
    caplog.set_level("DEBUG")
    tokens = await tokens_for("bob")
    renewed = await client.refresh(tokens.refresh_token)
    api = client.as_user(renewed.access_token, user_key="bob-id")
    await api.get_user()
    text = caplog.text + repr(tokens) + repr(renewed) + repr(api)
    for secret in (tokens.access_token, tokens.refresh_token, renewed.access_token):
        assert secret not in text
