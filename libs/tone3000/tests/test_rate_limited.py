"""429 answers: ridden out within the budget, a typed error beyond it."""

from __future__ import annotations

import pytest

from gts_tone3000 import Tone3000Client, Tone3000Config, Tone3000RateLimited


@pytest.fixture
async def carol(client, tokens_for):
    return client.as_user((await tokens_for("carol")).access_token)


async def throttle(http, sandbox, **body) -> None:
    answer = await http.post(f"{sandbox.url}/_sandbox/throttle", json=body)
    assert answer.status_code == 200


async def test_retry_after_that_fits_the_budget_is_waited_out(carol, http, sandbox, clock):
    await throttle(http, sandbox, count=2, retry_after=1)
    assert (await carol.get_user()).username == "carol"
    assert clock.sleeps == [1.0, 1.0]


async def test_retry_after_beyond_the_budget_raises(carol, http, sandbox, clock):
    await throttle(http, sandbox, count=1, retry_after=120)
    with pytest.raises(Tone3000RateLimited) as caught:
        await carol.get_user()
    assert caught.value.retry_after == 120
    assert clock.sleeps == []


async def test_retry_after_as_an_http_date_is_honoured(http, sandbox, tokens_for, wall):
    # the client and the sandbox must agree on wall time for a date to mean anything
    client = Tone3000Client(
        http,
        Tone3000Config(client_id="t3k_pub_gts_local", base_url=sandbox.api_url),
        clock=wall,
    )
    tokens = await tokens_for("carol")
    await throttle(http, sandbox, count=1, retry_after=5, as_http_date=True)
    before = len(wall.sleeps)
    assert (await client.as_user(tokens.access_token).get_user()).username == "carol"
    assert 4 <= wall.sleeps[before] <= 5


async def test_too_many_429s_give_up_after_max_retries(http, sandbox, tokens_for, clock):
    client = Tone3000Client(
        http,
        Tone3000Config(
            client_id="t3k_pub_gts_local", base_url=sandbox.api_url,
            max_retries=2, rate_limit_budget_s=1_000,
        ),
        clock=clock,
    )  # fmt: skip
    tokens = await tokens_for("carol")
    await throttle(http, sandbox, count=5, retry_after=1)
    with pytest.raises(Tone3000RateLimited):
        await client.as_user(tokens.access_token).get_user()
    assert clock.sleeps == [1.0, 1.0]


async def test_the_token_endpoint_is_retried_too(
    client, sign_in, redirect_uri, http, sandbox, clock
):
    code, verifier = await sign_in("carol")
    await throttle(http, sandbox, count=1, retry_after=2)
    tokens = await client.exchange_code(code, verifier, redirect_uri)
    assert tokens.access_token
    assert clock.sleeps == [2.0]
