"""Every way parse_nam refuses a model's config names the field and the reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from gts_nam import A2Config, parse_nam

from .refusal import refusal_message, synthesized_doc


def test_unknown_architecture_is_refused_with_the_known_ones() -> None:
    doc = synthesized_doc()
    doc["architecture"] = "Transformer"
    assert refusal_message(doc) == (
        'architecture: unknown "Transformer" (known: WaveNet, LSTM, ConvNet, Linear, '
        "SlimmableContainer, SlimmableWaveNet)"
    )


def test_a_wavenet_with_an_a2_option_is_read_as_a2() -> None:
    doc = synthesized_doc()
    layer = doc["config"]["layers"][0]
    layer["kernel_sizes"] = [layer.pop("kernel_size")] * len(layer["dilations"])
    nam = parse_nam(json.dumps(doc).encode())
    assert isinstance(nam.config, A2Config)
    assert nam.architecture == "WaveNet"


def test_a_slimmable_container_without_submodels_is_refused() -> None:
    doc = synthesized_doc()
    doc["architecture"] = "SlimmableContainer"
    doc["config"] = {"submodels": []}
    assert refusal_message(doc) == "config.submodels: expected a non-empty list, got a list"


def test_an_incomplete_post_stack_head_is_refused() -> None:
    doc = synthesized_doc()
    doc["config"]["head"] = {"kernel_size": 1}
    assert refusal_message(doc) == "config.head.kernel_sizes: missing"


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
    doc = synthesized_doc()
    mutate(doc)
    assert refusal_message(doc) == message


@pytest.mark.parametrize("key", ["version", "architecture", "config", "weights"])
def test_missing_top_level_field_is_named(key: str) -> None:
    doc = synthesized_doc()
    del doc[key]
    assert refusal_message(doc) == f"{key}: missing"


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
    doc = synthesized_doc()
    del doc["config"]["layers"][1][key]
    assert refusal_message(doc) == f"config.layers[1].{key}: missing"


def test_missing_head_scale_is_named() -> None:
    doc = synthesized_doc()
    del doc["config"]["head_scale"]
    assert refusal_message(doc) == "config.head_scale: missing"


@pytest.mark.parametrize("key", ["input_size", "hidden_size", "num_layers"])
def test_missing_lstm_field_is_named(key: str) -> None:
    doc = synthesized_doc("lstm")
    del doc["config"][key]
    assert refusal_message(doc) == f"config.{key}: missing"


def test_lstm_hidden_size_as_string_is_refused() -> None:
    doc = synthesized_doc("lstm")
    doc["config"]["hidden_size"] = "16"
    assert refusal_message(doc) == 'config.hidden_size: expected an integer, got a string ("16")'


def test_arrays_that_do_not_chain_are_refused() -> None:
    doc = synthesized_doc()
    doc["config"]["layers"][1]["input_size"] = 3
    assert refusal_message(doc) == (
        "config.layers[1].input_size: 3, the previous array has 4 channels"
    )


def test_stereo_input_size_is_refused() -> None:
    doc = synthesized_doc()
    doc["config"]["layers"][0]["input_size"] = 2
    assert refusal_message(doc) == "config.layers[0].input_size: 2, a mono amp model needs 1"


def test_absurd_dilation_is_refused() -> None:
    doc = synthesized_doc()
    doc["config"]["layers"][0]["dilations"][0] = 10**9
    assert refusal_message(doc) == (
        "config.layers[0].dilations[0]: 1,000,000,000 is above the maximum 65,536"
    )
