"""A rendering shootout in the list follows its job live; a blind shootout hides its rigs
until the owner reveals them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from gts_cli.client import GtsClient
from gts_cli.flow import upload_di
from gts_cli.synth_di import di_wav_bytes

from ...rendering import shootout_over
from ..harness import axe_check, screenshot
from ..rendered import render_shootout
from .pages import LOAD_MS, RENDER_MS, TAG, ShootoutsUI, watch_requests

pytestmark = pytest.mark.e2e


def test_a_rendering_row_in_the_list_follows_its_job_live(shootouts_ui: ShootoutsUI) -> None:
    alice = shootouts_ui.alice
    # long enough that the row is seen rendering before it is done
    long_di = upload_di(alice, di_wav_bytes(45.0, seed=32), f"Long riff {TAG}")
    made = shootout_over(
        alice,
        f"Live row {TAG}",
        long_di,
        shootouts_ui.library["chains"],
        outputs={"video": False, "pictures": False},
    )
    page = shootouts_ui.page()
    requests = watch_requests(page)
    page.goto("/shootouts")
    row = page.get_by_role("row", name=re.compile(f"Live row {TAG}"))
    expect(row).to_contain_text("Draft")
    alice.post(f"/api/v1/shootouts/{made['id']}/render")
    # the list learns of the new job on its next read (a focus or a visit); then /ws drives it
    page.reload()
    expect(row.get_by_text(re.compile(r"Queued|Rendering \d+ %"))).to_be_visible()
    screenshot(page, shootouts_ui.screenshots, "shootouts-list-rendering", narrow=True)
    expect(row).to_contain_text("Done", timeout=RENDER_MS)
    lists = [r for r in requests if r.startswith("GET /api/v1/shootouts?")]
    assert len(lists) <= 4, f"the list was polled: {lists}"
    assert not [r for r in requests if r.startswith("GET /api/v1/jobs/")]


def test_the_owner_reveals_a_blind_shootout_and_visitors_then_see_the_rigs(
    signed_in: Callable[[str], Page],
    new_context: Callable[[], BrowserContext],
    alice: GtsClient,
    screenshots: Path,
) -> None:
    made = render_shootout(alice, f"Blind test {TAG}", chains=2, visibility="unlisted", blind=True)
    first = made["chains"][0]
    key = made["shootout"]["blind_key"]
    crunch = next(letter for letter, chain in key.items() if chain == first["id"])
    crunch_name = first["name"]

    # the visitor sees the rigs by name, not which letter each played as
    visitor = new_context().new_page()
    visitor.goto(f"/s/{made['id']}")
    expect(visitor.get_by_role("heading", name=f"Blind test {TAG}")).to_be_visible(timeout=LOAD_MS)
    rigs = visitor.get_by_role("region", name="The rigs")
    rig = rigs.get_by_role("listitem").filter(has_text=crunch_name)
    expect(rig).to_be_visible()
    expect(rig).not_to_contain_text(f"{crunch}: ")
    expect(visitor.get_by_role("list", name="Each chain on its own")).to_have_count(0)
    screenshot(visitor, screenshots, "shootouts-public-blind", narrow=True)

    page = signed_in("alice")
    page.goto(f"/shootouts/{made['id']}")
    page.get_by_role("button", name="Reveal to everyone").click()
    screenshot(page, screenshots, "shootouts-reveal-confirm", narrow=True)
    page.get_by_role("button", name="Yes, reveal").click()
    expect(page.get_by_role("status").filter(has_text="Revealed to everyone")).to_be_visible()
    axe_check(page)
    screenshot(page, screenshots, "shootouts-revealed", narrow=True)

    visitor.reload()
    expect(rig).to_contain_text(f"{crunch}: {crunch_name}", timeout=LOAD_MS)
    visitor.get_by_text("Each chain on its own", exact=True).click()
    expect(visitor.get_by_role("list", name="Each chain on its own")).to_be_visible()
    axe_check(visitor)
    screenshot(visitor, screenshots, "shootouts-public-revealed", narrow=True)
