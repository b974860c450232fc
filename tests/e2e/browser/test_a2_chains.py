"""A chain on an A2 (slimmable) capture: the builder picks a submodel, and the chain plays it
at calibrated levels."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .chain_steps import LOAD_MS, TAG, ChainBuilder
from .harness import api_get, screenshot

pytestmark = pytest.mark.e2e


def test_an_a2_capture_plays_a_chosen_submodel_at_calibrated_levels(builder: ChainBuilder) -> None:
    page = builder.page
    amp, ir = builder.gear({"nam/a2_container.nam": "amp", "ir/mesa_fav.wav": None})
    amp_block = f"{amp['name']} (amp)"

    # the gear card lists the file's two submodels
    page.goto("/gear")
    expect(page.get_by_text("Submodels (A2 slimmable)").first).to_be_visible(timeout=LOAD_MS)

    page.goto("/chains/new")
    page.get_by_role("textbox", name="Name").fill(f"A2 small {TAG}")
    builder.add_gear("+ Amp", "Amp from your library", amp)
    builder.add_gear("+ Cab IR", "Cab IR from your library", ir)
    slim = builder.block(amp_block).get_by_role("combobox", name=f"{amp_block} submodel (slim)")
    expect(slim).to_have_value("1")  # the largest, as NAM Core plays it
    slim.select_option(label="Smallest (slim up to 0.5)")

    # calibrated input works from the file's input level; its output level is missing
    page.get_by_role("combobox", name="Input level").select_option("calibrated")
    page.get_by_role("combobox", name="Capture output level").select_option("calibrated")
    page.get_by_role("button", name="Save chain").click()
    expect(page.get_by_role("alert").filter(has_text="output_level_dbu").first).to_be_visible()
    builder.check("chains-builder-a2-missing-level")

    page.get_by_role("combobox", name="Capture output level").select_option("normalized")
    page.get_by_role("button", name="Save chain").click()
    expect(page.get_by_role("status").filter(has_text="saved")).to_have_text(
        f"Chain “A2 small {TAG}” saved."
    )
    screenshot(page, builder.screenshots, "chains-list-a2", narrow=True)
    chains = {c["name"]: c for c in api_get(page, "/api/v1/signal-chains?limit=100")["items"]}
    saved = chains[f"A2 small {TAG}"]
    assert (saved["input_mode"], saved["output_mode"]) == ("calibrated", "normalized")
    assert saved["blocks"][0]["slim"] == 0.5
