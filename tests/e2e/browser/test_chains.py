"""DI tracks and signal chains as a guitarist walks them: upload a DI (and a file that is not
one), see its waveform, play it and seek by click and by keyboard, rename it and pick its
channel; build two chains in the builder (one with an effect whose parameter changes), see a
grammar error at the block it names, reorder by keyboard and by drag; make a chain group with
two options in a slot, generate it, and read the chains made and the combinations skipped.
Everything checked through the API as well; a screenshot (desktop and 390 px) and axe on every
page."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from .harness import Guard, api_get, axe_check, csrf, screenshot

pytestmark = pytest.mark.e2e

TAG = uuid.uuid4().hex[:6]
USER = "carol"  # alice and bob belong to the other browser tests
LOAD_MS = 30_000


def upload_gear(page: Page, path: Path, kind: str | None = None) -> dict[str, Any]:
    """Add a gear file as the gear page does (multipart, CSRF header); the item, kind as asked."""
    fields: dict[str, Any] = {
        "file": {
            "name": path.name,
            "mimeType": "application/octet-stream",
            "buffer": path.read_bytes(),
        }
    }
    if kind:
        fields["kind"] = kind
    answer = page.request.post(
        "/api/v1/gear", headers={"X-CSRF-Token": csrf(page)}, multipart=fields
    )
    assert answer.status in (200, 201), f"{path.name}: {answer.status} {answer.text()}"
    item: dict[str, Any] = answer.json()
    if kind and item["kind"] != kind:  # the same file uploaded before, as another kind
        changed = page.request.patch(
            f"/api/v1/gear/{item['id']}",
            headers={"X-CSRF-Token": csrf(page), "Content-Type": "application/json"},
            data=json.dumps({"kind": kind}),
        )
        assert changed.ok, changed.text()
        item = changed.json()
    return item


def wait_until_chains_know(page: Page, *items: dict[str, Any]) -> None:
    """The shootouts service learns of gear from the catalog's events: wait until each item
    is known there (a chain of it twice is refused for the grammar, no longer UNKNOWN_GEAR)."""
    for item in items:
        block = {"type": "gear", "gear_id": item["id"]}

        def known(block: dict[str, str] = block) -> bool:
            answer = page.request.post(
                "/api/v1/signal-chains",
                headers={"X-CSRF-Token": csrf(page), "Content-Type": "application/json"},
                data=json.dumps({"name": "probe", "blocks": [block, block]}),
            )
            codes = [e.get("code") for e in answer.json().get("errors", [])]
            return "UNKNOWN_GEAR" not in codes

        for _ in range(100):
            if known():
                break
            page.wait_for_timeout(100)
        else:
            pytest.fail(f"gear {item['name']} never reached the shootouts service")


def block_item(page: Page, name: str) -> Locator:
    """A block of the builder, by the name it shows ("JCM800 capture 3 (amp)")."""
    return page.get_by_role("list", name="Blocks in signal order").get_by_role(
        "listitem", name=re.compile(re.escape(name))
    )


def block_names(page: Page) -> list[str]:
    headings = page.get_by_role("list", name="Blocks in signal order").get_by_role("heading")
    return [re.sub(r"^\d+\.\s*", "", h) for h in headings.all_inner_texts()]


def add_gear_block(page: Page, kind_button: str, picker: str, item: dict[str, Any]) -> None:
    page.get_by_role("button", name=kind_button).click()
    page.get_by_role("combobox", name=picker).select_option(item["id"])
    page.get_by_role("button", name=f"Add {item['name']}").click()


def add_effect_block(page: Page, label: str, value: str) -> None:
    page.get_by_role("button", name="+ Effect").click()
    page.get_by_role("combobox", name="Effect", exact=True).select_option(value)
    page.get_by_role("button", name=f"Add {label}").click()


def test_upload_play_seek_and_edit_a_di(
    signed_in: Callable[[str], Page], shared_fixtures: Path, tmp_path: Path, screenshots: Path
) -> None:
    di = shared_fixtures / "audio" / "di_gojira_left.wav"
    if not di.is_file():
        pytest.skip(f"fixture {di} is missing")
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


def test_build_chains_and_generate_a_group(
    signed_in: Callable[[str], Page], guard: Guard, shared_fixtures: Path, screenshots: Path
) -> None:
    capture = shared_fixtures / "nam" / "jcm800_capture3.nam"
    rig_file = shared_fixtures / "nam" / "tiny_wavenet.nam"
    cab = shared_fixtures / "ir" / "mesa_os_4x12_57.wav"
    for needed in (capture, rig_file, cab):
        if not needed.is_file():
            pytest.skip(f"fixture {needed} is missing")
    guard.allow(422, r"^/api/v1/signal-chains$")  # the grammar error this test provokes

    page = signed_in(USER)
    # gear as the gear page adds it: the JCM800 capture is an amp alone (it needs a cab IR);
    # the tiny WaveNet plays a full rig, with its cabinet
    amp = upload_gear(page, capture)
    assert amp["kind"] == "amp", amp
    ir = upload_gear(page, cab)
    assert ir["kind"] == "cab-ir", ir
    rig = upload_gear(page, rig_file, kind="amp-cab")
    wait_until_chains_know(page, amp, ir, rig)
    amp_block, ir_block, rig_block = (
        f"{amp['name']} (amp)",
        f"{ir['name']} (cab IR)",
        f"{rig['name']} (full rig)",
    )

    page.goto("/chains")
    expect(page.get_by_role("heading", name="Signal chains", level=1)).to_be_visible()
    axe_check(page)
    screenshot(page, screenshots, "chains-list-start", narrow=True)

    # chain 1: the amp alone is refused at its block, with what the code means
    page.get_by_role("link", name="New chain").click()
    expect(page.get_by_role("heading", name="New signal chain", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="+ Cab IR")).to_have_count(0)  # nothing to follow yet
    page.get_by_role("textbox", name="Name").fill(f"Lead {TAG}")
    page.get_by_role("spinbutton", name="Input gain in dB").fill("-3")
    add_gear_block(page, "+ Amp", "Amp from your library", amp)
    expect(page.get_by_text("The amp capture needs a cab IR after it")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Save chain").click()
    problem = block_item(page, amp_block).get_by_role("alert")
    expect(problem).to_contain_text("needs a cab IR after it")
    expect(problem).to_contain_text("IR_REQUIRED")
    expect(problem).to_contain_text("capture (no cabinet) needs one cab IR after it")
    axe_check(page)
    screenshot(page, screenshots, "chains-builder-grammar-error", narrow=True)

    # complete it: the IR, then a reverb whose room size changes
    add_gear_block(page, "+ Cab IR", "Cab IR from your library", ir)
    expect(page.get_by_text("The chain is complete")).to_be_visible()
    expect(problem).to_have_count(0)  # the blocks changed: the old answer no longer applies
    add_effect_block(page, "Reverb", "reverb")
    reverb = block_item(page, "Reverb")
    expect(reverb.get_by_role("slider", name="Room size")).to_have_value("0.5")  # the default
    reverb.get_by_role("spinbutton", name="Reverb room size").fill("0.8")
    expect(reverb.get_by_role("slider", name="Room size")).to_have_value("0.8")
    reverb.get_by_role("spinbutton", name="Reverb wet level").fill("7")
    expect(reverb.get_by_role("alert")).to_contain_text("Wet level must be from 0 to 1")
    reverb.get_by_role("spinbutton", name="Reverb wet level").fill("0.3")
    expect(reverb.get_by_role("alert")).to_have_count(0)

    # reorder by keyboard: the reverb between the amp and its IR; focus stays on it
    assert block_names(page) == [amp_block, ir_block, "Reverb"]
    page.get_by_role("button", name="Move Reverb up").focus()
    page.keyboard.press("Enter")
    assert block_names(page) == [amp_block, "Reverb", ir_block]
    expect(page.get_by_role("button", name="Move Reverb up")).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="Reverb moved")).to_have_text(
        "Reverb moved to position 2 of 3."
    )
    axe_check(page)
    screenshot(page, screenshots, "chains-builder-chain-one", narrow=True)
    page.get_by_role("button", name="Save chain").click()
    expect(page.get_by_role("status").filter(has_text="saved")).to_have_text(
        f"Chain “Lead {TAG}” saved."
    )
    lead_card = page.get_by_role("listitem", name=f"Lead {TAG}")
    expect(lead_card).to_contain_text(f"{amp_block} → Reverb → {ir_block}")
    expect(lead_card).to_contain_text("Input gain \u22123 dB")  # a real minus sign

    # chain 2: a noise gate dragged before the full rig
    page.get_by_role("link", name="New chain").click()
    page.get_by_role("textbox", name="Name").fill(f"Rig {TAG}")
    add_gear_block(page, "+ Full rig (amp + cab)", "Full rig (amp + cab) from your library", rig)
    expect(page.get_by_role("button", name="+ Cab IR")).to_have_count(0)  # a full rig has its cab
    add_effect_block(page, "Noise gate", "noise_gate")
    assert block_names(page) == [rig_block, "Noise gate"]
    handle = block_item(page, "Noise gate").locator("[draggable=true]")
    handle.drag_to(block_item(page, rig_block))
    assert block_names(page) == ["Noise gate", rig_block]
    block_item(page, "Noise gate").get_by_role(
        "spinbutton", name="Noise gate threshold in dBFS"
    ).fill("-70")
    screenshot(page, screenshots, "chains-builder-chain-two", narrow=True)
    page.get_by_role("button", name="Save chain").click()
    expect(page.get_by_role("listitem", name=f"Rig {TAG}")).to_contain_text(
        f"Noise gate → {rig_block}"
    )

    # both through the API, as built
    chains = {c["name"]: c for c in api_get(page, "/api/v1/signal-chains?limit=100")["items"]}
    lead, rig_chain = chains[f"Lead {TAG}"], chains[f"Rig {TAG}"]
    assert [b.get("gear_id") or b.get("effect") for b in lead["blocks"]] == [
        amp["id"],
        "reverb",
        ir["id"],
    ]
    assert lead["blocks"][1]["params"]["room_size"] == 0.8
    assert lead["blocks"][1]["params"]["wet_level"] == 0.3
    assert lead["input_gain_db"] == -3
    assert [b.get("gear_id") or b.get("effect") for b in rig_chain["blocks"]] == [
        "noise_gate",
        rig["id"],
    ]
    assert rig_chain["blocks"][0]["params"]["threshold_db"] == -70
    using = api_get(page, f"/api/v1/signal-chains?gear_id={rig['id']}&limit=100")["items"]
    assert rig_chain["id"] in {c["id"] for c in using}
    axe_check(page)
    screenshot(page, screenshots, "chains-list-two-chains", narrow=True)

    # the edit page shows the chain as saved
    page.get_by_role("link", name=f"Edit Lead {TAG}").click()
    expect(page.get_by_role("heading", name=f"Edit “Lead {TAG}”", level=1)).to_be_visible()
    assert block_names(page) == [amp_block, "Reverb", ir_block]
    expect(
        block_item(page, "Reverb").get_by_role("spinbutton", name="Reverb room size")
    ).to_have_value("0.8")
    axe_check(page)
    screenshot(page, screenshots, "chains-builder-edit", narrow=True)

    # a group: the amp or the full rig, with the cab IR or without; two make chains, two not
    page.goto("/chains")
    page.get_by_role("link", name="New group").click()
    expect(page.get_by_role("heading", name="New chain group", level=1)).to_be_visible()
    page.get_by_role("textbox", name="Name", exact=True).fill(f"Amps {TAG}")
    amp_slot = page.get_by_role("listitem", name="1. Slot: Amp")
    amp_slot.get_by_role("checkbox", name=re.compile(re.escape(amp["name"]))).check()
    amp_slot.get_by_role("checkbox", name=re.compile(re.escape(rig["name"]))).check()
    cab_slot = page.get_by_role("listitem", name="2. Slot: Cab")
    cab_slot.get_by_role("checkbox", name=re.compile(re.escape(ir["name"]))).check()
    cab_slot.get_by_role("checkbox", name="Also try without this slot (leave it out)").check()
    expect(page.get_by_text("This group tries 4 combinations")).to_be_visible()
    axe_check(page)
    screenshot(page, screenshots, "chains-group-new", narrow=True)
    page.get_by_role("button", name="Create group").click()
    expect(page.get_by_role("heading", name=f"Group “Amps {TAG}”", level=1)).to_be_visible()
    group_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    axe_check(page)
    page.get_by_role("button", name="Generate chains").click()
    report = page.get_by_role("region", name="Generated 2 chains, skipped 2 combinations")
    expect(report).to_be_visible()
    made = report.get_by_role("list").first
    expect(made).to_contain_text(f"{amp['name']} + {ir['name']}")
    expect(made).to_contain_text(rig["name"])
    skipped = report.get_by_role("listitem").filter(has_text="IR_REQUIRED")
    expect(skipped).to_contain_text("needs a cab IR after it")
    forbidden = report.get_by_role("listitem").filter(has_text="IR_FORBIDDEN")
    expect(forbidden).to_contain_text("already includes the cabinet")
    axe_check(page)
    screenshot(page, screenshots, "chains-group-generated", narrow=True)

    every = api_get(page, "/api/v1/signal-chains?limit=100")["items"]
    generated = [c for c in every if c["group_id"] == group_id]
    assert sorted(c["name"] for c in generated) == sorted(
        [f"{amp['name']} + {ir['name']}", rig["name"]]
    )
    groups = api_get(page, f"/api/v1/chain-groups?gear_id={rig['id']}&limit=100")["items"]
    assert group_id in {g["id"] for g in groups}

    page.goto("/chains")
    expect(page.get_by_role("listitem", name=f"Amps {TAG}")).to_contain_text("4 combinations")
    axe_check(page)
    screenshot(page, screenshots, "chains-list-with-group", narrow=True)


def test_an_a2_capture_plays_a_chosen_submodel_at_calibrated_levels(
    signed_in: Callable[[str], Page], guard: Guard, shared_fixtures: Path, screenshots: Path
) -> None:
    container = shared_fixtures / "nam" / "a2_container.nam"
    cab = shared_fixtures / "ir" / "mesa_fav.wav"
    for needed in (container, cab):
        if not needed.is_file():
            pytest.skip(f"fixture {needed} is missing")
    guard.allow(422, r"^/api/v1/signal-chains$")  # the missing output level this test provokes

    page = signed_in(USER)
    amp = upload_gear(page, container, kind="amp")
    ir = upload_gear(page, cab)
    wait_until_chains_know(page, amp, ir)
    amp_block = f"{amp['name']} (amp)"

    # the gear card lists the file's two submodels
    page.goto("/gear")
    expect(page.get_by_text("Submodels (A2 slimmable)").first).to_be_visible(timeout=LOAD_MS)

    page.goto("/chains/new")
    page.get_by_role("textbox", name="Name").fill(f"A2 small {TAG}")
    add_gear_block(page, "+ Amp", "Amp from your library", amp)
    add_gear_block(page, "+ Cab IR", "Cab IR from your library", ir)
    slim = block_item(page, amp_block).get_by_role(
        "combobox", name=f"{amp_block} submodel (slim)"
    )
    expect(slim).to_have_value("1")  # the largest, as NAM Core plays it
    slim.select_option(label="Smallest (slim up to 0.5)")

    # calibrated input works from the file's input level; its output level is missing
    page.get_by_role("combobox", name="Input level").select_option("calibrated")
    page.get_by_role("combobox", name="Capture output level").select_option("calibrated")
    page.get_by_role("button", name="Save chain").click()
    expect(page.get_by_role("alert").filter(has_text="output_level_dbu").first).to_be_visible()
    axe_check(page)
    screenshot(page, screenshots, "chains-builder-a2-missing-level", narrow=True)

    page.get_by_role("combobox", name="Capture output level").select_option("normalized")
    page.get_by_role("button", name="Save chain").click()
    expect(page.get_by_role("status").filter(has_text="saved")).to_have_text(
        f"Chain “A2 small {TAG}” saved."
    )
    screenshot(page, screenshots, "chains-list-a2", narrow=True)
    chains = {c["name"]: c for c in api_get(page, "/api/v1/signal-chains?limit=100")["items"]}
    saved = chains[f"A2 small {TAG}"]
    assert (saved["input_mode"], saved["output_mode"]) == ("calibrated", "normalized")
    assert saved["blocks"][0]["slim"] == 0.5
