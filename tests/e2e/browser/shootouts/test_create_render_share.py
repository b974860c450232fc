"""Shootouts as a guitarist walks them: create one in the form, render it and watch the live
progress (pushed over /ws, never polled), listen (players load and seek), watch the video,
see the pictures, sort the measurements, download every file, share it unlisted and copy the
link, hear it as an anonymous visitor, list it publicly on the front page; another user sees
none of it. Axe and a screenshot on every page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from ..harness import Guard, axe_check, screenshot
from .pages import (
    LOAD_MS,
    RENDER_MS,
    TAG,
    anonymous,
    media_ready,
    record_progress,
    seek,
    set_visibility,
    watch_requests,
)

pytestmark = pytest.mark.e2e

NAME = f"Amp night {TAG}"
# What the shootout's tests share: its id, the two chain names and the DI's name.
SHARED: dict[str, Any] = {}


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
