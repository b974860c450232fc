"""The A/B player on a rendered shootout, in Chromium: every chain plays on one audio clock, so
a switch (key 2) changes what is heard at the same moment of the riff, within a crossfade,
and the playhead runs on; the arrows step through the chains; keys typed into a text field
are left alone. A screenshot of the player at 1280 and 390 px, and axe."""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from gts_cli.client import GtsClient

from .harness import axe_check, screenshot
from .rendered import render_shootout

pytestmark = pytest.mark.e2e

LOAD_MS = 30_000
FRAME_S = 1 / 60
# what a switch may move the playhead beyond the time that passed: the crossfade's worth
SWITCH_SLACK_S = 0.020

MEASURE = """() => {
    const player = document.querySelector('[data-ab-player]');
    const { playhead, current } = player.dataset;
    return { t: performance.now(), p: Number(playhead), current };
}"""
# after the next frame has been drawn, so data-playhead is the frame's
MEASURE_AFTER_FRAME = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(("
    + MEASURE
    + ")()))))"
)


@pytest.fixture(scope="module")
def shootout(alice: GtsClient) -> dict[str, Any]:
    return render_shootout(alice, f"A/B night {uuid.uuid4().hex[:6]}", chains=3)


def test_switching_chains_keeps_the_playhead_and_the_clock_running(
    signed_in: Callable[[str], Page], shootout: dict[str, Any], screenshots: Path
) -> None:
    keys = [c["id"] for c in shootout["chains"]]
    names = [c["name"] for c in shootout["chains"]]
    page = signed_in("alice")
    page.goto(f"/shootouts/{shootout['id']}")
    player = page.locator("[data-ab-player]")
    expect(player).to_have_attribute("data-state", "ready", timeout=LOAD_MS)
    expect(player).to_have_attribute("data-current", keys[0])
    choices = player.get_by_role("radiogroup")
    for n, name in enumerate(names, start=1):
        expect(choices.get_by_role("radio", name=f"{n} {name}", exact=True)).to_be_visible()
    expect(choices.get_by_role("radio", name=f"1 {names[0]}")).to_have_attribute(
        "aria-checked", "true"
    )

    player.get_by_role("button", name=re.compile(r"^Play ")).click()
    expect(player).to_have_attribute("data-state", "playing")
    page.wait_for_timeout(500)

    before = page.evaluate(MEASURE)
    assert before["p"] > 0.2, f"the playhead did not move in 0.5 s of playing: {before}"
    page.keyboard.press("2")
    after = page.evaluate(MEASURE_AFTER_FRAME)
    assert after["current"] == keys[1], after
    elapsed = (after["t"] - before["t"]) / 1000
    jump = abs(after["p"] - before["p"])
    assert jump < SWITCH_SLACK_S + elapsed + FRAME_S, (
        f"the switch moved the playhead {jump:.3f} s in {elapsed:.3f} s: {before} -> {after}"
    )
    expect(page.get_by_text(f"Now playing {names[1]}")).to_be_visible()

    # the audio clock runs on after the switch: nothing was stopped or restarted
    page.wait_for_timeout(300)
    later = page.evaluate(MEASURE_AFTER_FRAME)
    assert later["p"] - after["p"] > 0.2, f"the playhead stalled: {after} -> {later}"
    expect(player).to_have_attribute("data-state", "playing")

    page.keyboard.press("ArrowRight")
    expect(player).to_have_attribute("data-current", keys[2])
    expect(choices.get_by_role("radio", name=f"3 {names[2]}")).to_have_attribute(
        "aria-checked", "true"
    )
    page.keyboard.press("ArrowRight")
    expect(player).to_have_attribute("data-current", keys[0])

    # typing into a field switches nothing
    page.evaluate(
        """() => {
            const field = document.createElement('input');
            field.id = 'typing'; field.setAttribute('aria-label', 'Notes');
            document.querySelector('main').prepend(field);
        }"""
    )
    field = page.locator("#typing")
    field.focus()
    page.keyboard.type("3 2")
    page.keyboard.press("ArrowLeft")
    expect(field).to_have_value("3 2")
    expect(player).to_have_attribute("data-current", keys[0])
    expect(player).to_have_attribute("data-state", "playing")
    page.evaluate("() => document.getElementById('typing').remove()")

    # a click on a chain's button switches too; Space (focus in the player) pauses
    choices.get_by_role("radio", name=f"2 {names[1]}").click()
    expect(player).to_have_attribute("data-current", keys[1])
    page.keyboard.press(" ")
    expect(player).to_have_attribute("data-state", "paused")
    page.keyboard.press(" ")
    expect(player).to_have_attribute("data-state", "playing")

    # a click on the waveform seeks; a drag across it loops that part, and the playhead wraps
    wave = player.get_by_role("slider", name=re.compile(r"^Seek in "))
    duration = float(wave.get_attribute("aria-valuemax") or 0)
    box = wave.bounding_box()
    assert box is not None
    assert duration > 4, duration
    middle = box["y"] + box["height"] / 2
    page.mouse.click(box["x"] + box["width"] * 0.75, middle)
    seeked = page.evaluate(MEASURE_AFTER_FRAME)
    assert abs(seeked["p"] - 0.75 * duration) < 0.25, (seeked, duration)
    page.mouse.move(box["x"] + box["width"] * 0.1, middle)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.15, middle, steps=4)
    page.mouse.move(box["x"] + box["width"] * 0.2, middle, steps=4)
    page.mouse.up()
    clear = player.get_by_role("button", name=re.compile(r"^Clear loop"))
    expect(clear).to_be_visible()
    start, end = 0.1 * duration, 0.2 * duration
    heard = page.evaluate(
        """(span) => new Promise((done) => {
            const player = document.querySelector('[data-ab-player]');
            const seen = [];
            const started = performance.now();
            const look = () => {
                seen.push(Number(player.dataset.playhead));
                if (performance.now() - started < span) requestAnimationFrame(look);
                else done(seen);
            };
            requestAnimationFrame(look);
        })""",
        (end - start) * 1000 * 1.6,
    )
    outside = [p for p in heard if not start - 0.05 <= p <= end + 0.05]
    assert not outside, f"the playhead left the loop {start:.2f}-{end:.2f}: {outside[:5]}"
    assert any(b < a for a, b in itertools.pairwise(heard)), "the loop never wrapped"
    clear.click()
    expect(clear).to_have_count(0)
    expect(player).to_have_attribute("data-state", "playing")
    player.get_by_role("button", name=re.compile(r"^Pause ")).click()
    expect(player).to_have_attribute("data-state", "paused")

    player.scroll_into_view_if_needed()
    player.screenshot(path=screenshots / "ab-player.png")
    page.set_viewport_size({"width": 390, "height": 844})
    player.scroll_into_view_if_needed()
    player.screenshot(path=screenshots / "ab-player-390.png")
    page.set_viewport_size({"width": 1280, "height": 720})
    screenshot(page, screenshots, "ab-player-page", narrow=True)
    axe_check(page)


def test_a_blind_shootout_plays_by_letter_and_names_nobody(
    signed_in: Callable[[str], Page], alice: GtsClient, screenshots: Path
) -> None:
    blind = render_shootout(alice, f"A/B blind {uuid.uuid4().hex[:6]}", chains=3, blind=True)
    names = [c["name"] for c in blind["chains"]]
    page = signed_in("alice")
    takes = {r["url"] for r in blind["shootout"]["results"] if r["kind"] == "chain_audio"}
    loads: list[str] = []
    page.on("request", lambda r: loads.append(r.url) if urlsplit(r.url).path in takes else None)
    page.goto(f"/shootouts/{blind['id']}")
    player = page.locator("[data-ab-player]")
    expect(player).to_have_attribute("data-state", "ready", timeout=LOAD_MS)
    expect(player).to_have_attribute("data-current", "A")
    assert len(loads) == len(takes), loads
    choices = player.get_by_role("radio")
    expect(choices).to_have_text(
        [re.compile(rf"^{n}\s*Chain {x}$") for n, x in ((1, "A"), (2, "B"), (3, "C"))]
    )
    text = player.inner_text()
    assert not [name for name in names if name in text], text
    page.keyboard.press("3")
    expect(player).to_have_attribute("data-current", "C")
    expect(page.get_by_text("Now playing Chain C")).to_be_visible()

    # the owner peeks: the names join the letters, and nothing is fetched again
    fetched = len(loads)
    page.get_by_role("button", name="Reveal which chain is which").click()
    key = blind["shootout"]["blind_key"]
    by_id = {c["id"]: c["name"] for c in blind["chains"]}
    expect(player.get_by_role("radio", name=f"3 C: {by_id[key['C']]}")).to_have_attribute(
        "aria-checked", "true"
    )
    expect(player).to_have_attribute("data-state", "ready")
    assert len(loads) == fetched, loads[fetched:]
    player.scroll_into_view_if_needed()
    player.screenshot(path=screenshots / "ab-player-blind.png")
    axe_check(page)


def test_sixteen_chains_of_a_long_di_are_held_a_passage_at_a_time(
    alice: GtsClient, signed_in: Callable[[str], Page], screenshots: Path
) -> None:
    # 16 chains of 140 s would hold 430 MB decoded: past the budget, so a passage is held
    made = render_shootout(alice, f"Sixteen {uuid.uuid4().hex[:6]}", chains=16, di_seconds=140.0)
    keys = [c["id"] for c in made["chains"]]
    page = signed_in("alice")
    page.goto(f"/shootouts/{made['id']}")
    player = page.locator("[data-ab-player]")
    expect(player).to_have_attribute("data-state", "ready", timeout=3 * LOAD_MS)
    expect(player.get_by_role("radio")).to_have_count(16)
    held = player.get_by_text(re.compile(r"^A long recording"))
    expect(held).to_contain_text(re.compile(r"Playing 0:00\u20132:11 of 2:2\d"))
    later = player.get_by_role("button", name="Later passage →")
    later.click()
    expect(player).to_have_attribute("data-state", "loading")
    expect(player).to_have_attribute("data-state", "ready", timeout=3 * LOAD_MS)
    expect(later).to_be_disabled()
    moved = re.search(r"Playing 0:(\d\d)\u2013(2:2\d) of (2:2\d)", held.inner_text())
    assert moved is not None, held.inner_text()
    assert moved[2] == moved[3]  # the last passage ends with the recording
    # the playhead is the recording's: the passage's start
    assert float(player.get_attribute("data-playhead") or "0") == float(moved[1])

    # past key 9, the arrows reach every chain
    player.get_by_role("button", name=re.compile(r"^Play ")).click()
    expect(player).to_have_attribute("data-state", "playing")
    for _ in range(11):
        page.keyboard.press("ArrowRight")
    expect(player).to_have_attribute("data-current", keys[11])
    page.keyboard.press("ArrowLeft")
    expect(player).to_have_attribute("data-current", keys[10])
    screenshot(page, screenshots, "ab-player-sixteen", narrow=True)
