"""The local stack's own secrets: created once per stack home, then read from secrets.json."""

from __future__ import annotations

import base64
import json
import secrets
import threading
from pathlib import Path

_SECRETS_LOCK = threading.Lock()

# PKCS#8 DER of an Ed25519 private key is this fixed prefix followed by the 32-byte seed
_ED25519_PKCS8_PREFIX = bytes.fromhex("302e020100300506032b657004220420")


def stack_secrets(home: Path) -> dict[str, object]:
    """The internal secret, token encryption keys and JWT signing keys of the stack at
    `home`; those missing from its secrets.json are created and written there (mode 0600)."""
    # migrations ask from several threads at once: one of them creates, the rest read
    with _SECRETS_LOCK:
        path = home / "secrets.json"
        loaded: dict[str, object] = json.loads(path.read_text()) if path.exists() else {}
        values: dict[str, object] = {
            "internal_secret": secrets.token_urlsafe(32),
            "token_encryption_keys": {"k1": secrets.token_urlsafe(32)},
            # Ed25519 access-token signing key(s), key id -> PKCS#8 PEM
            "jwt_private_keys": {"j1": _new_ed25519_pem()},
            **loaded,
        }
        if values == loaded:
            return loaded
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(values))
        partial.chmod(0o600)
        partial.replace(path)
        return values


def _new_ed25519_pem() -> str:
    der = _ED25519_PKCS8_PREFIX + secrets.token_bytes(32)
    body = base64.b64encode(der).decode()
    return f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n"
