"""The signed user header: only the gateway's signature is accepted."""

from __future__ import annotations

import uuid

import pytest

from gts_kit.errors import UnauthorizedError
from gts_kit.http.identity import sign_identity, verify_identity

SECRET = "s3cret"
USER = uuid.uuid4()


def headers_of(pairs: list[tuple[bytes, bytes]]) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in pairs}


def test_signed_header_is_accepted_for_the_same_method_and_path() -> None:
    headers = headers_of(sign_identity(SECRET, USER, "GET", "/api/v1/gear", now=1000))
    assert verify_identity(SECRET, headers, "GET", "/api/v1/gear", now=1010) == USER


def test_no_identity_is_anonymous() -> None:
    assert verify_identity(SECRET, {}, "GET", "/api/v1/gear") is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"x-gts-user": str(uuid.uuid4())}, "bad signature"),
        ({"x-gts-user-sig": "0" * 64}, "bad signature"),
        ({"x-gts-user-ts": "1001"}, "bad signature"),
    ],
)
def test_forged_headers_are_refused(change: dict[str, str], reason: str) -> None:
    headers = headers_of(sign_identity(SECRET, USER, "GET", "/api/v1/gear", now=1000)) | change
    with pytest.raises(UnauthorizedError, match=reason):
        verify_identity(SECRET, headers, "GET", "/api/v1/gear", now=1000)


def test_signature_does_not_carry_over_to_another_path_or_method() -> None:
    headers = headers_of(sign_identity(SECRET, USER, "GET", "/api/v1/gear", now=1000))
    with pytest.raises(UnauthorizedError):
        verify_identity(SECRET, headers, "DELETE", "/api/v1/gear", now=1000)
    with pytest.raises(UnauthorizedError):
        verify_identity(SECRET, headers, "GET", "/api/v1/shootouts", now=1000)


def test_old_signature_is_refused_as_expired() -> None:
    headers = headers_of(sign_identity(SECRET, USER, "GET", "/x", now=1000))
    with pytest.raises(UnauthorizedError, match="expired"):
        verify_identity(SECRET, headers, "GET", "/x", now=1000 + 61)


def test_signature_made_with_another_secret_is_refused() -> None:
    headers = headers_of(sign_identity("other", USER, "GET", "/x", now=1000))
    with pytest.raises(UnauthorizedError, match="bad signature"):
        verify_identity(SECRET, headers, "GET", "/x", now=1000)
