"""The golden examples (`libs/contracts/examples/<subject>[.<label>].json`), for contract tests.

A reply's examples are named `<subject>.reply[.<label>].json`. Consumers' tests feed these
payloads to their handlers, so every consumer is checked against what producers promise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gts_contracts.registry import MESSAGES, MessageSpec
from gts_contracts.schemas import schema_basename


@dataclass(frozen=True)
class GoldenExample:
    """One example payload (raw JSON bytes) and the message it is an example of."""

    path: Path
    spec: MessageSpec
    data: bytes


def default_examples_dir() -> Path:
    """`libs/contracts/examples` of the source tree this package runs from."""
    directory = Path(__file__).resolve().parents[2] / "examples"
    if not directory.is_dir():
        raise FileNotFoundError(f"examples dir: {directory} not found (not a source checkout)")
    return directory


def spec_for_example(filename: str) -> MessageSpec:
    """The message an example file belongs to, by the longest matching subject prefix."""
    stem = filename.removesuffix(".json")
    matches = [
        spec
        for spec in MESSAGES
        if stem == schema_basename(spec) or stem.startswith(schema_basename(spec) + ".")
    ]
    if not matches:
        raise KeyError(f"example {filename!r}: its name starts with no known subject")
    return max(matches, key=lambda spec: len(schema_basename(spec)))


def load_examples(directory: Path | None = None) -> list[GoldenExample]:
    """Every golden example, sorted by file name."""
    folder = directory if directory is not None else default_examples_dir()
    return [
        GoldenExample(path=path, spec=spec_for_example(path.name), data=path.read_bytes())
        for path in sorted(folder.glob("*.json"))
    ]


def examples_for(message_type: type, directory: Path | None = None) -> list[GoldenExample]:
    """The golden examples of one message type."""
    return [example for example in load_examples(directory) if example.spec.type is message_type]
