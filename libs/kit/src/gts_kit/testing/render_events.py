"""Render's job events captured from the RENDER stream, for tests that watch jobs run.

Each event is kept as (kind, body): the kind is the subject's third part
(`render.job.completed.v1` is `completed`), the body its decoded JSON.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from typing import Any

import msgspec
from nats.aio.msg import Msg
from nats.js import JetStreamContext, api

ENDED = ("completed", "failed", "cancelled")


@dataclass
class RenderEvents:
    """Every render event in the RENDER stream, in stream order, as (kind, body)."""

    items: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def on_msg(self, msg: Msg) -> None:
        """Keep one delivered event and wake whoever waits for one."""
        kind = msg.subject.split(".")[2]
        self.items.append((kind, msgspec.json.decode(msg.data)))
        self.changed.set()

    def of(self, job_id: uuid.UUID, kind: str | None = None) -> list[dict[str, Any]]:
        """Events of one job (optionally one kind)."""
        return [
            body
            for k, body in self.items
            if body["job_id"] == str(job_id) and (kind is None or k == kind)
        ]

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        """Events of one kind, of every job."""
        return [body for k, body in self.items if k == kind]

    def kinds(self, job_id: uuid.UUID) -> list[str]:
        """The kinds of one job's events, in order."""
        return [k for k, body in self.items if body["job_id"] == str(job_id)]

    async def wait_for(
        self, job_id: uuid.UUID, kinds: set[str], within: float = 60.0
    ) -> dict[str, Any]:
        """The first event of `job_id` with one of `kinds`, waiting up to `within` seconds."""
        async with asyncio.timeout(within):
            while True:
                for k, body in self.items:
                    if body["job_id"] == str(job_id) and k in kinds:
                        return body
                self.changed.clear()
                await self.changed.wait()

    def running_on(self, worker: str) -> bool:
        """Whether `worker` has started a job that has not ended yet."""
        ended = {body["job_id"] for k, body in self.items if k in ENDED}
        return any(
            body["worker"] == worker and body["job_id"] not in ended
            for body in self.of_kind("started")
        )

    def summary(self) -> str:
        """Per job: its events' kinds and the workers that started it (progress left out)."""
        jobs: dict[str, list[str]] = {}
        for k, body in self.items:
            jobs.setdefault(body["job_id"], []).append(f"{k}:{body.get('worker', '')}")
        return "; ".join(
            ",".join(v for v in kinds if not v.startswith("progress")) for kinds in jobs.values()
        )


async def follow_render_events(js: JetStreamContext) -> RenderEvents:
    """Start capturing render events: all the stream holds, then each new one."""
    events = RenderEvents()
    await js.subscribe(
        "render.>",
        stream="RENDER",
        ordered_consumer=True,
        deliver_policy=api.DeliverPolicy.ALL,
        cb=events.on_msg,
    )
    return events
