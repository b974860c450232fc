"""Bytes on the wire: msgspec JSON, decoded strictly into one message type."""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

T = TypeVar("T")

_ENCODER = msgspec.json.Encoder()


class MessageDecodeError(ValueError):
    """A payload that is not valid JSON for the expected message type."""

    def __init__(self, message_type: type, reason: str) -> None:
        super().__init__(f"{message_type.__qualname__}: {reason}")
        self.message_type = message_type
        self.reason = reason


# Building a decoder compiles the type once; reuse it for every message of that type.
_DECODERS: dict[Any, msgspec.json.Decoder[Any]] = {}


def _decoder(message_type: Any) -> msgspec.json.Decoder[Any]:
    decoder = _DECODERS.get(message_type)
    if decoder is None:
        decoder = _DECODERS[message_type] = msgspec.json.Decoder(message_type, strict=True)
    return decoder


def encode(message: msgspec.Struct) -> bytes:
    """A message as compact JSON bytes (UTF-8)."""
    return _ENCODER.encode(message)


def decode(data: bytes, message_type: type[T]) -> T:
    """Parse `data` as `message_type`; raises MessageDecodeError naming the bad field.

    Strict: no type coercion (a string is never read as a number), timestamps must carry a
    timezone. Unknown fields are ignored so a consumer keeps working when a producer adds an
    optional field.
    """
    decoder: msgspec.json.Decoder[T] = _decoder(message_type)
    try:
        return decoder.decode(data)
    except msgspec.ValidationError as error:
        raise MessageDecodeError(message_type, str(error)) from error
    except msgspec.DecodeError as error:
        raise MessageDecodeError(message_type, f"not valid JSON ({error})") from error
