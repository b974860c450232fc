"""parse_nam: bytes of a .nam file to a fully validated NamFile."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from gts_nam.a2_config import A2Config
from gts_nam.config import (
    ConvNetConfig,
    LayerArrayConfig,
    LinearConfig,
    LstmConfig,
    WaveNetConfig,
)
from gts_nam.cost import check_cost
from gts_nam.errors import NamFormatError
from gts_nam.fields import (
    as_int,
    as_object,
    as_storable_object,
    as_str,
    describe,
    optional_float,
    optional_str,
    parse_int,
    refuse_oversized,
    require,
)
from gts_nam.layout_other import unpack_convnet
from gts_nam.metadata import NamMetadata
from gts_nam.nam_file import Architecture, NamFile
from gts_nam.parse_a2 import parse_a2_object
from gts_nam.parse_config import parse_lstm_config, parse_wavenet_config
from gts_nam.parse_other import parse_convnet_config, parse_linear_config

MAX_NAM_BYTES = 10_000_000
DEFAULT_SAMPLE_RATE = 48_000
MAX_SAMPLE_RATE = 384_000
# A metadata text (name, make, model, ...) is at most as long as a gear name may be
# (gts_contracts NAME_MAX_CHARS): it becomes one, and travels in the catalog's events.
MAX_METADATA_TEXT_CHARS = 200

_ARCHITECTURES: tuple[Architecture, ...] = (
    "WaveNet",
    "LSTM",
    "ConvNet",
    "Linear",
    "SlimmableContainer",
    "SlimmableWaveNet",
)
# What a datetime (and an ISO 8601 date) can hold; the day is checked against the month below.
_DATE_PART_MAXIMA = {"year": 9999, "month": 12, "day": 31, "hour": 23, "minute": 59, "second": 59}
_SEMVER = re.compile(r"^\d+\.\d+\.\d+([-+].*)?$")


def parse_nam(data: bytes) -> NamFile:
    """Parse and fully validate a .nam file (at most MAX_NAM_BYTES bytes).

    Raises NamFormatError naming the field and the reason for anything the render
    engine could not run exactly: bad JSON, an unknown or unsupported architecture,
    a malformed config, a weight count the config does not need, non-finite weights.
    """
    if len(data) > MAX_NAM_BYTES:
        raise NamFormatError(f"file: {len(data):,} bytes, the limit is {MAX_NAM_BYTES:,}")
    top = _decode_json(data)
    version = as_str(require(top, "version", ""), "version")
    if not _SEMVER.match(version):
        raise NamFormatError(f'version: "{version}" is not a version like "0.5.4"')
    architecture = _architecture(require(top, "architecture", ""))
    raw_config = require(top, "config", "")
    if architecture in ("SlimmableContainer", "SlimmableWaveNet") or (
        architecture == "WaveNet" and _is_a2_wavenet(raw_config)
    ):
        return _a2_file(top, architecture, version, data)
    config = _parse_config(architecture, raw_config)
    sample_rate = _sample_rate(top.get("sample_rate"))
    # before the weights: a model too costly to run is refused without reading them
    check_cost(config, sample_rate)
    weights = _weights(require(top, "weights", ""), config.weight_count)
    if isinstance(config, ConvNetConfig):
        unpack_convnet(config, weights)  # a batch norm whose scale is not finite is refused
    return NamFile(
        version=version,
        architecture=architecture,
        config=config,
        weights=weights,
        sample_rate=sample_rate,
        metadata=_metadata(top.get("metadata")),
        sha256=hashlib.sha256(data).hexdigest(),
    )


# The keys of an A1 WaveNet (a layer array's are its config's fields); anything else in a
# WaveNet config is an A2 option.
_A1_CONFIG_KEYS = frozenset({"layers", "head", "head_scale"})
_A1_LAYER_KEYS = frozenset(f.name for f in dataclasses.fields(LayerArrayConfig))


def _is_a2_wavenet(raw_config: object) -> bool:
    """Whether a WaveNet config uses any .nam 0.6/0.7 option (else the A1 path runs it)."""
    if not isinstance(raw_config, dict):
        return False
    if raw_config.keys() - _A1_CONFIG_KEYS or raw_config.get("head") is not None:
        return True
    layers = raw_config.get("layers")
    if not isinstance(layers, list):
        return False
    return any(
        isinstance(layer, dict)
        and (layer.keys() - _A1_LAYER_KEYS or not isinstance(layer.get("activation"), str))
        for layer in layers
    )


def _a2_file(top: dict[str, Any], architecture: Architecture, version: str, data: bytes) -> NamFile:
    """An A2 file: a SlimmableContainer, a slimmable WaveNet, or a WaveNet with the newer
    options."""
    config = A2Config(parse_a2_object(top, ""))
    largest = config.selected
    # before anything runs: every submodel stays within the cost limits
    check_cost(config, largest.sample_rate)
    return NamFile(
        version=version,
        architecture=architecture,
        config=config,
        weights=largest.weights,
        sample_rate=largest.sample_rate,
        metadata=_metadata(top.get("metadata")),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _decode_json(data: bytes) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NamFormatError(f"file: not UTF-8 text (byte {exc.start})") from None
    try:
        top = json.loads(text, parse_int=parse_int)
    except json.JSONDecodeError as exc:
        raise NamFormatError(
            f"file: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise NamFormatError("file: JSON nested too deeply") from None
    if not isinstance(top, dict):
        raise NamFormatError(f"file: expected a JSON object, got {describe(top)}")
    return top


def _parse_config(
    architecture: Architecture, raw: object
) -> WaveNetConfig | LstmConfig | LinearConfig | ConvNetConfig:
    if architecture == "WaveNet":
        return parse_wavenet_config(raw)
    if architecture == "LSTM":
        return parse_lstm_config(raw)
    if architecture == "Linear":
        return parse_linear_config(raw)
    if architecture == "ConvNet":
        return parse_convnet_config(raw)
    raise NamFormatError(f"architecture: {architecture} has its own reader")  # pragma: no cover


def _architecture(raw: object) -> Architecture:
    name = as_str(raw, "architecture")
    for known in _ARCHITECTURES:
        if name == known:
            return known
    raise NamFormatError(f'architecture: unknown "{name}" (known: {", ".join(_ARCHITECTURES)})')


def _weights(raw: object, needed: int) -> npt.NDArray[np.float32]:
    if not isinstance(raw, list):
        raise NamFormatError(f"weights: expected a list of numbers, got {describe(raw)}")
    if len(raw) != needed:
        raise NamFormatError(f"weights: {len(raw):,} values, the config needs {needed:,}")
    for i, value in enumerate(raw):
        refuse_oversized(value, f"weights[{i}]")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise NamFormatError(f"weights[{i}]: expected a number, got {describe(value)}")
    wide = np.asarray(raw, dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(wide))
    if bad.size:
        raise NamFormatError(f"weights[{bad[0]}]: {wide[bad[0]]} is not a finite number")
    with np.errstate(over="ignore"):  # reported below with the offending index
        weights = wide.astype(np.float32)
    bad = np.flatnonzero(~np.isfinite(weights))
    if bad.size:
        raise NamFormatError(f"weights[{bad[0]}]: {wide[bad[0]]:g} overflows 32-bit float")
    weights.flags.writeable = False
    return weights


def _sample_rate(raw: object) -> int:
    if raw is None:
        return DEFAULT_SAMPLE_RATE
    # Some exporters write 48000.0; an integral float is the same rate.
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return as_int(raw, "sample_rate", minimum=8_000, maximum=MAX_SAMPLE_RATE)


def _metadata(raw: object) -> NamMetadata:
    if raw is None:
        return NamMetadata()
    obj = as_object(raw, "metadata")
    p = "metadata."
    training = obj.get("training")
    return NamMetadata(
        name=optional_str(obj, "name", p, max_chars=MAX_METADATA_TEXT_CHARS),
        modeled_by=optional_str(obj, "modeled_by", p, max_chars=MAX_METADATA_TEXT_CHARS),
        gear_type=optional_str(obj, "gear_type", p, max_chars=MAX_METADATA_TEXT_CHARS),
        gear_make=optional_str(obj, "gear_make", p, max_chars=MAX_METADATA_TEXT_CHARS),
        gear_model=optional_str(obj, "gear_model", p, max_chars=MAX_METADATA_TEXT_CHARS),
        tone_type=optional_str(obj, "tone_type", p, max_chars=MAX_METADATA_TEXT_CHARS),
        loudness=optional_float(obj, "loudness", p),
        gain=optional_float(obj, "gain", p),
        input_level_dbu=optional_float(obj, "input_level_dbu", p),
        output_level_dbu=optional_float(obj, "output_level_dbu", p),
        date=_date(obj.get("date")),
        training=None if training is None else as_storable_object(training, "metadata.training"),
    )


def _date(raw: object) -> datetime | None:
    if raw is None:
        return None
    obj = as_object(raw, "metadata.date")
    year, month, day, hour, minute, second = (
        as_int(obj.get(key, 0), f"metadata.date.{key}", minimum=0, maximum=maximum)
        for key, maximum in _DATE_PART_MAXIMA.items()
    )
    try:
        # The file stores a naive local time.
        return datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise NamFormatError(f"metadata.date: {exc}") from None
