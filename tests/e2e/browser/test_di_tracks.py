"""DI tracks as a guitarist walks them: upload a DI (and a file that is not one), see its
waveform, play it and seek by click and by keyboard, rename it and pick its channel. Checked
through the API as well; a screenshot (desktop and 390 px) and axe on every page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .chain_steps import LOAD_MS, TAG, USER
from .harness import api_get, axe_check, fixture_files, screenshot

pytestmark = pytest.mark.e2e


def test_upload_play_seek_and_edit_a_di(
    signed_in: Callable[[str], Page], shared_fixtures: Path, tmp_path: Path, screenshots: Path
) -> None:
    (di,) = fixture_files(shared_fixtures, "audio/di_gojira_left.wav")
    not_audio = tmp_path / "notes.txt"
    not_audio.write_text("a set list, not a recording\n")

    page = signed_in(USER)
    page.goto("/di-tracks")
    expect(page.get_by_role("heading", name="DI tracks", level=1)).to_be_visible()
    axe_check(page)
    screenshot(page, screenshots, "chains-di-start", narrow=True)

    # the DI and a text file through the file input: one uploads, one is refused in words
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choose DI files").click()
    assert chooser.value.is_multiple()
    chooser.value.set_files([str(di), str(not_audio)])
    uploads = page.get_by_role("list", name="Uploads")
    expect(uploads.get_by_role("listitem").filter(has_text="di_gojira_left.wav")).to_contain_text(
        re.compile(r"Uploaded as|Already in your DI tracks"), timeout=LOAD_MS
    )
    expect(
        uploads.get_by_role("listitem").filter(has_text="notes.txt").get_by_role("alert")
    ).to_contain_text("not a WAV, FLAC, AIFF, OGG or MP3 file")
    track = next(
        t for t in api_get(page, "/api/v1/di-tracks?limit=100")["items"] if t["filename"] == di.name
    )
    name = track["name"]
    assert track["channels"] == 2
    assert abs(track["duration_seconds"] - 3.5) < 0.1

    # its facts and its waveform (drawn from the track's peaks) with a player
    card = page.get_by_role("listitem", name=name, exact=True)
    expect(card).to_contain_text("48 kHz")
    expect(card).to_contain_text("Stereo")
    expect(card).to_contain_text("Left channel")
    expect(card.locator("canvas").first).to_be_visible()
    play = card.get_by_role("button", name=f"Play {name}")
    expect(play).to_be_enabled(timeout=LOAD_MS)
    axe_check(page)
    screenshot(page, screenshots, "chains-di-uploaded", narrow=True)

    audio = card.locator("audio")
    play.click()
    pause = card.get_by_role("button", name=f"Pause {name}")
    expect(pause).to_be_visible()
    page.wait_for_function(
        "(a) => !a.paused && a.currentTime > 0.2", arg=audio.element_handle(), timeout=LOAD_MS
    )
    pause.click()
    expect(play).to_be_visible()
    assert audio.evaluate("(a) => a.paused")

    # seek by keyboard: Home, then an arrow moves a tenth of a short DI (0.5 s)
    seek = card.get_by_role("slider", name=f"Seek in {name}")
    seek.focus()
    seek.press("Home")
    seek.press("ArrowRight")
    expect(seek).to_have_attribute("aria-valuetext", re.compile(r"^0:00\.5 of 0:03\.5"))
    assert abs(audio.evaluate("(a) => a.currentTime") - 0.5) < 0.05
    # and by a click three quarters of the way along
    box = seek.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] / 2)
    page.wait_for_function("(a) => Math.abs(a.currentTime - 2.6) < 0.3", arg=audio.element_handle())
    src = audio.evaluate("(a) => a.currentSrc")
    assert src.endswith(f"/api/v1/di-tracks/{track['id']}/audio"), f"plays {src}, not the DI's URL"
    screenshot(page, screenshots, "chains-di-seeked", narrow=True)

    # rename and render the mix of both channels
    card.get_by_role("button", name=f"Edit {name}").click()
    form = page.get_by_role("form", name=f"Edit {name}")
    form.get_by_role("textbox", name="Name").fill(f"Gojira riff {TAG}")
    form.get_by_role("combobox", name="Channel to render").select_option("mix")
    axe_check(page)
    form.get_by_role("button", name="Save").click()
    renamed = page.get_by_role("listitem", name=f"Gojira riff {TAG}", exact=True)
    expect(renamed).to_contain_text("Both channels mixed")
    saved = api_get(page, f"/api/v1/di-tracks/{track['id']}")
    assert (saved["name"], saved["channel"]) == (f"Gojira riff {TAG}", "mix")
    screenshot(page, screenshots, "chains-di-edited", narrow=True)
