"""Every message has golden examples; each decodes, re-encodes unchanged, fits its schema."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest

from gts_contracts import MESSAGES, Event, decode, encode, uuid7_unix_ms
from gts_contracts.examples import GoldenExample, load_examples
from gts_contracts.schemas import schema_filename

EXAMPLES = load_examples()
SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"


def _name(example: GoldenExample) -> str:
    return example.path.name


def test_every_message_type_has_at_least_one_example() -> None:
    covered = {example.spec.type for example in EXAMPLES}
    missing = [spec.subject for spec in MESSAGES if spec.type not in covered]
    assert not missing, f"no golden example for {missing}"


@pytest.mark.parametrize("example", EXAMPLES, ids=_name)
def test_example_decodes_and_reencodes_to_the_same_json(example: GoldenExample) -> None:
    message = decode(example.data, example.spec.type)
    assert json.loads(encode(message)) == json.loads(example.data)


@pytest.mark.parametrize("example", EXAMPLES, ids=_name)
def test_example_is_valid_against_its_committed_schema(example: GoldenExample) -> None:
    schema = json.loads((SCHEMAS_DIR / schema_filename(example.spec)).read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    payload = json.loads(example.data)
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(payload)]
    assert not errors


@pytest.mark.parametrize(
    "example", [e for e in EXAMPLES if issubclass(e.spec.type, Event)], ids=_name
)
def test_example_event_id_is_a_v7_made_when_the_event_occurred(example: GoldenExample) -> None:
    event = decode(example.data, example.spec.type)
    assert isinstance(event, Event)
    assert event.event_id.version == 7
    assert isinstance(event.occurred_at, datetime)
    assert uuid7_unix_ms(event.event_id) == pytest.approx(
        event.occurred_at.timestamp() * 1000, abs=1000
    )


def test_example_event_ids_are_unique() -> None:
    ids = [json.loads(e.data)["event_id"] for e in EXAMPLES if "event_id" in json.loads(e.data)]
    assert len(ids) == len(set(ids))


def test_a_schema_rejects_what_decode_rejects() -> None:
    # Guards the schemas' usefulness: they must not be looser than the decoder on a bad enum.
    example = next(e for e in EXAMPLES if e.path.name == "render.job.progress.v1.json")
    payload = json.loads(example.data) | {"stage": "mastering"}
    schema = json.loads((SCHEMAS_DIR / schema_filename(example.spec)).read_text())
    assert not jsonschema.Draft202012Validator(schema).is_valid(payload)
