"""`gts-<service> provision`: the admin creates every stream and bucket, failing in one line."""

from __future__ import annotations

import asyncio
import dataclasses

import nats
import pytest
from litestar import Litestar

from gts_contracts import BUCKETS
from gts_contracts.registry import MESSAGES
from gts_kit.local.nats_auth import ADMIN_USER
from gts_kit.local.ports import free_port
from gts_kit.runner import run_service_cli
from gts_kit.settings import ServiceSettings
from gts_kit.testing.servers import Servers

pytestmark = pytest.mark.usefixtures("clean_state")


def _no_app(_settings: ServiceSettings) -> Litestar:
    raise AssertionError("provision must not build the app")


async def _provision_command(
    monkeypatch: pytest.MonkeyPatch, servers: Servers, password: str
) -> int:
    for name in ("GTS_DATABASE_URL", "GTS_NATS_REPLICAS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GTS_NATS_URL", servers.nats_url)
    monkeypatch.setenv("GTS_NATS_USER", ADMIN_USER)
    monkeypatch.setenv("GTS_NATS_PASSWORD", password)
    # A table owner's image runs it too, without a database URL: provisioning needs none.
    return await asyncio.to_thread(
        run_service_cli, "kittest", ServiceSettings, _no_app, schema="kittest",
        argv=["provision"],
    )  # fmt: skip


async def test_provision_creates_every_stream_and_bucket(
    gts_servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not gts_servers.nats_passwords:
        pytest.skip(f"NATS comes from {gts_servers.source}, without GTS's users")
    assert (
        await _provision_command(monkeypatch, gts_servers, gts_servers.nats_passwords[ADMIN_USER])
        == 0
    )
    nc = await nats.connect(
        gts_servers.nats_url, user=ADMIN_USER, password=gts_servers.nats_passwords[ADMIN_USER]
    )
    try:
        js = nc.jetstream()
        expected = {s.stream for s in MESSAGES if s.stream} | {b.stream for b in BUCKETS}
        found = {info.config.name for info in await js.streams_info()}
    finally:
        await nc.close()
    assert expected <= found


async def test_a_wrong_admin_password_is_one_line(
    gts_servers: Servers, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not gts_servers.nats_passwords:
        pytest.skip(f"NATS comes from {gts_servers.source}, without GTS's users")
    assert await _provision_command(monkeypatch, gts_servers, "not-the-password") == 1
    err = capsys.readouterr().err
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("gts-kittest: provisioning failed: cannot connect to nats://")
    )
    assert "Traceback" not in err


async def test_an_unreachable_nats_is_one_line_not_a_hang(
    gts_servers: Servers, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    unreachable = dataclasses.replace(gts_servers, nats_url=f"nats://127.0.0.1:{free_port()}")
    assert await _provision_command(monkeypatch, unreachable, "any") == 1
    err = capsys.readouterr().err
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith(f"gts-kittest: provisioning failed: cannot connect to {unreachable.nats_url}")
    )
    assert "Traceback" not in err
