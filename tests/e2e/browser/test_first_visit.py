"""A newcomer's first visit: sign in through the stand-in's page as a person does (the app's
button, the approval form as it comes), find the main places in the navigation, upload a DI
through the file input and find it in the API; no console error, failed request or request
off this machine on the way (the guard)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from .harness import axe_check, screenshot

PLACES = {
    "Gear": "/gear",
    "DI tracks": "/di-tracks",
    "Chains": "/chains",
    "Shootouts": "/shootouts",
}


def test_a_new_user_signs_in_finds_the_places_and_uploads_a_di(
    page: Page, shared_fixtures: Path, screenshots: Path
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign in with TONE3000").first.click()
    page.wait_for_url(re.compile(r"/oauth/authorize"))
    screenshot(page, screenshots, "first-visit-1-stand-in")
    page.get_by_role("button", name="Sign in and allow").click()  # the first user is picked
    page.get_by_role("button", name="Sign out").wait_for()
    # signed in, she lands on her shootouts (their page loaded, not its spinner)
    expect(page.get_by_role("heading", level=1, name="Shootouts")).to_be_visible()
    screenshot(page, screenshots, "first-visit-2-signed-in")

    navigation = page.get_by_role("navigation", name="Main")
    for name, path in PLACES.items():
        navigation.get_by_role("link", name=name).click()
        page.wait_for_url(re.compile(re.escape(path) + "$"))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe_check(page)

    before = _di_ids(page)
    navigation.get_by_role("link", name="DI tracks").click()
    di = shared_fixtures / "audio" / "di_gojira_left.wav"
    page.locator('input[type="file"]').first.set_input_files(di)
    expect(page.get_by_text(re.compile("di_gojira_left")).first).to_be_visible(timeout=60_000)
    page.wait_for_load_state("networkidle")
    screenshot(page, screenshots, "first-visit-3-di-uploaded")

    added = [item for item in _di_items(page) if item["id"] not in before]
    assert [item["name"] for item in added] == ["di_gojira_left"], added


def _di_items(page: Page) -> list[dict[str, str]]:
    listed = page.request.get("/api/v1/di-tracks?limit=100")
    assert listed.ok, listed.text()
    items: list[dict[str, str]] = listed.json()["items"]
    return items


def _di_ids(page: Page) -> set[str]:
    return {item["id"] for item in _di_items(page)}
