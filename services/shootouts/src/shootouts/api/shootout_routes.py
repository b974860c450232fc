"""`/api/v1/shootouts`, `/api/v1/jobs`, `/api/v1/outputs` and `/api/v1/public/shootouts`."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, delete, get, patch, post

from gts_kit.http.paging import Page, Paging
from shootouts.api.ranged import ranged
from shootouts.outputs.access import readable_output
from shootouts.shootout.schemas import (
    JobView,
    PublicShootoutView,
    ShootoutIn,
    ShootoutPatch,
    ShootoutView,
    Submitted,
)
from shootouts.wiring import Domain


class ShootoutController(Controller):
    """Shootouts of the signed-in user."""

    path = "/api/v1/shootouts"

    @post("/")
    async def create(self, domain: Domain, user_id: uuid.UUID, data: ShootoutIn) -> ShootoutView:
        """A new shootout (DI tracks and chains must be the caller's)."""
        return await domain.shootouts.create(user_id, data)

    @get("/")
    async def page(self, domain: Domain, user_id: uuid.UUID, paging: Paging) -> Page[ShootoutView]:
        """The caller's shootouts, newest first."""
        return await domain.shootouts.page(user_id, paging)

    @get("/{shootout_id:uuid}")
    async def read(
        self, domain: Domain, user_id: uuid.UUID, shootout_id: uuid.UUID
    ) -> ShootoutView:
        """One shootout with its latest job and results (outputs with metrics)."""
        return await domain.shootouts.get(user_id, shootout_id)

    @patch("/{shootout_id:uuid}")
    async def edit(
        self, domain: Domain, user_id: uuid.UUID, shootout_id: uuid.UUID, data: ShootoutPatch
    ) -> ShootoutView:
        """Change a shootout's settings."""
        return await domain.shootouts.update(user_id, shootout_id, data)

    @delete("/{shootout_id:uuid}")
    async def remove(self, domain: Domain, user_id: uuid.UUID, shootout_id: uuid.UUID) -> None:
        """Delete a shootout that is not rendering."""
        await domain.shootouts.delete(user_id, shootout_id)

    @post("/{shootout_id:uuid}/reveal", status_code=200)
    async def reveal(
        self, domain: Domain, user_id: uuid.UUID, shootout_id: uuid.UUID
    ) -> ShootoutView:
        """Show everyone which letter of a blind shootout's latest render is which chain
        (409 `not_blind` or `not_rendered` otherwise; a new render starts unrevealed)."""
        return await domain.shootouts.reveal(user_id, shootout_id)

    @post("/{shootout_id:uuid}/render", status_code=202)
    async def render(
        self,
        request: Request[Any, Any, Any],
        domain: Domain,
        user_id: uuid.UUID,
        shootout_id: uuid.UUID,
    ) -> Submitted:
        """Queue a render: 202 with the job id."""
        correlation = request.scope.get("state", {}).get("request_id")
        return await domain.jobs.submit(user_id, shootout_id, correlation)

    @get("/{shootout_id:uuid}/jobs")
    async def jobs(
        self,
        domain: Domain,
        user_id: uuid.UUID,
        shootout_id: uuid.UUID,
        paging: Paging,
    ) -> Page[JobView]:
        """The shootout's render jobs, newest first."""
        await domain.shootouts.get(user_id, shootout_id)
        return await domain.jobs.page(user_id, paging, shootout_id)


class JobController(Controller):
    """Render jobs of the signed-in user."""

    path = "/api/v1/jobs"

    @get("/")
    async def page(self, domain: Domain, user_id: uuid.UUID, paging: Paging) -> Page[JobView]:
        """The caller's jobs, newest first."""
        return await domain.jobs.page(user_id, paging)

    @get("/{job_id:uuid}")
    async def read(self, domain: Domain, user_id: uuid.UUID, job_id: uuid.UUID) -> JobView:
        """One job: status, stage and percent, reason, attempts."""
        return await domain.jobs.get(user_id, job_id)

    @post("/{job_id:uuid}/cancel", status_code=202)
    async def cancel(self, domain: Domain, user_id: uuid.UUID, job_id: uuid.UUID) -> JobView:
        """Ask to stop the job (a queued one stops at once)."""
        return await domain.jobs.cancel(user_id, job_id)


class OutputController(Controller):
    """Rendered files, streamed with HTTP Range support."""

    path = "/api/v1/outputs"

    @get("/{output_id:uuid}")
    async def stream(
        self,
        request: Request[Any, Any, Any],
        domain: Domain,
        maybe_user_id: uuid.UUID | None,
        output_id: uuid.UUID,
    ) -> Response[Any]:
        """The file: 200 whole, 206 for one range, 416 for a range outside it."""
        row = await readable_output(domain.jobs.sessions, output_id, maybe_user_id)
        return ranged(
            request.headers.get("range"),
            int(row.size_bytes),
            domain.outputs.get(row.blob_sha256),
            row.content_type,
            {"Cache-Control": "private, max-age=3600"},
        )


class PublicShootoutController(Controller):
    """Unlisted and public shootouts, readable without signing in (never the DI audio)."""

    path = "/api/v1/public/shootouts"

    @get("/")
    async def page(self, domain: Domain, paging: Paging) -> Page[PublicShootoutView]:
        """Public shootouts, newest first (unlisted ones only by their id)."""
        return await domain.shootouts.public_page(paging)

    @get("/{shootout_id:uuid}")
    async def read(self, domain: Domain, shootout_id: uuid.UUID) -> PublicShootoutView:
        """An unlisted or public shootout with its results."""
        return await domain.shootouts.get_public(shootout_id)
