"""Auth settings: derived URLs and the refusal of unusable values, by variable name."""

from __future__ import annotations

import pytest

from auth.config import Settings
from gts_kit.settings import SettingsError, load_settings


@pytest.mark.parametrize(
    ("given", "api"),
    [
        ("https://www.tone3000.com", "https://www.tone3000.com/api/v1"),
        ("https://www.tone3000.com/", "https://www.tone3000.com/api/v1"),
        ("http://127.0.0.1:9000/api/v1/", "http://127.0.0.1:9000/api/v1"),
    ],
)
def test_tone3000_api_url_adds_the_api_path_to_a_bare_origin(given: str, api: str) -> None:
    assert Settings(tone3000_url=given).tone3000_api_url == api


def test_urls_and_cookie_security_follow_the_public_url() -> None:
    https = Settings(public_url="https://gts.example/")
    assert https.issuer == "https://gts.example"
    assert https.redirect_uri == "https://gts.example/auth/callback"
    assert https.secure_cookies
    assert not Settings(public_url="http://127.0.0.1:8000").secure_cookies


def test_keys_come_as_json_maps_and_a_bad_ttl_is_named() -> None:
    loaded = load_settings(
        Settings,
        {"GTS_JWT_PRIVATE_KEYS": '{"j1": "pem"}', "GTS_TOKEN_ENCRYPTION_KEYS": '{"k1": "x"}'},
    )
    assert loaded.jwt_private_keys == {"j1": "pem"}
    with pytest.raises(SettingsError, match="GTS_ACCESS_TOKEN_TTL_SECONDS"):
        load_settings(Settings, {"GTS_ACCESS_TOKEN_TTL_SECONDS": "5"})
