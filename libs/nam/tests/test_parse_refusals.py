"""Every way parse_nam refuses a file's bytes, JSON or weights names the field and the reason."""

from __future__ import annotations

import pytest

from gts_nam import MAX_NAM_BYTES, NamFormatError, parse_nam, synthesize_nam

from .refusal import refusal_message, synthesized_doc


def test_truncated_json_is_refused_with_its_position() -> None:
    data = synthesize_nam("nano")
    with pytest.raises(NamFormatError, match=r"^file: not valid JSON \(.* at line 1, column \d+\)"):
        parse_nam(data[: len(data) // 2])


def test_non_utf8_bytes_are_refused() -> None:
    with pytest.raises(NamFormatError, match="file: not UTF-8"):
        parse_nam(b"\xff\xfe{}")


def test_json_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(NamFormatError, match="file: expected a JSON object, got a list"):
        parse_nam(b"[1, 2]")


def test_weights_one_short_names_both_counts() -> None:
    doc = synthesized_doc("standard")
    doc["weights"].pop()
    assert refusal_message(doc) == "weights: 13,801 values, the config needs 13,802"


def test_weights_one_long_names_both_counts() -> None:
    doc = synthesized_doc("standard")
    doc["weights"].append(0.5)
    assert refusal_message(doc) == "weights: 13,803 values, the config needs 13,802"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_weight_is_refused_with_its_index(bad: float) -> None:
    doc = synthesized_doc()
    doc["weights"][17] = bad
    message = refusal_message(doc)  # json.dumps writes NaN / Infinity, as Python exporters do
    assert message.startswith("weights[17]: ")
    assert message.endswith("is not a finite number")


def test_weight_that_overflows_float32_is_refused() -> None:
    doc = synthesized_doc()
    doc["weights"][3] = 1e300
    assert refusal_message(doc) == "weights[3]: 1e+300 overflows 32-bit float"


def test_weight_that_is_a_string_is_refused() -> None:
    doc = synthesized_doc()
    doc["weights"][5] = "0.1"
    assert refusal_message(doc) == 'weights[5]: expected a number, got a string ("0.1")'


def test_weights_that_are_not_a_list_are_refused() -> None:
    doc = synthesized_doc()
    doc["weights"] = {"a": 1}
    assert refusal_message(doc) == "weights: expected a list of numbers, got an object"


def test_file_over_the_size_limit_is_refused_before_parsing() -> None:
    data = b" " * (MAX_NAM_BYTES + 1)
    with pytest.raises(NamFormatError, match=r"^file: 10,000,001 bytes, the limit is 10,000,000$"):
        parse_nam(data)
