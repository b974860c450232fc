"""AES-256-GCM for TONE3000 tokens at rest; the key id travels with each ciphertext."""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from auth.keys.signing import KeyConfigError, KeyRing

_NONCE_BYTES = 12


@dataclass(frozen=True)
class Sealed:
    """One encrypted value: which key, the nonce and the ciphertext (tag included)."""

    key_id: str
    nonce: bytes
    ciphertext: bytes


class GrantCipherError(Exception):
    """A ciphertext cannot be opened: unknown key id or tampered data."""


def _aes_key(text: str) -> AESGCM:
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise KeyConfigError("is not url-safe base64") from exc
    if len(raw) != 32:
        raise KeyConfigError(f"has {len(raw)} bytes, 32 are needed")
    return AESGCM(raw)


_ENCRYPTION_KEYS = KeyRing(
    "GTS_TOKEN_ENCRYPTION_KEYS",
    "GTS_TOKEN_ENCRYPTION_CURRENT_KID",
    "a JSON map id -> key",
    _aes_key,
)


class GrantCipher:
    """Encrypts with the current key; decrypts with whichever listed key sealed the value."""

    def __init__(self, keys: dict[str, str], current_kid: str | None = None) -> None:
        self._keys, self.current_kid = _ENCRYPTION_KEYS.load_all(keys, current_kid)

    def seal(self, plaintext: bytes, context: bytes) -> Sealed:
        """Encrypt `plaintext`, bound to `context` (e.g. the user id) as associated data."""
        nonce = os.urandom(_NONCE_BYTES)
        aad = self.current_kid.encode() + b"\0" + context
        return Sealed(
            self.current_kid, nonce, self._keys[self.current_kid].encrypt(nonce, plaintext, aad)
        )

    def open(self, sealed: Sealed, context: bytes) -> bytes:
        """The plaintext; GrantCipherError when the key is gone or the data was changed."""
        aead = self._keys.get(sealed.key_id)
        if aead is None:
            raise GrantCipherError(f"key_id: {sealed.key_id!r} is not among the configured keys")
        try:
            return aead.decrypt(
                sealed.nonce, sealed.ciphertext, sealed.key_id.encode() + b"\0" + context
            )
        except InvalidTag as exc:
            raise GrantCipherError("ciphertext: does not authenticate") from exc
