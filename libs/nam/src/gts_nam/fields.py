"""Typed reads of JSON values that fail with the field's path and the reason."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from gts_nam.cost import MAX_DILATION
from gts_nam.errors import NamFormatError

# Integers longer than this are kept as their length only: Python's int() refuses strings of
# over 4,300 digits, and a float cannot hold one of over 308.
MAX_INT_DIGITS = 300


@dataclass(frozen=True, slots=True)
class OversizedInt:
    """An integer of more than MAX_INT_DIGITS digits in the file: no field accepts one."""

    digits: int


def parse_int(text: str) -> int | OversizedInt:
    """A JSON integer literal, or OversizedInt when it has more than MAX_INT_DIGITS digits."""
    digits = len(text.lstrip("-").lstrip("0"))
    return OversizedInt(digits) if digits > MAX_INT_DIGITS else int(text)


def refuse_oversized(value: object, field: str) -> None:
    """A NamFormatError naming `field` when the value is an OversizedInt."""
    if isinstance(value, OversizedInt):
        raise NamFormatError(f"{field}: a number of {value.digits:,} digits is out of range")


def describe(value: object) -> str:
    """A short description of a JSON value for an error message ("a string ("16")")."""
    if value is None:
        return "null"
    if isinstance(value, OversizedInt):
        return f"a number of {value.digits:,} digits"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'a string ("{shown}")'
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def require(obj: dict[str, Any], key: str, path: str) -> object:
    """obj[key], or a NamFormatError naming `path.key` as missing."""
    if key not in obj:
        raise NamFormatError(f"{path}{key}: missing")
    return obj[key]


def as_object(value: object, field: str) -> dict[str, Any]:
    """The value as a JSON object."""
    if not isinstance(value, dict):
        raise NamFormatError(f"{field}: expected an object, got {describe(value)}")
    return value


def as_int(value: object, field: str, *, minimum: int = 1, maximum: int | None = None) -> int:
    """The value as an integer within [minimum, maximum] (booleans are not integers)."""
    refuse_oversized(value, field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise NamFormatError(f"{field}: expected an integer, got {describe(value)}")
    if value < minimum:
        raise NamFormatError(f"{field}: {value} is below the minimum {minimum}")
    if maximum is not None and value > maximum:
        raise NamFormatError(f"{field}: {value:,} is above the maximum {maximum:,}")
    return value


def as_dilations(value: object, field: str, *, most: int, unit: str) -> tuple[int, ...]:
    """The value as a non-empty list of at most `most` dilations (`unit` names what each
    one is: "layers", "blocks"), each an integer from 1 to MAX_DILATION samples."""
    if not isinstance(value, list) or not value:
        got = describe(value)
        raise NamFormatError(f"{field}: expected a non-empty list of integers, got {got}")
    if len(value) > most:
        raise NamFormatError(f"{field}: {len(value)} {unit}, the limit is {most}")
    return tuple(as_int(d, f"{field}[{i}]", maximum=MAX_DILATION) for i, d in enumerate(value))


def as_bool(value: object, field: str) -> bool:
    """The value as a boolean."""
    if not isinstance(value, bool):
        raise NamFormatError(f"{field}: expected true or false, got {describe(value)}")
    return value


def as_str(value: object, field: str) -> str:
    """The value as a string."""
    if not isinstance(value, str):
        raise NamFormatError(f"{field}: expected a string, got {describe(value)}")
    return value


def as_float(value: object, field: str) -> float:
    """The value as a finite number."""
    refuse_oversized(value, field)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise NamFormatError(f"{field}: expected a number, got {describe(value)}")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise NamFormatError(f"{field}: {value} is not a finite number")
    return number


def optional_str(
    obj: dict[str, Any], key: str, path: str, *, max_chars: int | None = None
) -> str | None:
    """obj[key] as a string of at most `max_chars` characters, None when absent or null."""
    value = obj.get(key)
    if value is None:
        return None
    text = as_str(value, f"{path}{key}")
    if max_chars is not None and len(text) > max_chars:
        raise NamFormatError(f"{path}{key}: {len(text):,} characters, the limit is {max_chars:,}")
    return text


def optional_float(obj: dict[str, Any], key: str, path: str) -> float | None:
    """obj[key] as a finite number, None when absent or null."""
    value = obj.get(key)
    return None if value is None else as_float(value, f"{path}{key}")


# Numbers every reader of stored metadata takes alike: finite floats (PostgreSQL's jsonb
# refuses NaN and Infinity) and 64-bit integers.
_INT64 = range(-(2**63), 2**63)


def as_storable_object(value: object, field: str) -> dict[str, Any]:
    """The value as a JSON object whose numbers, however deep, are finite floats or 64-bit
    integers; a NamFormatError names the path of the first that is not."""
    obj = as_object(value, field)
    pending: list[tuple[str, object]] = [(field, obj)]
    while pending:  # a loop, not recursion: the file may nest as deep as json allows
        path, item = pending.pop()
        refuse_oversized(item, path)
        if isinstance(item, dict):
            pending.extend((f"{path}.{key}", inner) for key, inner in item.items())
        elif isinstance(item, list):
            pending.extend((f"{path}[{i}]", inner) for i, inner in enumerate(item))
        elif isinstance(item, float) and not math.isfinite(item):
            raise NamFormatError(f"{path}: {item} is not a finite number")
        elif isinstance(item, int) and not isinstance(item, bool) and item not in _INT64:
            raise NamFormatError(f"{path}: {item:,} does not fit in 64 bits")
    return obj
