"""Every way parse_nam refuses a file names the field and the reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from gts_nam import MAX_NAM_BYTES, A2Config, NamFormatError, parse_nam, synthesize_nam


def _doc(kind: str = "nano") -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(synthesize_nam(kind, seed=1))
    return loaded


def _refusal(doc: dict[str, Any]) -> str:
    with pytest.raises(NamFormatError) as info:
        parse_nam(json.dumps(doc).encode())
    return str(info.value)


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
    doc = _doc("standard")
    doc["weights"].pop()
    assert _refusal(doc) == "weights: 13,801 values, the config needs 13,802"


def test_weights_one_long_names_both_counts() -> None:
    doc = _doc("standard")
    doc["weights"].append(0.5)
    assert _refusal(doc) == "weights: 13,803 values, the config needs 13,802"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_weight_is_refused_with_its_index(bad: float) -> None:
    doc = _doc()
    doc["weights"][17] = bad
    message = _refusal(doc)  # json.dumps writes NaN / Infinity, as Python exporters do
    assert message.startswith("weights[17]: ")
    assert message.endswith("is not a finite number")


def test_weight_that_overflows_float32_is_refused() -> None:
    doc = _doc()
    doc["weights"][3] = 1e300
    assert _refusal(doc) == "weights[3]: 1e+300 overflows 32-bit float"


def test_weight_that_is_a_string_is_refused() -> None:
    doc = _doc()
    doc["weights"][5] = "0.1"
    assert _refusal(doc) == 'weights[5]: expected a number, got a string ("0.1")'


def test_weights_that_are_not_a_list_are_refused() -> None:
    doc = _doc()
    doc["weights"] = {"a": 1}
    assert _refusal(doc) == "weights: expected a list of numbers, got an object"


def test_unknown_architecture_is_refused_with_the_known_ones() -> None:
    doc = _doc()
    doc["architecture"] = "Transformer"
    assert _refusal(doc) == (
        'architecture: unknown "Transformer" (known: WaveNet, LSTM, ConvNet, Linear, '
        "SlimmableContainer, SlimmableWaveNet)"
    )


def test_a_wavenet_with_an_a2_option_is_read_as_a2() -> None:
    doc = _doc()
    layer = doc["config"]["layers"][0]
    layer["kernel_sizes"] = [layer.pop("kernel_size")] * len(layer["dilations"])
    nam = parse_nam(json.dumps(doc).encode())
    assert isinstance(nam.config, A2Config)
    assert nam.architecture == "WaveNet"


def test_a_slimmable_container_without_submodels_is_refused() -> None:
    doc = _doc()
    doc["architecture"] = "SlimmableContainer"
    doc["config"] = {"submodels": []}
    assert _refusal(doc) == "config.submodels: expected a non-empty list, got a list"


def test_an_incomplete_post_stack_head_is_refused() -> None:
    doc = _doc()
    doc["config"]["head"] = {"kernel_size": 1}
    assert _refusal(doc) == "config.head.kernel_sizes: missing"


def test_file_over_the_size_limit_is_refused_before_parsing() -> None:
    data = b" " * (MAX_NAM_BYTES + 1)
    with pytest.raises(NamFormatError, match=r"^file: 10,000,001 bytes, the limit is 10,000,000$"):
        parse_nam(data)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["config"]["layers"][0].__setitem__("channels", "16"),
            'config.layers[0].channels: expected an integer, got a string ("16")',
        ),
        (
            lambda d: d["config"]["layers"][1].__setitem__("gated", "false"),
            'config.layers[1].gated: expected true or false, got a string ("false")',
        ),
        (
            lambda d: d["config"]["layers"][0].__setitem__("kernel_size", 3.0),
            "config.layers[0].kernel_size: expected an integer, got a number (3.0)",
        ),
        (
            lambda d: d["config"]["layers"][0].__setitem__("dilations", [1, "2"]),
            'config.layers[0].dilations[1]: expected an integer, got a string ("2")',
        ),
        (
            lambda d: d["config"]["layers"][0].__setitem__("dilations", []),
            "config.layers[0].dilations: expected a non-empty list of integers, got a list",
        ),
        (
            lambda d: d["config"]["layers"][0].__setitem__("channels", 0),
            "config.layers[0].channels: 0 is below the minimum 1",
        ),
        (
            lambda d: d["config"]["layers"][0].__setitem__("activation", "GELU"),
            'config.layers[0].activation: "GELU" is not supported '
            "(supported: Hardtanh, ReLU, SiLU, Sigmoid, Tanh)",
        ),
        (
            lambda d: d["config"].__setitem__("layers", "many"),
            'config.layers: expected a list, got a string ("many")',
        ),
        (
            lambda d: d.__setitem__("config", [1]),
            "config: expected an object, got a list",
        ),
        (
            lambda d: d.__setitem__("version", 5),
            "version: expected a string, got a number (5)",
        ),
        (
            lambda d: d.__setitem__("version", "five"),
            'version: "five" is not a version like "0.5.4"',
        ),
        (
            lambda d: d.__setitem__("sample_rate", "48k"),
            'sample_rate: expected an integer, got a string ("48k")',
        ),
        (
            lambda d: d["metadata"].__setitem__("loudness", "loud"),
            'metadata.loudness: expected a number, got a string ("loud")',
        ),
        (
            lambda d: d["metadata"].__setitem__("name", 7),
            "metadata.name: expected a string, got a number (7)",
        ),
        (
            lambda d: d["metadata"]["date"].__setitem__("month", 13),
            "metadata.date.month: 13 is above the maximum 12",
        ),
    ],
)
def test_wrong_types_in_config_name_the_field(
    mutate: Callable[[dict[str, Any]], None], message: str
) -> None:
    doc = _doc()
    mutate(doc)
    assert _refusal(doc) == message


@pytest.mark.parametrize("key", ["version", "architecture", "config", "weights"])
def test_missing_top_level_field_is_named(key: str) -> None:
    doc = _doc()
    del doc[key]
    assert _refusal(doc) == f"{key}: missing"


@pytest.mark.parametrize(
    "key",
    [
        "input_size",
        "condition_size",
        "head_size",
        "channels",
        "kernel_size",
        "dilations",
        "activation",
        "gated",
        "head_bias",
    ],
)
def test_missing_layer_array_field_is_named(key: str) -> None:
    doc = _doc()
    del doc["config"]["layers"][1][key]
    assert _refusal(doc) == f"config.layers[1].{key}: missing"


def test_missing_head_scale_is_named() -> None:
    doc = _doc()
    del doc["config"]["head_scale"]
    assert _refusal(doc) == "config.head_scale: missing"


@pytest.mark.parametrize("key", ["input_size", "hidden_size", "num_layers"])
def test_missing_lstm_field_is_named(key: str) -> None:
    doc = _doc("lstm")
    del doc["config"][key]
    assert _refusal(doc) == f"config.{key}: missing"


def test_lstm_hidden_size_as_string_is_refused() -> None:
    doc = _doc("lstm")
    doc["config"]["hidden_size"] = "16"
    assert _refusal(doc) == 'config.hidden_size: expected an integer, got a string ("16")'


def test_arrays_that_do_not_chain_are_refused() -> None:
    doc = _doc()
    doc["config"]["layers"][1]["input_size"] = 3
    assert _refusal(doc) == ("config.layers[1].input_size: 3, the previous array has 4 channels")


def test_stereo_input_size_is_refused() -> None:
    doc = _doc()
    doc["config"]["layers"][0]["input_size"] = 2
    assert _refusal(doc) == "config.layers[0].input_size: 2, a mono amp model needs 1"


def test_absurd_dilation_is_refused() -> None:
    doc = _doc()
    doc["config"]["layers"][0]["dilations"][0] = 10**9
    assert _refusal(doc) == (
        "config.layers[0].dilations[0]: 1,000,000,000 is above the maximum 65,536"
    )


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
    message = _refusal_of(_with_huge_number(_doc(), place))
    assert message.startswith(field)
    assert "5,000 digits" in message


def test_an_integer_of_five_thousand_digits_where_nothing_reads_it_is_harmless() -> None:
    parse_nam(_with_huge_number(_doc(), lambda d: d.__setitem__("extra", "HUGE")))


@pytest.mark.parametrize(
    ("key", "value"),
    [("year", 10**30), ("year", 10_000), ("month", 13), ("day", 2**70), ("second", 10**20)],
)
def test_a_date_part_out_of_range_is_refused_naming_it(key: str, value: int) -> None:
    doc = _doc()
    doc["metadata"]["date"][key] = value
    assert _refusal(doc).startswith(f"metadata.date.{key}: ")


def test_a_metadata_number_too_big_for_a_float_is_refused() -> None:
    doc = _doc()
    doc["metadata"]["loudness"] = 10**400
    assert _refusal(doc).startswith("metadata.loudness: ")


def test_a_weight_too_big_for_a_float_is_refused_with_its_index() -> None:
    doc = _doc()
    doc["weights"][2] = 10**400
    assert _refusal(doc).startswith("weights[2]: ")


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
    doc = _doc()
    doc["metadata"]["training"] = training
    assert _refusal(doc).startswith(f"{path}: ")


def test_training_numbers_within_range_are_kept() -> None:
    doc = _doc()
    training = {"seed": 2**63 - 1, "loss": -1e300, "nested": [{"k": [0, 1.5]}]}
    doc["metadata"]["training"] = training
    assert parse_nam(json.dumps(doc).encode()).metadata.training == training


def test_a_receptive_field_past_what_can_be_stored_is_refused() -> None:
    doc = _doc()
    layers = doc["config"]["layers"]
    # the widest arrays the per-field bounds allow, chained until the window is absurd
    array = {**layers[-1], "input_size": 1, "channels": 1, "head_size": 1, "kernel_size": 64}
    doc["config"]["layers"] = [{**array, "dilations": [65_536] * 128} for _ in range(2)]
    assert _refusal(doc).startswith("config.layers[0].dilations: receptive field ")
