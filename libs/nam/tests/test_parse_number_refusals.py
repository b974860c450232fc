"""parse_nam refuses numbers that no float, database column or JSON reader can hold,
naming their field, and keeps those within range."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from gts_nam import NamFormatError, parse_nam

from .refusal import refusal_message, synthesized_doc

HUGE = "9" * 5000  # past Python's 4,300-digit limit on int()


def _with_huge_number(doc: dict[str, Any], place: Callable[[dict[str, Any]], None]) -> bytes:
    place(doc)  # puts the string "HUGE" where the number goes
    return json.dumps(doc).encode().replace(b'"HUGE"', HUGE.encode())


def _refusal_of(data: bytes) -> str:
    with pytest.raises(NamFormatError) as info:
        parse_nam(data)
    return str(info.value)


@pytest.mark.parametrize(
    ("place", "field"),
    [
        (lambda d: d["weights"].__setitem__(4, "HUGE"), "weights[4]"),
        (lambda d: d["config"]["layers"][0].__setitem__("channels", "HUGE"), "config.layers[0]"),
        (lambda d: d.__setitem__("sample_rate", "HUGE"), "sample_rate"),
        (lambda d: d["metadata"].__setitem__("loudness", "HUGE"), "metadata.loudness"),
        (lambda d: d["metadata"]["date"].__setitem__("year", "HUGE"), "metadata.date.year"),
        (lambda d: d["metadata"].__setitem__("training", {"a": ["HUGE"]}), "metadata.training"),
    ],
    ids=["weights", "config", "sample-rate", "loudness", "date", "training"],
)
def test_an_integer_of_five_thousand_digits_is_refused_naming_its_field(
    place: Callable[[dict[str, Any]], None], field: str
) -> None:
    message = _refusal_of(_with_huge_number(synthesized_doc(), place))
    assert message.startswith(field)
    assert "5,000 digits" in message


def test_an_integer_of_five_thousand_digits_where_nothing_reads_it_is_harmless() -> None:
    parse_nam(_with_huge_number(synthesized_doc(), lambda d: d.__setitem__("extra", "HUGE")))


@pytest.mark.parametrize(
    ("key", "value"),
    [("year", 10**30), ("year", 10_000), ("month", 13), ("day", 2**70), ("second", 10**20)],
)
def test_a_date_part_out_of_range_is_refused_naming_it(key: str, value: int) -> None:
    doc = synthesized_doc()
    doc["metadata"]["date"][key] = value
    assert refusal_message(doc).startswith(f"metadata.date.{key}: ")


def test_a_metadata_number_too_big_for_a_float_is_refused() -> None:
    doc = synthesized_doc()
    doc["metadata"]["loudness"] = 10**400
    assert refusal_message(doc).startswith("metadata.loudness: ")


def test_a_weight_too_big_for_a_float_is_refused_with_its_index() -> None:
    doc = synthesized_doc()
    doc["weights"][2] = 10**400
    assert refusal_message(doc).startswith("weights[2]: ")


@pytest.mark.parametrize(
    ("training", "path"),
    [
        ({"loss": float("nan")}, "metadata.training.loss"),
        ({"history": [1.0, float("inf")]}, "metadata.training.history[1]"),
        ({"seed": 2**64}, "metadata.training.seed"),
        ({"deep": {"er": [{"x": -(2**63) - 1}]}}, "metadata.training.deep.er[0].x"),
    ],
)
def test_training_numbers_a_database_or_json_cannot_hold_are_refused(
    training: dict[str, Any], path: str
) -> None:
    doc = synthesized_doc()
    doc["metadata"]["training"] = training
    assert refusal_message(doc).startswith(f"{path}: ")


def test_training_numbers_within_range_are_kept() -> None:
    doc = synthesized_doc()
    training = {"seed": 2**63 - 1, "loss": -1e300, "nested": [{"k": [0, 1.5]}]}
    doc["metadata"]["training"] = training
    assert parse_nam(json.dumps(doc).encode()).metadata.training == training


def test_a_receptive_field_past_what_can_be_stored_is_refused() -> None:
    doc = synthesized_doc()
    layers = doc["config"]["layers"]
    # the widest arrays the per-field bounds allow, chained until the window is absurd
    array = {**layers[-1], "input_size": 1, "channels": 1, "head_size": 1, "kernel_size": 64}
    doc["config"]["layers"] = [{**array, "dilations": [65_536] * 128} for _ in range(2)]
    assert refusal_message(doc).startswith("config.layers[0].dilations: receptive field ")
