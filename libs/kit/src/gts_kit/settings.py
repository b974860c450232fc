"""Service settings from `GTS_`-prefixed environment variables, validated at start-up."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import msgspec

PREFIX = "GTS_"

S = TypeVar("S", bound=msgspec.Struct)


class SettingsError(Exception):
    """One or more settings are missing or invalid; the message lists each by variable name."""


class ServiceSettings(msgspec.Struct, kw_only=True, frozen=True):
    """What every service reads: where PostgreSQL and NATS are, where to listen, how to log."""

    database_url: str | None = None
    nats_url: str = "nats://127.0.0.1:4222"
    # This service's NATS user (empty: no authentication); see gts_kit.local.nats_auth.
    nats_user: str = ""
    nats_password: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    # Health and metrics (`/health/ready`, `/metrics`) answer here, on the same host, and not
    # on `port`: the ingress reaches only `port`; probes and Prometheus use this one.
    internal_port: int = 9000
    log_level: str = "INFO"
    # Signs the user header that the gateway forwards; services refuse it without a valid signature.
    internal_secret: str = ""
    public_url: str = "http://127.0.0.1:8000"
    # JetStream replicas for streams and object stores this service creates (3 in production).
    nats_replicas: int = 1
    # Overrides of the streams' and object buckets' size and age limits, by name (JSON maps,
    # e.g. GTS_BUCKET_MAX_BYTES='{"render-outputs": 10737418240}'); see docs/deploy.md.
    stream_max_bytes: dict[str, int] = {}
    stream_max_age_seconds: dict[str, float] = {}
    bucket_max_bytes: dict[str, int] = {}
    request_timeout_seconds: float = 10.0
    # Where this process writes its trace spans, one JSON object a line (`gts up` sets it;
    # `gts trace` reads it). Deployed, spans go to OTEL_EXPORTER_OTLP_ENDPOINT when it is set.
    traces_dir: str = ""

    def __post_init__(self) -> None:
        if self.database_url is not None and not self.database_url.startswith("postgresql"):
            raise ValueError("database_url: must be a postgresql:// URL")
        if not self.nats_url.startswith(("nats://", "tls://")):
            raise ValueError("nats_url: must be a nats:// URL")
        if not 0 <= self.port <= 65535:
            raise ValueError("port: must be between 0 and 65535")
        if not 0 <= self.internal_port <= 65535:
            raise ValueError("internal_port: must be between 0 and 65535")
        if self.internal_port == self.port != 0:
            raise ValueError("internal_port: must differ from port")
        if self.log_level.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("log_level: must be DEBUG, INFO, WARNING or ERROR")


def require_at_least_one(settings: msgspec.Struct, names: Iterable[str]) -> None:
    """ValueError naming the first of `names` (settings fields) that is below 1."""
    for name in names:
        if getattr(settings, name) < 1:
            raise ValueError(f"{name}: must be at least 1")


def load_settings(
    cls: type[S], environ: Mapping[str, str] | None = None, *, required: tuple[str, ...] = ()
) -> S:
    """Read `cls`'s fields from `GTS_<FIELD>` variables; raise SettingsError naming every bad one.

    `required` names fields that must be set even though the type has a default of None.
    """
    env = os.environ if environ is None else environ
    raw: dict[str, Any] = {}
    problems: list[str] = []
    for field in msgspec.structs.fields(cls):
        var = PREFIX + field.name.upper()
        if var in env:
            raw[field.name] = _parse_value(env[var])
        elif field.name in required:
            problems.append(f"{var}: required, not set")
    if problems:
        raise SettingsError("; ".join(problems))
    try:
        return msgspec.convert(raw, cls, strict=False)
    except (msgspec.ValidationError, ValueError) as exc:
        raise SettingsError(_explain(str(exc))) from exc


def _parse_value(text: str) -> Any:
    stripped = text.strip()
    # Lists and maps come as JSON; everything else stays a string for msgspec to coerce.
    if stripped[:1] in {"[", "{"}:
        try:
            return msgspec.json.decode(stripped)
        except msgspec.DecodeError:
            return text
    return text


def _explain(message: str) -> str:
    # msgspec says "... - at `$.port`"; turn the path into the variable name a person sets.
    if "at `$." in message:
        head, _, path = message.partition(" - at `$.")
        name = path.rstrip("`").split(".")[0].split("[")[0]
        return f"{PREFIX}{name.upper()}: {head}"
    if ": " in message and message.split(":", 1)[0].isidentifier():
        name, _, reason = message.partition(": ")
        return f"{PREFIX}{name.upper()}: {reason}"
    return message
