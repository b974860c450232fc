"""What a gear file says about itself, checked by the same rules the render engine uses."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gts_audio import IRFormatError, validate_ir
from gts_contracts.fields import NAME_MAX_CHARS, GearFormat, GearKind
from gts_kit.errors import invalid
from gts_nam import NamFile, NamFormatError, NamMetadata, parse_nam
from gts_nam.submodels import submodels

# Every field the .nam format defines, kept as the file says it (the date as ISO 8601).
NAM_METADATA_FIELDS = tuple(f.name for f in dataclasses.fields(NamMetadata))
_FORMAT_BY_SUFFIX: dict[str, GearFormat] = {".nam": "nam", ".wav": "ir"}
# NAM's gear_type vocabulary onto our kinds; anything else is an amp until the user says.
# A preamp, or a pedal captured into an amp, is the chain's amp stage (a cab IR follows); a rig
# captured with its cabinet is a full rig; a pedal or studio gear runs before the amp.
_KIND_BY_GEAR_TYPE: dict[str, GearKind] = {
    "amp": "amp",
    "preamp": "amp",
    "pedal_amp": "amp",
    "amp_cab": "amp-cab",
    "amp_pedal_cab": "amp-cab",
    "full_rig": "amp-cab",
    "pedal": "pedal",
    "amp_pedal": "amp",
    "studio": "outboard",
    "outboard": "outboard",
}
_MAX_FILENAME = 255
_NOT_KEPT = frozenset({"default_kind", "default_name"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class GearFacts:
    """A validated gear file: format, the kind it suggests, and its header facts."""

    format: GearFormat
    default_kind: GearKind
    default_name: str
    make: str | None
    model: str | None
    sample_rate: int
    architecture: str | None = None
    size_preset: str | None = None
    receptive_field: int | None = None
    nam_metadata: dict[str, Any] | None = None
    # an A2 SlimmableContainer's submodels: max_value, parameters, macs_per_second, loudness
    submodels: list[dict[str, Any]] | None = None
    channels: int | None = None
    duration_seconds: float | None = None

    def columns(self) -> dict[str, Any]:
        """The facts a `gear_items` row keeps, by column (all but the defaults it suggests)."""
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.name not in _NOT_KEPT
        }


def check_filename(filename: str | None) -> GearFormat:
    """The format a file name announces; refuses paths, control characters, unknown suffixes."""
    if not filename:
        raise invalid("filename", "the file part has no file name", "missing_filename")
    if "/" in filename or "\\" in filename:
        raise invalid("filename", f"{filename!r} contains a path separator", "path_in_filename")
    if filename in {".", ".."} or _CONTROL.search(filename) or len(filename) > _MAX_FILENAME:
        raise invalid("filename", f"{filename!r} is not a plain file name", "bad_filename")
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    if suffix not in _FORMAT_BY_SUFFIX:
        raise invalid(
            "filename", f"{filename!r}: only .nam captures and .wav IRs are accepted", "bad_suffix"
        )
    return _FORMAT_BY_SUFFIX[suffix]


def check_name(name: str | None) -> None:
    """A name the user gave fits a gear name (the bound of the catalog's events too)."""
    if name is not None and len(name.strip()) > NAME_MAX_CHARS:
        reason = f"{len(name.strip()):,} characters, the limit is {NAME_MAX_CHARS}"
        raise invalid("name", reason, "too_long")


def read_facts(data: bytes | bytearray, filename: str, fmt: GearFormat) -> GearFacts:
    """Validate the file and return its facts; InvalidInputError names the problem.

    A bytearray is read in place (both parsers only index, decode and hash it), never copied.
    """
    # a default, so a long file name is shortened rather than refused
    stem = (filename.rsplit(".", 1)[0] or filename)[:NAME_MAX_CHARS]
    if len(data) == 0:
        raise invalid("file", "the file is empty (0 bytes)", "empty_file")
    if fmt == "nam":
        try:
            nam = parse_nam(data)  # type: ignore[arg-type]
        except NamFormatError as exc:
            # the parser names the part of the file at fault; "file: file: ..." says it twice
            raise invalid("file", str(exc).removeprefix("file: "), "invalid_nam") from exc
        return _nam_facts(nam, stem)
    try:
        info = validate_ir(data)  # type: ignore[arg-type]
    except IRFormatError as exc:
        # a whole-file problem is already about "file"; other fields name the header's part
        reason = exc.message if exc.field == "file" else str(exc)
        raise invalid("file", f"not a usable IR: {reason}", "invalid_ir") from exc
    return GearFacts(
        format="ir",
        default_kind="cab-ir",
        default_name=stem,
        make=None,
        model=None,
        sample_rate=info.sample_rate,
        channels=info.channels,
        duration_seconds=info.seconds,
    )


def _nam_facts(nam: NamFile, stem: str) -> GearFacts:
    meta = nam.metadata
    metadata = {name: _json_value(getattr(meta, name)) for name in NAM_METADATA_FIELDS}
    gear_type = (meta.gear_type or "").lower()
    return GearFacts(
        format="nam",
        default_kind=_KIND_BY_GEAR_TYPE.get(gear_type, "amp"),
        default_name=(meta.name or "").strip() or stem,
        make=meta.gear_make,
        model=meta.gear_model,
        sample_rate=nam.sample_rate,
        architecture=nam.architecture,
        size_preset=nam.size_preset,
        receptive_field=nam.receptive_field,
        nam_metadata={k: v for k, v in metadata.items() if v is not None},
        submodels=_submodels(nam),
    )


def _submodels(nam: NamFile) -> list[dict[str, Any]] | None:
    found = submodels(nam)
    return None if found is None else [dataclasses.asdict(s) for s in found]


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def check_kind(kind: GearKind, fmt: GearFormat) -> None:
    """An IR is a cab IR and a NAM capture never is."""
    if (fmt == "ir") != (kind == "cab-ir"):
        expected = "cab-ir" if fmt == "ir" else "amp, amp-cab, pedal or outboard"
        raise invalid("kind", f"{kind!r} does not fit a {fmt} file (expected {expected})", "kind")
