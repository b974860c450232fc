"""Health and metrics answer on the internal port; the public port (the ingress's) hides them.

The service runs as a real process (`serve`, uvicorn on both ports), as it does in production.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gts_kit.local.ports import free_port
from gts_kit.testing.waiting import eventually

from .kit_service import create_tables

pytestmark = pytest.mark.usefixtures("clean_state")

TESTS_DIR = Path(__file__).resolve().parent
SERVE = (
    f"import sys; sys.path.insert(0, {str(TESTS_DIR)!r}); "
    "import kit_service; sys.exit(kit_service.serve())"
)


@pytest.fixture
def ports() -> tuple[int, int]:
    """A public and an internal port, both free."""
    public = free_port()
    internal = free_port()
    while internal == public:
        internal = free_port()
    return public, internal


@pytest.fixture
def kit_process(
    database_url: str, nats_url: str, ports: tuple[int, int], tmp_path: Path
) -> Iterator[Path]:
    """`serve` running on the two ports; yields its log file."""
    public, internal = ports
    log = tmp_path / "kittest.log"
    env = {
        **os.environ,
        "GTS_DATABASE_URL": database_url,
        "GTS_NATS_URL": nats_url,
        "GTS_PORT": str(public),
        "GTS_INTERNAL_PORT": str(internal),
    }
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-c", SERVE], env=env, stdout=out, stderr=out)
    try:
        yield log
    finally:
        process.terminate()
        process.wait(timeout=30)


async def test_health_and_metrics_answer_on_the_internal_port_only(
    database_url: str, ports: tuple[int, int], kit_process: Path
) -> None:
    await create_tables(database_url)
    public, internal = (f"http://127.0.0.1:{port}" for port in ports)
    async with httpx.AsyncClient(timeout=5) as client:

        async def ready() -> bool:
            try:
                return (await client.get(internal + "/health/ready")).status_code == 200
            except httpx.HTTPError:
                return False

        assert await eventually(ready, within=60), _tail(kit_process)
        assert (await client.get(public + "/search", params={"q": "x"})).status_code == 200
        assert (await client.get(public + "/health/live")).status_code == 200
        unknown = await client.get(public + "/nope")
        for path in ("/metrics", "/health/ready"):
            hidden = await client.get(public + path)
            assert hidden.status_code == 404, path
            assert hidden.headers["content-type"] == "application/problem+json"
            # the same answer as a path that does not exist
            assert _problem(hidden) == _problem(unknown)

        readiness = await client.get(internal + "/health/ready")
        metrics = await client.get(internal + "/metrics")
        live = await client.get(internal + "/health/live")
        api_on_internal = await client.get(internal + "/search", params={"q": "x"})
        schema_on_internal = await client.get(internal + "/schema/openapi.json")
    assert readiness.status_code == 200
    assert {c["name"] for c in readiness.json()["checks"]} == {"nats", "database"}
    assert metrics.status_code == 200
    assert 'gts_http_request_seconds_count{method="GET",service="kittest",status="200"}' in (
        metrics.text
    )
    assert live.status_code == 200
    assert api_on_internal.status_code == 404
    assert api_on_internal.headers["content-type"] == "application/problem+json"
    assert schema_on_internal.status_code == 404


def _problem(response: httpx.Response) -> dict[str, object]:
    return {k: v for k, v in response.json().items() if k not in {"instance", "request_id"}}


def _tail(log: Path) -> str:
    return log.read_text()[-2000:]
