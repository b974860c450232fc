"""The browser session: an expired access token is renewed without the user noticing; when
the session cannot be renewed, the user signs in again and comes back to the same page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from .harness import APPROVE, Guard, screenshot


def _drop_cookies(page: Page, *names: str) -> None:
    kept = [c for c in page.context.cookies() if c["name"] not in names]
    page.context.clear_cookies()
    page.context.add_cookies(kept)  # type: ignore[arg-type]


def test_an_expired_access_token_is_renewed_quietly(
    signed_in: Callable[[str], Page], guard: Guard
) -> None:
    page = signed_in("bob")
    page.goto("/chains")
    expect(page.get_by_role("heading", name="Chains", level=1)).to_be_visible()
    # the access cookie lives as long as the token: gone means expired
    _drop_cookies(page, "gts_access")
    guard.allow(401, r"^/api/v1/")
    # a page not seen yet in this tab, so its data is asked for
    with page.expect_response(lambda r: r.url.endswith("/auth/refresh")) as renewal:
        page.get_by_role("navigation", name="Main").get_by_role("link", name="DI tracks").click()
    assert renewal.value.status == 200
    expect(page.get_by_role("heading", name="DI tracks", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"Your DI tracks"))).to_be_visible()
    assert any(c["name"] == "gts_access" for c in page.context.cookies())
    assert page.url.endswith("/di-tracks")


def test_a_session_that_cannot_be_renewed_signs_in_again_and_comes_back(
    signed_in: Callable[[str], Page], guard: Guard, screenshots: Path
) -> None:
    page = signed_in("bob")
    page.goto("/shootouts?page=1")
    expect(page.get_by_role("heading", name="Shootouts", level=1)).to_be_visible()
    _drop_cookies(page, "gts_access", "gts_refresh")
    guard.allow(401, r"^/api/v1/")
    guard.allow(401, r"^/auth/refresh$")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="DI tracks").click()
    page.wait_for_url(re.compile(r"/oauth/authorize"))
    screenshot(page, screenshots, "session-sign-in-again")
    page.locator('input[name="username"][value="bob"]').check()
    page.get_by_role("button", name=APPROVE).click()
    page.wait_for_url(re.compile(r"/di-tracks$"))
    expect(page.get_by_role("heading", name="DI tracks", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_signing_out_lands_in_the_app_signed_out(signed_in: Callable[[str], Page]) -> None:
    page = signed_in("bob")
    page.goto("/gear")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in with TONE3000").first).to_be_visible()
    assert page.url.rstrip("/").endswith(page.url.split("/", 3)[2])  # the app's root
    assert not any(c["name"] in ("gts_access", "gts_refresh") for c in page.context.cookies())
    page.goto("/gear")
    expect(page.get_by_role("heading", name="Sign in to continue")).to_be_visible()
