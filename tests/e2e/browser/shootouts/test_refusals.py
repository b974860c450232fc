"""What a shootout refuses, in words: the form names what is missing, a chain that cannot
render is refused with a link to fix it, and a DI that shootouts use is kept."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ...rendering import shootout_over
from .pages import TAG, ShootoutsUI

pytestmark = pytest.mark.e2e


def test_the_form_says_what_is_missing_and_a_broken_chain_cannot_be_picked(
    shootouts_ui: ShootoutsUI,
) -> None:
    page = shootouts_ui.page()
    page.goto("/shootouts")
    page.get_by_role("link", name="New shootout").click()
    expect(page.get_by_role("heading", name="New shootout", level=1)).to_be_visible()
    broken = page.get_by_role("checkbox", name=shootouts_ui.library["broken"]["name"])
    expect(broken).to_be_disabled()
    expect(
        page.get_by_text(re.compile("render now: a gear item was removed")).first
    ).to_be_visible()
    page.get_by_role("button", name="Create shootout").click()
    expect(page.get_by_text("Give the shootout a name.")).to_be_visible()
    expect(page.get_by_text("Pick at least one DI track.")).to_be_visible()
    expect(page.get_by_text("Pick at least 2 chains to compare.")).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_be_focused()
    page.get_by_label("Segment length (seconds)").fill("90")
    page.get_by_role("button", name="Create shootout").click()
    expect(page.get_by_text("Must be from 1 to 60 seconds.")).to_be_visible()
    shootouts_ui.check(page, "shootouts-form-errors")


def test_a_shootout_with_an_unusable_chain_is_refused_in_words(shootouts_ui: ShootoutsUI) -> None:
    alice, library = shootouts_ui.alice, shootouts_ui.library
    made = shootout_over(
        alice, f"Broken {TAG}", library["di"], [library["broken"], library["chains"][0]]
    )
    shootouts_ui.guard.allow(422, rf"^/api/v1/shootouts/{made['id']}/render$")
    page = shootouts_ui.page()
    page.goto(f"/shootouts/{made['id']}")
    page.get_by_role("button", name="Render", exact=True).click()
    refusal = page.get_by_role("alert").filter(has_text=re.compile("be rendered yet"))
    broken = library["broken"]["name"]
    expect(refusal).to_contain_text(f"{broken}: a gear item was removed from your library")
    expect(refusal.get_by_role("link", name=f"Fix {broken}")).to_have_attribute(
        "href", f"/chains/{library['broken']['id']}"
    )
    shootouts_ui.check(page, "shootouts-render-refused")


def test_a_di_that_shootouts_use_is_kept_and_the_page_says_why(shootouts_ui: ShootoutsUI) -> None:
    alice, di = shootouts_ui.alice, shootouts_ui.library["di"]
    shootout_over(alice, f"Keeps the DI {TAG}", di, shootouts_ui.library["chains"])
    shootouts_ui.guard.allow(409, rf"^/api/v1/di-tracks/{di['id']}$")
    page = shootouts_ui.page()
    page.goto("/di-tracks")
    page.get_by_role("button", name=f"Delete {di['name']}", exact=True).click()
    page.get_by_role("button", name="Yes, delete").click()
    refusal = page.get_by_role("alert").filter(has_text="shootouts use this DI")
    expect(refusal).to_contain_text(f"Keeps the DI {TAG}")
    shootouts_ui.check(page, "shootouts-di-in-use")
    assert alice.get(f"/api/v1/di-tracks/{di['id']}")["id"] == di["id"]
