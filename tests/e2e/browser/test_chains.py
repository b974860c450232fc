"""Signal chains as a guitarist builds them: two chains in the builder (one with an effect
whose parameter changes), a grammar error at the block it names, reordering by keyboard and
by drag; a chain group with two options in a slot, generated, and the chains made and the
combinations skipped read back. Everything checked through the API as well; a screenshot
(desktop and 390 px) and axe on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .chain_steps import TAG, ChainBuilder
from .harness import api_get, axe_check, screenshot

pytestmark = pytest.mark.e2e


def test_build_chains_and_generate_a_group(builder: ChainBuilder) -> None:
    page = builder.page
    # gear as the gear page adds it: the JCM800 capture is an amp alone (it needs a cab IR);
    # the tiny WaveNet plays a full rig, with its cabinet
    kinds = {
        "nam/jcm800_capture3.nam": None,
        "ir/mesa_os_4x12_57.wav": None,
        "nam/tiny_wavenet.nam": "amp-cab",
    }
    amp, ir, rig = builder.gear(kinds)
    assert amp["kind"] == "amp", amp
    assert ir["kind"] == "cab-ir", ir
    amp_block, ir_block, rig_block = (
        f"{amp['name']} (amp)",
        f"{ir['name']} (cab IR)",
        f"{rig['name']} (full rig)",
    )

    page.goto("/chains")
    expect(page.get_by_role("heading", name="Signal chains", level=1)).to_be_visible()
    builder.check("chains-list-start")

    # chain 1: the amp alone is refused at its block, with what the code means
    page.get_by_role("link", name="New chain").click()
    expect(page.get_by_role("heading", name="New signal chain", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="+ Cab IR")).to_have_count(0)  # nothing to follow yet
    page.get_by_role("textbox", name="Name").fill(f"Lead {TAG}")
    page.get_by_role("spinbutton", name="Input gain in dB").fill("-3")
    builder.add_gear("+ Amp", "Amp from your library", amp)
    expect(page.get_by_text("The amp capture needs a cab IR after it")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Save chain").click()
    problem = builder.block(amp_block).get_by_role("alert")
    expect(problem).to_contain_text("needs a cab IR after it")
    expect(problem).to_contain_text("IR_REQUIRED")
    expect(problem).to_contain_text("capture (no cabinet) needs one cab IR after it")
    builder.check("chains-builder-grammar-error")

    # complete it: the IR, then a reverb whose room size changes
    builder.add_gear("+ Cab IR", "Cab IR from your library", ir)
    expect(page.get_by_text("The chain is complete")).to_be_visible()
    expect(problem).to_have_count(0)  # the blocks changed: the old answer no longer applies
    builder.add_effect("Reverb", "reverb")
    reverb = builder.block("Reverb")
    expect(reverb.get_by_role("slider", name="Room size")).to_have_value("0.5")  # the default
    reverb.get_by_role("spinbutton", name="Reverb room size").fill("0.8")
    expect(reverb.get_by_role("slider", name="Room size")).to_have_value("0.8")
    reverb.get_by_role("spinbutton", name="Reverb wet level").fill("7")
    expect(reverb.get_by_role("alert")).to_contain_text("Wet level must be from 0 to 1")
    reverb.get_by_role("spinbutton", name="Reverb wet level").fill("0.3")
    expect(reverb.get_by_role("alert")).to_have_count(0)

    # reorder by keyboard: the reverb between the amp and its IR; focus stays on it
    assert builder.block_names() == [amp_block, ir_block, "Reverb"]
    page.get_by_role("button", name="Move Reverb up").focus()
    page.keyboard.press("Enter")
    assert builder.block_names() == [amp_block, "Reverb", ir_block]
    expect(page.get_by_role("button", name="Move Reverb up")).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="Reverb moved")).to_have_text(
        "Reverb moved to position 2 of 3."
    )
    builder.check("chains-builder-chain-one")
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
    builder.add_gear("+ Full rig (amp + cab)", "Full rig (amp + cab) from your library", rig)
    expect(page.get_by_role("button", name="+ Cab IR")).to_have_count(0)  # a full rig has its cab
    builder.add_effect("Noise gate", "noise_gate")
    assert builder.block_names() == [rig_block, "Noise gate"]
    handle = builder.block("Noise gate").locator("[draggable=true]")
    handle.drag_to(builder.block(rig_block))
    assert builder.block_names() == ["Noise gate", rig_block]
    gate = builder.block("Noise gate")
    gate.get_by_role("spinbutton", name="Noise gate threshold in dBFS").fill("-70")
    screenshot(page, builder.screenshots, "chains-builder-chain-two", narrow=True)
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
    builder.check("chains-list-two-chains")

    # the edit page shows the chain as saved
    page.get_by_role("link", name=f"Edit Lead {TAG}").click()
    expect(page.get_by_role("heading", name=f"Edit “Lead {TAG}”", level=1)).to_be_visible()
    assert builder.block_names() == [amp_block, "Reverb", ir_block]
    expect(
        builder.block("Reverb").get_by_role("spinbutton", name="Reverb room size")
    ).to_have_value("0.8")
    builder.check("chains-builder-edit")

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
    builder.check("chains-group-new")
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
    builder.check("chains-group-generated")

    every = api_get(page, "/api/v1/signal-chains?limit=100")["items"]
    generated = [c for c in every if c["group_id"] == group_id]
    assert sorted(c["name"] for c in generated) == sorted(
        [f"{amp['name']} + {ir['name']}", rig["name"]]
    )
    groups = api_get(page, f"/api/v1/chain-groups?gear_id={rig['id']}&limit=100")["items"]
    assert group_id in {g["id"] for g in groups}

    page.goto("/chains")
    expect(page.get_by_role("listitem", name=f"Amps {TAG}")).to_contain_text("4 combinations")
    builder.check("chains-list-with-group")
