"""Typed reads of JSON values that fail with the field's path and the reason."""

from __future__ import annotations

from typing import Any

from gts_nam.errors import NamFormatError


def describe(value: object) -> str:
    """A short description of a JSON value for an error message ("a string ("16")")."""
    if value is None:
        return "null"
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
    if isinstance(value, bool) or not isinstance(value, int):
        raise NamFormatError(f"{field}: expected an integer, got {describe(value)}")
    if value < minimum:
        raise NamFormatError(f"{field}: {value} is below the minimum {minimum}")
    if maximum is not None and value > maximum:
        raise NamFormatError(f"{field}: {value:,} is above the maximum {maximum:,}")
    return value


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
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise NamFormatError(f"{field}: expected a number, got {describe(value)}")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise NamFormatError(f"{field}: {value} is not a finite number")
    return number


def optional_str(obj: dict[str, Any], key: str, path: str) -> str | None:
    """obj[key] as a string, None when absent or null."""
    value = obj.get(key)
    return None if value is None else as_str(value, f"{path}{key}")


def optional_float(obj: dict[str, Any], key: str, path: str) -> float | None:
    """obj[key] as a finite number, None when absent or null."""
    value = obj.get(key)
    return None if value is None else as_float(value, f"{path}{key}")
