"""Shootouts as a guitarist walks them: create one in the form, render it and watch the live
progress (pushed over /ws, never polled), listen (players load and seek), watch the video,
see the pictures, sort the measurements, download every file, share it unlisted and copy the
link, hear it as an anonymous visitor, list it publicly on the front page; another user sees
none of it. A render refused for an unusable chain and the form's errors, in words. Axe and a
screenshot on every page."""

from __future__ import annotations

import random
import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import import_gear, upload_di
from gts_cli.synth_di import di_wav_bytes
from tone3000_sandbox.library.ir import synthesize_ir

from .harness import Guard, axe_check, screenshot

pytestmark = pytest.mark.e2e

RENDER_MS = 180_000  # a render of a 20 s DI through two chains takes seconds; leave room
LOAD_MS = 30_000
TAG = uuid.uuid4().hex[:6]
NAME = f"Amp night {TAG}"
# What the shootout's tests share: its id, the two chain names and the DI's name.
SHARED: dict[str, Any] = {}


def chain(client: GtsClient, name: str, gear_ids: list[str]) -> Any:
    """A chain of these gear items; gear reaches shootouts a moment after the catalog has it."""
    body = {"name": name, "blocks": [{"type": "gear", "gear_id": g} for g in gear_ids]}
    deadline = time.monotonic() + 20
    while True:
        try:
            return client.post("/api/v1/signal-chains", json=body)
        except GtsError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="module")
def library(alice: GtsClient) -> dict[str, Any]:
    """Alice's DI (20 s), two amps and a cab IR from TONE3000, two chains; a third chain on an
    IR she then deletes, so it cannot render."""
    di = upload_di(alice, di_wav_bytes(20.0, seed=31), f"Riff {TAG}")
    amps, irs = import_gear(alice, amps=2, irs=1)
    first = chain(alice, f"Crunch {TAG}", [amps[0]["id"], irs[0]["id"]])
    second = chain(alice, f"Lead {TAG}", [amps[1]["id"], irs[0]["id"]])
    doomed = synthesize_ir(seed=random.randrange(1 << 30))  # an IR no other test has
    doomed_ir = alice.post(
        "/api/v1/gear",
        files={"file": (f"doomed-{TAG}.wav", doomed, "audio/wav")},
        data={"kind": "cab-ir"},
    )
    broken = chain(alice, f"Broken {TAG}", [amps[0]["id"], doomed_ir["id"]])
    alice.request("DELETE", f"/api/v1/gear/{doomed_ir['id']}")
    # the removal reaches shootouts as an event, a moment later
    deadline = time.monotonic() + 20
    while alice.get(f"/api/v1/signal-chains/{broken['id']}")["usable"]:
        assert time.monotonic() < deadline, "the chain stayed usable after its IR was deleted"
        time.sleep(0.2)
    return {"di": di, "chains": [first, second], "broken": broken}


def watch_requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(f"{r.method} {re.sub(r'^https?://[^/]+', '', r.url)}"))
    return seen


def record_progress(page: Page) -> None:
    """Note every value the progress bar, the stage line and the announcer take, as they change."""
    page.evaluate(
        """() => {
            window.__seen = { percent: [], stage: [], said: [] };
            const note = (list, value) => {
                const last = list[list.length - 1];
                if (value !== null && value !== undefined && last !== value) list.push(value);
            };
            const look = () => {
                const bar = document.querySelector('.render-panel progress');
                note(window.__seen.percent, bar ? bar.getAttribute('value') : null);
                const stage = document.querySelector('.render-panel .job-progress__stage strong');
                note(window.__seen.stage, stage ? stage.textContent : null);
                const said = document.querySelector('.render-panel [role=status][aria-live]');
                note(window.__seen.said, said ? said.textContent : null);
            };
            new MutationObserver(look).observe(document.body, {
                subtree: true, childList: true, attributes: true, characterData: true,
            });
        }"""
    )


def media_ready(player: Locator) -> None:
    """A waveform player has loaded its audio: its Play button is enabled."""
    expect(player.get_by_role("button", name=re.compile(r"^Play "))).to_be_enabled(timeout=LOAD_MS)


def seek(page: Page, label: str) -> None:
    """Seek a waveform player with the keyboard; its audio element moves there."""
    slider = page.get_by_role("slider", name=f"Seek in {label}", exact=True)
    player = slider.locator("xpath=ancestor::figure[1]")
    media_ready(player)
    slider.focus()
    slider.press("End")
    slider.press("ArrowLeft")  # 5 s before the end (or the start of a short take)
    audio = player.locator("audio")
    expect(slider).not_to_have_attribute("aria-valuenow", "0")
    moved = audio.evaluate("a => a.currentTime")
    assert moved > 0, f"{label}: the audio did not move ({moved})"
    # the player streams the output itself (not a downloaded blob), so a seek is a Range request
    src = audio.evaluate("a => a.currentSrc")
    assert "/api/v1/outputs/" in src, f"{label}: plays {src}, not the output's URL"
    part = page.request.get(src, headers={"Range": "bytes=0-99"})
    assert part.status == 206, f"{label}: a Range request got {part.status}"


def set_visibility(page: Page, label: str) -> None:
    with page.expect_response(
        lambda r: r.request.method == "PATCH" and "/api/v1/shootouts/" in r.url
    ) as answer:
        page.get_by_label("Who can see it").select_option(label=label)
    assert answer.value.ok, answer.value.text()


def anonymous(new_context: Callable[[], BrowserContext]) -> Page:
    return new_context().new_page()


def test_the_form_says_what_is_missing_and_a_broken_chain_cannot_be_picked(
    signed_in: Callable[[str], Page], library: dict[str, Any], screenshots: Path
) -> None:
    page = signed_in("alice")
    page.goto("/shootouts")
    page.get_by_role("link", name="New shootout").click()
    expect(page.get_by_role("heading", name="New shootout", level=1)).to_be_visible()
    broken = page.get_by_role("checkbox", name=library["broken"]["name"])
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
    screenshot(page, screenshots, "shootouts-form-errors", narrow=True)
    axe_check(page)


def test_a_shootout_with_an_unusable_chain_is_refused_in_words(
    signed_in: Callable[[str], Page],
    alice: GtsClient,
    library: dict[str, Any],
    guard: Guard,
    screenshots: Path,
) -> None:
    made = alice.post(
        "/api/v1/shootouts",
        json={
            "name": f"Broken {TAG}",
            "di_ids": [library["di"]["id"]],
            "chain_ids": [library["broken"]["id"], library["chains"][0]["id"]],
        },
    )
    guard.allow(422, rf"^/api/v1/shootouts/{made['id']}/render$")
    page = signed_in("alice")
    page.goto(f"/shootouts/{made['id']}")
    page.get_by_role("button", name="Render", exact=True).click()
    refusal = page.get_by_role("alert").filter(has_text=re.compile("be rendered yet"))
    expect(refusal).to_contain_text(f"Broken {TAG}: a gear item was removed from your library")
    expect(refusal.get_by_role("link", name=f"Fix Broken {TAG}")).to_have_attribute(
        "href", f"/chains/{library['broken']['id']}"
    )
    screenshot(page, screenshots, "shootouts-render-refused", narrow=True)
    axe_check(page)


def test_create_render_listen_share(
    signed_in: Callable[[str], Page],
    new_context: Callable[[], BrowserContext],
    library: dict[str, Any],
    screenshots: Path,
    app_url: str,
) -> None:
    page = signed_in("alice")
    page.goto("/shootouts")
    expect(page.get_by_role("heading", name="Shootouts", level=1)).to_be_visible()
    screenshot(page, screenshots, "shootouts-list", narrow=True)
    axe_check(page)

    # -- create it in the form
    page.get_by_role("link", name="New shootout").click()
    first, second = (c["name"] for c in library["chains"])
    page.get_by_label("Name", exact=True).fill(NAME)
    page.get_by_label("Description (optional)").fill("Same riff, two amps, one cab.")
    page.get_by_role("checkbox", name=library["di"]["name"]).check()
    page.get_by_role("checkbox", name=first).check()
    page.get_by_role("checkbox", name=second).check()
    page.get_by_role("button", name=f"Move {second} up").click()
    expect(
        page.get_by_role("list", name="Montage order").get_by_role("listitem").first
    ).to_contain_text(second)
    page.get_by_label("Segment length (seconds)").fill("3")
    screenshot(page, screenshots, "shootouts-form", narrow=True)
    axe_check(page)
    page.get_by_role("button", name="Create shootout").click()
    expect(page.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    shootout_id = page.url.rstrip("/").split("/")[-1]
    SHARED.update(id=shootout_id)
    view = page.request.get(f"/api/v1/shootouts/{shootout_id}").json()
    assert view["chain_ids"] == [library["chains"][1]["id"], library["chains"][0]["id"]]
    assert view["montage"]["segment_seconds"] == 3
    screenshot(page, screenshots, "shootouts-draft", narrow=True)
    axe_check(page)

    # -- render it and watch the progress arrive over the socket
    requests = watch_requests(page)
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(str(f))))
    record_progress(page)
    page.get_by_role("button", name="Render", exact=True).click()
    expect(page.get_by_role("progressbar", name="Render progress")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel render")).to_be_visible()
    screenshot(page, screenshots, "shootouts-rendering", narrow=True)
    results = page.get_by_role("heading", name="Results", level=2)
    expect(results).to_be_visible(timeout=RENDER_MS)
    seen = page.evaluate("() => window.__seen")
    percents = [float(p) for p in seen["percent"]]
    assert percents == sorted(percents), f"the percent went back: {percents}"
    assert len({p for p in percents if 0 < p < 100}) >= 2, f"the bar did not move: {percents}"
    assert len(set(seen["stage"])) >= 2, f"the stage did not change: {seen['stage']}"
    assert seen["said"][-1].startswith("Render finished"), seen["said"]
    assert not [s for s in seen["said"] if "%" in s], (
        f"the announcer read out percents: {seen['said']}"
    )
    assert any('"progress"' in f for f in frames), "no progress came over the socket"
    job_reads = [r for r in requests if re.match(r"GET /api/v1/jobs/", r)]
    assert job_reads == [], f"the job was polled: {job_reads}"
    shootout_reads = [r for r in requests if r.startswith(f"GET /api/v1/shootouts/{shootout_id}")]
    assert len(shootout_reads) <= 3, f"the shootout was polled: {shootout_reads}"
    assert "GET /api/v1/shootouts/" + shootout_id + "/jobs" not in requests

    # -- the results: players, video, pictures, measurements, downloads
    view = page.request.get(f"/api/v1/shootouts/{shootout_id}").json()
    assert view["latest_job"]["status"] == "completed"
    # above the montage, the A/B player; each chain's own player is folded away below it
    expect(page.locator("[data-ab-player]")).to_have_attribute(
        "data-state", "ready", timeout=LOAD_MS
    )
    page.get_by_text("Each chain on its own", exact=True).click()
    for name in (first, second):
        expect(page.get_by_role("slider", name=f"Seek in {name}", exact=True)).to_be_visible()
    seek(page, "A/B montage")
    seek(page, first)
    video = page.get_by_role("region", name="Video").locator("video")
    video.scroll_into_view_if_needed()
    page.wait_for_function(
        "v => v.readyState >= 1 && v.duration > 0", arg=video.element_handle(), timeout=LOAD_MS
    )
    pictures = page.get_by_role("region", name="Pictures").get_by_role("img")
    expect(pictures).to_have_count(3)  # a card per chain and the spectrum
    for n in range(3):
        image = pictures.nth(n)
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "i => i.complete && i.naturalWidth > 0", arg=image.element_handle(), timeout=LOAD_MS
        )
        assert image.get_attribute("alt")

    table = page.get_by_role("table", name=re.compile("Each chain after loudness matching"))
    header = table.get_by_role("columnheader", name=re.compile("^Brightness"))
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    by_id = {c["id"]: c["name"] for c in library["chains"]}
    centroids = {
        by_id[r["chain_id"]]: r["metrics"]["spectral_centroid_hz"]
        for r in view["results"]
        if r["kind"] == "chain_audio"
    }
    rows = table.get_by_role("row").filter(has=page.get_by_role("rowheader"))
    names = [rows.nth(i).get_by_role("rowheader").inner_text() for i in range(rows.count())]
    assert names == sorted(centroids, key=centroids.__getitem__), (names, centroids)
    header.get_by_role("button").press("Enter")
    expect(header).to_have_attribute("aria-sort", "descending")
    names = [rows.nth(i).get_by_role("rowheader").inner_text() for i in range(rows.count())]
    assert names == sorted(centroids, key=centroids.__getitem__, reverse=True)

    links = page.get_by_role("region", name="Downloads").get_by_role("link")
    assert links.count() == len(view["results"])
    sizes = {r["url"]: r["size_bytes"] for r in view["results"]}
    for n in range(links.count()):
        href = links.nth(n).get_attribute("href") or ""
        assert links.nth(n).get_attribute("download")
        answer = page.request.get(href)
        assert answer.status == 200, f"{href}: {answer.status}"
        assert len(answer.body()) == sizes[href]
    screenshot(page, screenshots, "shootouts-results", narrow=True)
    axe_check(page)

    # -- share it unlisted and copy the link
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    set_visibility(page, "Unlisted")
    link = f"{app_url}/s/{shootout_id}"
    expect(page.get_by_label("Link to the shared page")).to_have_value(link)
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_text("Link copied.")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    screenshot(page, screenshots, "shootouts-shared", narrow=True)
    axe_check(page)

    # -- a visitor with the link, signed out
    visitor = anonymous(new_context)
    visitor.goto(link)
    expect(visitor.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    expect(visitor.get_by_role("link", name="Sign in with TONE3000").first).to_be_visible()
    for name in (first, second):
        expect(visitor.get_by_text(name).first).to_be_visible()
    seek(visitor, "A/B montage")
    assert "gear_id" not in visitor.request.get(f"/api/v1/public/shootouts/{shootout_id}").text()
    screenshot(visitor, screenshots, "shootouts-public", narrow=True)
    axe_check(visitor)

    # -- public: on the front page for everyone
    set_visibility(page, "Public")
    visitor.goto("/")
    card = visitor.get_by_role("article", name=NAME)
    expect(card).to_be_visible()
    media_ready(card)
    expect(card.get_by_role("link", name=NAME, exact=True)).to_have_attribute(
        "href", f"/s/{shootout_id}"
    )
    screenshot(visitor, screenshots, "shootouts-landing", narrow=True)
    axe_check(visitor)

    # -- private again: the link stops working
    set_visibility(page, "Private")
    expect(page.get_by_label("Link to the shared page")).to_have_count(0)
    SHARED.update(private=True)


def test_another_user_sees_none_of_it(
    signed_in: Callable[[str], Page], guard: Guard, screenshots: Path
) -> None:
    if not SHARED.get("private"):
        pytest.skip("needs the shootout made private by test_create_render_listen_share")
    shootout_id = SHARED["id"]
    guard.allow(404, rf"^/api/v1/shootouts/{shootout_id}$")
    guard.allow(404, rf"^/api/v1/public/shootouts/{shootout_id}$")
    bob = signed_in("bob")
    bob.goto("/shootouts")
    expect(bob.get_by_role("heading", name="Shootouts", level=1)).to_be_visible()
    bob.wait_for_load_state("networkidle")
    expect(bob.get_by_text(NAME)).to_have_count(0)
    screenshot(bob, screenshots, "shootouts-bob-list", narrow=True)
    axe_check(bob)
    bob.goto(f"/shootouts/{shootout_id}")
    expect(bob.get_by_role("heading", name="Shootout not found")).to_be_visible()
    screenshot(bob, screenshots, "shootouts-bob-not-found", narrow=True)
    axe_check(bob)
    bob.goto(f"/s/{shootout_id}")
    expect(bob.get_by_role("heading", name="Not found or not shared")).to_be_visible()
    screenshot(bob, screenshots, "shootouts-not-shared", narrow=True)
    axe_check(bob)


def test_a_rendering_row_in_the_list_follows_its_job_live(
    signed_in: Callable[[str], Page], alice: GtsClient, library: dict[str, Any], screenshots: Path
) -> None:
    # long enough that the row is seen rendering before it is done
    long_di = upload_di(alice, di_wav_bytes(45.0, seed=32), f"Long riff {TAG}")
    made = alice.post(
        "/api/v1/shootouts",
        json={
            "name": f"Live row {TAG}",
            "di_ids": [long_di["id"]],
            "chain_ids": [c["id"] for c in library["chains"]],
            "outputs": {"video": False, "pictures": False},
        },
    )
    page = signed_in("alice")
    requests = watch_requests(page)
    page.goto("/shootouts")
    row = page.get_by_role("row", name=re.compile(f"Live row {TAG}"))
    expect(row).to_contain_text("Draft")
    alice.post(f"/api/v1/shootouts/{made['id']}/render")
    # the list learns of the new job on its next read (a focus or a visit); then /ws drives it
    page.reload()
    expect(row.get_by_text(re.compile(r"Queued|Rendering \d+ %"))).to_be_visible()
    screenshot(page, screenshots, "shootouts-list-rendering", narrow=True)
    expect(row).to_contain_text("Done", timeout=RENDER_MS)
    lists = [r for r in requests if r.startswith("GET /api/v1/shootouts?")]
    assert len(lists) <= 4, f"the list was polled: {lists}"
    assert not [r for r in requests if r.startswith("GET /api/v1/jobs/")]


def test_a_di_that_shootouts_use_is_kept_and_the_page_says_why(
    signed_in: Callable[[str], Page],
    alice: GtsClient,
    library: dict[str, Any],
    guard: Guard,
    screenshots: Path,
) -> None:
    di = library["di"]
    alice.post(
        "/api/v1/shootouts",
        json={
            "name": f"Keeps the DI {TAG}",
            "di_ids": [di["id"]],
            "chain_ids": [c["id"] for c in library["chains"]],
        },
    )
    guard.allow(409, rf"^/api/v1/di-tracks/{di['id']}$")
    page = signed_in("alice")
    page.goto("/di-tracks")
    page.get_by_role("button", name=f"Delete {di['name']}", exact=True).click()
    page.get_by_role("button", name="Yes, delete").click()
    refusal = page.get_by_role("alert").filter(has_text="shootouts use this DI")
    expect(refusal).to_contain_text(f"Keeps the DI {TAG}")
    screenshot(page, screenshots, "shootouts-di-in-use", narrow=True)
    axe_check(page)
    assert alice.get(f"/api/v1/di-tracks/{di['id']}")["id"] == di["id"]


def test_the_owner_reveals_a_blind_shootout_and_visitors_then_see_the_rigs(
    signed_in: Callable[[str], Page],
    new_context: Callable[[], BrowserContext],
    alice: GtsClient,
    library: dict[str, Any],
    screenshots: Path,
) -> None:
    made = alice.post(
        "/api/v1/shootouts",
        json={
            "name": f"Blind test {TAG}",
            "di_ids": [library["di"]["id"]],
            "chain_ids": [c["id"] for c in library["chains"]],
            "montage": {"segment_seconds": 2.0, "blind": True},
            "visibility": "unlisted",
            "outputs": {"video": False, "pictures": False},
        },
    )
    job = alice.post(f"/api/v1/shootouts/{made['id']}/render")
    deadline = time.monotonic() + RENDER_MS / 1000
    while alice.get(f"/api/v1/jobs/{job['job_id']}")["status"] != "completed":
        assert time.monotonic() < deadline, "the blind render did not complete"
        time.sleep(0.5)

    key = alice.get(f"/api/v1/shootouts/{made['id']}")["blind_key"]
    crunch = next(letter for letter, chain in key.items() if chain == library["chains"][0]["id"])

    # the visitor sees the rigs by name, not which letter each played as
    visitor = new_context().new_page()
    visitor.goto(f"/s/{made['id']}")
    expect(visitor.get_by_role("heading", name=f"Blind test {TAG}")).to_be_visible(timeout=LOAD_MS)
    rigs = visitor.get_by_role("region", name="The rigs")
    rig = rigs.get_by_role("listitem").filter(has_text=f"Crunch {TAG}")
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
    expect(rig).to_contain_text(f"{crunch}: Crunch {TAG}", timeout=LOAD_MS)
    visitor.get_by_text("Each chain on its own", exact=True).click()
    expect(visitor.get_by_role("list", name="Each chain on its own")).to_be_visible()
    axe_check(visitor)
    screenshot(visitor, screenshots, "shootouts-public-revealed", narrow=True)
