"""Settings come from GTS_ variables and a bad one is named in a one-line message."""

from __future__ import annotations

import pytest

from gts_kit.settings import ServiceSettings, SettingsError, load_settings


def test_values_are_read_from_prefixed_variables() -> None:
    settings = load_settings(
        ServiceSettings,
        {"GTS_PORT": "8123", "GTS_NATS_URL": "nats://h:1", "GTS_DATABASE_URL": "postgresql://x/y"},
    )
    assert settings.port == 8123
    assert settings.nats_url == "nats://h:1"


def test_a_non_integer_port_names_the_variable() -> None:
    with pytest.raises(SettingsError, match="GTS_PORT"):
        load_settings(ServiceSettings, {"GTS_PORT": "eighty"})


def test_a_wrong_url_scheme_names_the_field_and_reason() -> None:
    with pytest.raises(SettingsError, match=r"GTS_DATABASE_URL: must be a postgresql:// URL"):
        load_settings(ServiceSettings, {"GTS_DATABASE_URL": "mysql://x/y"})


def test_a_required_variable_that_is_missing_is_named() -> None:
    with pytest.raises(SettingsError, match="GTS_DATABASE_URL: required, not set"):
        load_settings(ServiceSettings, {}, required=("database_url",))


def test_an_internal_port_equal_to_the_public_one_is_refused() -> None:
    with pytest.raises(SettingsError, match="GTS_INTERNAL_PORT: must differ from port"):
        load_settings(ServiceSettings, {"GTS_PORT": "8000", "GTS_INTERNAL_PORT": "8000"})
