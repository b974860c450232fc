"""The client-side limit: 100 requests a minute per user, other users unaffected."""

from __future__ import annotations

import asyncio

import pytest

from gts_tone3000 import (
    SlidingWindowLimiter,
    Tone3000Client,
    Tone3000Config,
    Tone3000RateLimited,
)


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_the_101st_request_in_a_minute_waits_while_another_user_goes_ahead(clock) -> None:
    clock.auto_advance = False
    limiter = SlidingWindowLimiter(clock)
    for _ in range(100):
        await limiter.acquire("alice", max_wait_s=120)
        clock.advance(0.1)  # 100 requests spread over 10 s
    held = asyncio.create_task(limiter.acquire("alice", max_wait_s=120))
    await _settle()
    assert not held.done()
    await asyncio.wait_for(limiter.acquire("bob", max_wait_s=0), timeout=1)
    clock.advance(49.9)  # 59.9 s after the first: the window still holds 100
    await _settle()
    assert not held.done()
    clock.advance(0.2)
    await _settle()
    assert held.done()
    held.result()
    assert clock.sleeps == [pytest.approx(50.0)]


def test_a_slot_frees_when_the_oldest_request_leaves_the_window(clock) -> None:
    limiter = SlidingWindowLimiter(clock, limit=2, window_s=60)
    assert limiter.try_acquire("alice") == 0
    clock.t += 10
    assert limiter.try_acquire("alice") == 0
    assert limiter.try_acquire("alice") == pytest.approx(50)
    clock.t += 50
    assert limiter.try_acquire("alice") == 0
    assert limiter.try_acquire("alice") == pytest.approx(10)


async def test_a_wait_longer_than_the_budget_is_refused_at_once(clock) -> None:
    limiter = SlidingWindowLimiter(clock, limit=1)
    await limiter.acquire("alice", max_wait_s=5)
    with pytest.raises(Tone3000RateLimited) as caught:
        await limiter.acquire("alice", max_wait_s=5)
    assert caught.value.retry_after == pytest.approx(60)
    assert clock.sleeps == []


def test_idle_keys_are_forgotten(clock) -> None:
    limiter = SlidingWindowLimiter(clock, limit=1)
    limiter.try_acquire("alice")
    clock.t += 61
    limiter.forget_idle()
    assert limiter.try_acquire("alice") == 0


async def test_client_calls_share_the_limit_per_user_key(sandbox, http, client, clock, tokens_for):
    clock.auto_advance = False
    tokens = await tokens_for("alice")
    limited = Tone3000Client(
        http,
        Tone3000Config(client_id=client.config.client_id, base_url=sandbox.api_url,
                       rate_limit_budget_s=120),
        clock=clock,
        limiter=SlidingWindowLimiter(clock, limit=3),
    )  # fmt: skip
    alice = limited.as_user(tokens.access_token, user_key="alice-id")
    for _ in range(3):
        assert (await alice.get_user()).username == "alice"
    fourth = asyncio.create_task(alice.get_user())
    await _settle()
    assert not fourth.done()
    # the same token under another user's key is not held back
    other = limited.as_user(tokens.access_token, user_key="bob-id")
    assert (await asyncio.wait_for(other.get_user(), timeout=5)).username == "alice"
    clock.advance(60)
    assert (await asyncio.wait_for(fourth, timeout=5)).username == "alice"
