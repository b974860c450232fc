"""Key rings: grant encryption with rotation and tamper detection; signing keys in the JWKS."""

from __future__ import annotations

import base64
import os
import uuid

import jwt
import pytest

from auth.keys.grant_cipher import GrantCipher, GrantCipherError, Sealed
from auth.keys.signing import KeyConfigError, SigningKeys, new_private_pem


def key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")


def test_sealed_grant_opens_only_for_the_same_user_and_unchanged_bytes() -> None:
    cipher = GrantCipher({"k1": key()})
    user = uuid.uuid4().bytes
    sealed = cipher.seal(b"secret-token", user)
    assert b"secret-token" not in sealed.ciphertext
    assert cipher.open(sealed, user) == b"secret-token"
    with pytest.raises(GrantCipherError):
        cipher.open(sealed, uuid.uuid4().bytes)
    flipped = bytes([sealed.ciphertext[0] ^ 1]) + sealed.ciphertext[1:]
    with pytest.raises(GrantCipherError):
        cipher.open(Sealed(sealed.key_id, sealed.nonce, flipped), user)


def test_rotation_keeps_old_grants_readable_and_seals_new_ones_with_the_new_key() -> None:
    k1, k2 = key(), key()
    old = GrantCipher({"k1": k1}).seal(b"old", b"u")
    ring = GrantCipher({"k1": k1, "k2": k2})
    assert ring.current_kid == "k2"
    assert ring.open(old, b"u") == b"old"
    assert ring.seal(b"new", b"u").key_id == "k2"
    with pytest.raises(GrantCipherError, match="key_id"):
        GrantCipher({"k2": k2}).open(old, b"u")


@pytest.mark.parametrize(
    ("keys", "reason"),
    [({}, "required"), ({"k1": "c2hvcnQ"}, "32 are needed"), ({"k1": "!!!"}, "base64")],
)
def test_bad_encryption_keys_are_named(keys: dict[str, str], reason: str) -> None:
    with pytest.raises(KeyConfigError, match=reason):
        GrantCipher(keys)


def test_jwks_publishes_every_key_and_the_current_one_signs() -> None:
    keys = SigningKeys(
        {"2026-01": new_private_pem(), "2026-02": new_private_pem()}, current_kid="2026-01"
    )
    published = keys.jwks()["keys"]
    assert [k["kid"] for k in published] == ["2026-01", "2026-02"]
    assert all(k["kty"] == "OKP" and k["alg"] == "EdDSA" and "d" not in k for k in published)
    issued = keys.issue(uuid.uuid4(), "https://gts.example", 900, now=1000)
    assert jwt.get_unverified_header(issued.token)["kid"] == "2026-01"
    assert issued.expires_at == 1900


def test_a_current_kid_that_is_not_listed_is_refused() -> None:
    with pytest.raises(KeyConfigError, match="GTS_JWT_CURRENT_KID"):
        SigningKeys({"a": new_private_pem()}, current_kid="b")
