"""OAuth 2.0 authorization code with PKCE (S256): the verifier pair and the authorize URL."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from authlib.oauth2.rfc7636 import create_s256_code_challenge

# RFC 7636 allows 43-128 characters; 64 random bytes give 86 url-safe ones
_VERIFIER_BYTES = 64


def new_pkce_pair() -> tuple[str, str]:
    """A fresh `(code_verifier, code_challenge)`; the challenge is the S256 of the verifier."""
    verifier = secrets.token_urlsafe(_VERIFIER_BYTES)
    challenge: str = create_s256_code_challenge(verifier)
    return verifier, challenge


def new_state() -> str:
    """A random `state` value that ties the callback to the browser that started sign-in."""
    return secrets.token_urlsafe(32)


def authorize_url(
    base: str,
    client_id: str,
    redirect_uri: str,
    state: str,
    challenge: str,
    **optional: str | int | None,
) -> str:
    """The URL to send the browser to (`GET {base}/oauth/authorize`).

    `optional` adds TONE3000's extra parameters (`prompt`, `tone_id`, `gears`, `format`,
    `architecture`, `login_hint`); None values are left out.
    """
    params: dict[str, str] = {
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": state,
    }
    params.update({k: str(v) for k, v in optional.items() if v is not None})
    return f"{base.rstrip('/')}/oauth/authorize?{urlencode(params)}"
