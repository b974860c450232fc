"""What the shootout browser tests share: their timeouts, a tag for names, alice's side of a
test, and the steps that watch a page's requests and render progress, play and seek its
players, and share it."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Page, expect

from gts_cli.client import GtsClient

from ..harness import Guard, axe_check, screenshot

RENDER_MS = 180_000  # a render of a 20 s DI through two chains takes seconds; leave room
LOAD_MS = 30_000
TAG = uuid.uuid4().hex[:6]


@dataclass
class ShootoutsUI:
    """Alice's side of a shootout test: her API client and library, her pages in the browser
    (watched by `guard`), and where their screenshots go."""

    alice: GtsClient
    library: dict[str, Any]
    guard: Guard
    screenshots: Path
    signed_in: Callable[[str], Page]

    def page(self) -> Page:
        """A fresh page, signed in as alice."""
        return self.signed_in("alice")

    def check(self, page: Page, name: str) -> None:
        """The page's screenshots as it is now (desktop and 390 px) as `name`, then axe on it."""
        screenshot(page, self.screenshots, name, narrow=True)
        axe_check(page)


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
