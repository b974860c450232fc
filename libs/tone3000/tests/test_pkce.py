"""PKCE pair and authorize URL."""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import parse_qs, urlsplit

from gts_tone3000 import authorize_url, new_pkce_pair


def test_challenge_is_s256_of_a_valid_verifier() -> None:
    verifier, challenge = new_pkce_pair()
    assert re.fullmatch(r"[A-Za-z0-9\-._~]{43,128}", verifier)
    digest = hashlib.sha256(verifier.encode()).digest()
    assert challenge == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def test_every_pair_is_fresh() -> None:
    assert len({new_pkce_pair()[0] for _ in range(20)}) == 20


def test_authorize_url_carries_the_protocol_parameters_and_drops_unset_options() -> None:
    url = authorize_url(
        "https://t3k.example/api/v1/", "t3k_pub_x", "http://127.0.0.1:9/cb", "s", "chal",
        prompt="select_tone", tone_id=42, login_hint=None,
    )  # fmt: skip
    parts = urlsplit(url)
    assert parts.path == "/api/v1/oauth/authorize"
    assert parse_qs(parts.query) == {
        "client_id": ["t3k_pub_x"],
        "redirect_uri": ["http://127.0.0.1:9/cb"],
        "response_type": ["code"],
        "code_challenge": ["chal"],
        "code_challenge_method": ["S256"],
        "state": ["s"],
        "prompt": ["select_tone"],
        "tone_id": ["42"],
    }
