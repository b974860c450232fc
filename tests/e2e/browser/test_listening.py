"""The listening room as listeners walk it: a visitor who is not signed in takes the blind test
from start to reveal (no chain named before the vote), a signed-in listener runs a 16-trial
ABX test to its result, and the owner's page counts a vote as it arrives (pushed over /ws, no
reload). Axe and screenshots at 1280 and 390 px on every page."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from gts_cli.client import GtsClient

from .harness import Guard, axe_check, screenshot
from .rendered import render_shootout

pytestmark = pytest.mark.e2e

LOAD_MS = 30_000
TAG = uuid.uuid4().hex[:6]
# A visitor may not read results the owner has not published: the pages ask, and get 404.


@pytest.fixture(scope="module")
def shootout(alice: GtsClient) -> dict[str, Any]:
    """Alice's unlisted shootout of three chains, rendered."""
    return render_shootout(alice, f"Listening {TAG}", chains=3, visibility="unlisted")


def names_of(shootout: dict[str, Any]) -> list[str]:
    return [c["name"] for c in shootout["chains"]]


def player_ready(page: Page) -> None:
    expect(page.locator("[data-ab-player]").first).to_have_attribute(
        "data-state", re.compile("ready|paused|playing"), timeout=LOAD_MS
    )


def test_a_visitor_takes_the_blind_test_from_start_to_reveal(
    new_context: Callable[[], BrowserContext],
    guard: Guard,
    shootout: dict[str, Any],
    screenshots: Path,
) -> None:
    visitor = new_context().new_page()
    visitor.goto(f"/s/{shootout['id']}")
    visitor.get_by_role("link", name="Take the blind test").click()
    heading = visitor.get_by_role("heading", name="Blind test", exact=True)
    expect(heading).to_be_visible(timeout=LOAD_MS)
    player_ready(visitor)
    assert "session=" in visitor.url
    before = visitor.locator("body").inner_text()
    for name in names_of(shootout):
        assert name not in before, f"{name!r} shows before the vote"

    submit = visitor.get_by_role("button", name="Submit and reveal")
    expect(submit).to_be_disabled()
    letters = ["A", "B", "C"]
    for n, letter in enumerate(letters):
        visitor.get_by_label(f"Rating for {letter}, as a number").fill(str(40 + 20 * n))
    expect(submit).to_be_disabled()  # no favourite yet
    # the slider's keys: End takes B to 100
    visitor.get_by_label("Rating for B", exact=True).press("End")
    visitor.get_by_role("radio", name="Favourite B").check()
    expect(submit).to_be_enabled()
    axe_check(visitor)
    screenshot(visitor, screenshots, "listening-blind", narrow=True)
    after_names = visitor.locator("body").inner_text()
    for name in names_of(shootout):
        assert name not in after_names

    submit.click()
    reveal = visitor.get_by_role("region", name="The reveal")
    expect(reveal).to_be_visible(timeout=LOAD_MS)
    for name in names_of(shootout):
        expect(reveal).to_contain_text(name)
    favourite = reveal.locator("tr", has_text="your favourite")
    expect(favourite).to_have_count(1)
    expect(favourite).to_contain_text("100")
    axe_check(visitor)
    screenshot(visitor, screenshots, "listening-reveal", narrow=True)

    # a second visit: voted already (409 already_voted), the reveal of the earlier session
    guard.allow(409, r"/api/v1/shootouts/[^/]+/listening$")
    visitor.goto(f"/s/{shootout['id']}/listen")
    expect(visitor.get_by_role("region", name="The reveal")).to_be_visible(timeout=LOAD_MS)
    expect(visitor.get_by_text("You have voted on this shootout already")).to_be_visible()
    # the 409 names the voted session: a browser that forgot it shows the reveal as well
    visitor.evaluate("localStorage.clear()")
    visitor.goto(f"/s/{shootout['id']}/listen")
    expect(visitor.get_by_role("region", name="The reveal")).to_be_visible(timeout=LOAD_MS)
    expect(visitor.get_by_role("region", name="The reveal")).to_contain_text("your favourite")


def test_a_listener_runs_an_abx_test_of_16_trials_to_its_result(
    signed_in: Callable[[str], Page], guard: Guard, shootout: dict[str, Any], screenshots: Path
) -> None:
    page = signed_in("bob")
    page.goto(f"/s/{shootout['id']}/abx")
    expect(page.get_by_role("heading", name="ABX test")).to_be_visible(timeout=LOAD_MS)
    expect(page.get_by_label("Trials")).to_have_value("16")
    axe_check(page)
    screenshot(page, screenshots, "listening-abx-setup", narrow=True)
    page.get_by_role("button", name="Start the ABX test").click()

    for n in range(1, 17):
        expect(page.get_by_role("heading", name=f"Trial {n} of 16")).to_be_visible(timeout=LOAD_MS)
        if n == 1:
            assert "run=" in page.url
            player_ready(page)
            axe_check(page)
            screenshot(page, screenshots, "listening-abx-trial", narrow=True)
        if n == 8:  # a reload resumes at the trial to answer
            page.reload()
            expect(page.get_by_role("heading", name="Trial 8 of 16")).to_be_visible(timeout=LOAD_MS)
        if n % 2:
            page.get_by_role("button", name=re.compile("^X is A")).click()
        else:
            page.keyboard.press("b")
        if n < 16:
            expect(
                page.get_by_text(re.compile(rf"Trial {n}: (right|wrong), X was [AB]\."))
            ).to_be_visible()

    result = page.get_by_role("region", name="Your result")
    expect(result).to_be_visible(timeout=LOAD_MS)
    expect(result).to_contain_text(re.compile(r"\d+ of 16"))
    expect(result).to_contain_text(
        re.compile(r"p (=|<) [0-9.]+: (unlikely to be|could be) guessing")
    )
    expect(result.locator("tbody tr")).to_have_count(16)
    axe_check(page)
    screenshot(page, screenshots, "listening-abx-result", narrow=True)


def test_the_owners_page_counts_a_vote_as_it_arrives(
    signed_in: Callable[[str], Page],
    new_context: Callable[[], BrowserContext],
    guard: Guard,
    shootout: dict[str, Any],
    screenshots: Path,
) -> None:
    owner = signed_in("alice")
    owner.goto(f"/shootouts/{shootout['id']}")
    panel = owner.get_by_role("region", name="Listening room")
    votes = panel.locator("[data-votes]")
    expect(votes).to_be_visible(timeout=LOAD_MS)
    before = int(votes.get_attribute("data-votes") or "0")
    expect(panel.get_by_label("Blind test link for listeners")).to_have_value(
        re.compile(rf"/s/{shootout['id']}/listen$")
    )

    # another listener votes from a browser of their own
    other = new_context()
    assert other.request.post("/api/v1/listener").ok
    started = other.request.post(f"/api/v1/shootouts/{shootout['id']}/listening", data={})
    assert started.ok, started.text()
    session = started.json()
    ratings = dict.fromkeys(session["letters"], 50)
    voted = other.request.post(
        f"/api/v1/listening/{session['id']}/vote",
        data={"ratings": ratings, "favourite": session["letters"][0]},
    )
    assert voted.ok, voted.text()

    expect(votes).to_have_attribute("data-votes", str(before + 1), timeout=LOAD_MS)
    per_chain = panel.get_by_role("list", name=re.compile("^Per chain"))
    expect(per_chain.get_by_role("listitem")).to_have_count(3)
    picture = panel.get_by_role("link", name="Download the picture (SVG)")
    answer = owner.request.get(picture.get_attribute("href") or "")
    assert answer.ok, answer.text()
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert f"{before + 1} blind vote" in answer.text()
    axe_check(owner)
    screenshot(owner, screenshots, "listening-owner", narrow=True)

    # published, the shared page shows them too
    panel.get_by_role("button", name="Publish results").click()
    expect(panel.get_by_text("Results published")).to_be_visible()
    visitor = new_context().new_page()
    visitor.goto(f"/s/{shootout['id']}")
    shared = visitor.get_by_role("region", name="What listeners preferred")
    expect(shared).to_be_visible(timeout=LOAD_MS)
    expect(shared.locator("[data-votes]")).to_have_attribute("data-votes", str(before + 1))
    expect(shared.get_by_role("button", name=re.compile("publish", re.I))).to_have_count(0)
    axe_check(visitor)
    screenshot(visitor, screenshots, "listening-public-results", narrow=True)
