"""`/health/live` (the process answers) and `/health/ready` (every dependency answers).

`/health/ready` answers on the internal port only (see gts_kit.http.internal_port).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

import msgspec
from faststream.nats import NatsBroker
from litestar import Response, get
from litestar.datastructures import State
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gts_kit.http.internal_port import served_on
from gts_kit.messaging.broker import is_connected

# A check returns None when healthy, or a short reason when not.
ReadinessCheck = Callable[[], Awaitable[str | None]]

CHECK_TIMEOUT_SECONDS = 2.0


class CheckResult(msgspec.Struct):
    """One dependency's state."""

    name: str
    ok: bool
    detail: str | None = None


class Readiness(msgspec.Struct):
    """The service's readiness: ready only when every check passes."""

    status: str
    checks: list[CheckResult]


class Liveness(msgspec.Struct):
    """The process answers."""

    status: str


@get("/health/live", tags=["health"], sync_to_thread=False, opt=served_on("both"))
def live() -> Liveness:
    """Always 200 while the process can answer."""
    return Liveness(status="ok")


@get("/health/ready", include_in_schema=False, opt=served_on("internal"))
async def ready(state: State) -> Response[Readiness]:
    """200 when every dependency answers, else 503 naming the ones that do not."""
    checks: Mapping[str, ReadinessCheck] = state.get("readiness_checks", {})
    results = await run_checks(checks)
    ok = all(r.ok for r in results)
    return Response(
        Readiness(status="ready" if ok else "unavailable", checks=results),
        status_code=200 if ok else 503,
    )


async def run_checks(checks: Mapping[str, ReadinessCheck]) -> list[CheckResult]:
    """Run all checks concurrently, each bounded by a timeout."""

    async def one(name: str, check: ReadinessCheck) -> CheckResult:
        try:
            problem = await asyncio.wait_for(check(), CHECK_TIMEOUT_SECONDS)
        except TimeoutError:
            problem = "timed out"
        except Exception as exc:
            problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return CheckResult(name=name, ok=problem is None, detail=problem)

    return list(await asyncio.gather(*(one(n, c) for n, c in checks.items())))


def nats_check(broker: NatsBroker) -> ReadinessCheck:
    """Readiness of the NATS connection: up, and answering a flush."""

    async def check() -> str | None:
        if not is_connected(broker):
            return "not connected"
        await broker.connection.flush(timeout=1)
        return None

    return check


def database_check(engine: AsyncEngine) -> ReadinessCheck:
    """Readiness of the database: it answers `SELECT 1`."""

    async def check() -> str | None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return None

    return check
