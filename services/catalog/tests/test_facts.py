"""What a gear file says about itself: kinds from NAM metadata, and kind/format agreement."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.gear.facts import check_filename, check_kind, read_facts
from gts_kit.errors import InvalidInputError
from gts_nam import synthesize_nam


@pytest.mark.parametrize(
    ("gear_type", "kind"),
    [
        ("amp", "amp"),
        ("amp_cab", "amp-cab"),
        ("pedal", "pedal"),
        ("pedal_amp", "amp"),
        ("preamp", "amp"),
        ("amp_pedal_cab", "amp-cab"),
        ("studio", "outboard"),
        (None, "amp"),
    ],
)
def test_kind_defaults_from_the_captures_gear_type(gear_type: str | None, kind: str) -> None:
    data = synthesize_nam("nano", seed=1, **({"gear_type": gear_type} if gear_type else {}))
    assert read_facts(data, "x.nam", "nam").default_kind == kind


def test_nam_facts_carry_the_metadata_fields() -> None:
    data = synthesize_nam("lstm", seed=2, loudness=-17.0, gear_model="Deluxe", modeled_by="me")
    facts = read_facts(bytearray(data), "deluxe.nam", "nam")
    assert (facts.architecture, facts.size_preset, facts.receptive_field) == ("LSTM", None, 1)
    assert facts.nam_metadata is not None
    assert (facts.nam_metadata["loudness"], facts.nam_metadata["modeled_by"]) == (-17.0, "me")
    assert facts.model == "Deluxe"


@pytest.mark.parametrize("name", ["a/b.nam", "..\\b.wav", "..", "x.mp3", "", "tab\there.nam"])
def test_unsafe_or_unknown_file_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        check_filename(name)
    assert caught.value.problems[0].field == "filename"


def test_ir_is_only_ever_a_cab_ir() -> None:
    check_kind("cab-ir", "ir")
    with pytest.raises(InvalidInputError, match="kind"):
        check_kind("cab-ir", "nam")
    with pytest.raises(InvalidInputError, match="kind"):
        check_kind("pedal", "ir")


def test_nam_facts_keep_every_metadata_field_of_the_format() -> None:
    data = synthesize_nam(
        "nano",
        seed=3,
        name="Plexi",
        modeled_by="me",
        gear_make="Marshall",
        gear_model="1959",
        gear_type="amp",
        tone_type="crunch",
        loudness=-19.5,
        gain=0.6,
        input_level_dbu=12.2,
        output_level_dbu=9.8,
    )
    metadata = read_facts(data, "plexi.nam", "nam").nam_metadata
    assert metadata is not None
    assert metadata["input_level_dbu"] == 12.2
    assert metadata["output_level_dbu"] == 9.8
    assert (metadata["name"], metadata["tone_type"], metadata["gain"]) == ("Plexi", "crunch", 0.6)
    assert metadata["date"].startswith("20")  # ISO 8601


def test_real_capture_keeps_its_training_and_date(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "nam" / "jcm800_capture3.nam").read_bytes()
    metadata = read_facts(data, "jcm800.nam", "nam").nam_metadata
    assert metadata is not None
    assert metadata["date"] == "2025-11-21T21:17:02"
    assert metadata["training"]["validation_esr"] == pytest.approx(0.004001107963544434)
    assert metadata["name"] == "JCM800 capture 3"
    assert "output_level_dbu" not in metadata  # null in the file: not stored as a value
