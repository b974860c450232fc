"""Catalog settings from the environment."""

from __future__ import annotations

import pytest

from catalog.config import Settings
from gts_kit.settings import SettingsError, load_settings


@pytest.mark.parametrize(
    ("given", "api"),
    [
        ("https://www.tone3000.com", "https://www.tone3000.com/api/v1"),
        ("https://www.tone3000.com/", "https://www.tone3000.com/api/v1"),
        ("http://127.0.0.1:9000/api/v1", "http://127.0.0.1:9000/api/v1"),
    ],
)
def test_tone3000_url_may_name_the_site_or_the_api(given: str, api: str) -> None:
    assert load_settings(Settings, {"GTS_TONE3000_URL": given}).tone3000_api_url == api


def test_limits_default_to_nam_10_mb_and_ir_16_mb() -> None:
    assert Settings().file_limits == {"nam": 10_000_000, "ir": 16_000_000}


def test_zero_import_concurrency_is_refused_naming_the_variable() -> None:
    with pytest.raises(SettingsError, match="GTS_IMPORT_CONCURRENCY"):
        load_settings(Settings, {"GTS_IMPORT_CONCURRENCY": "0"})
