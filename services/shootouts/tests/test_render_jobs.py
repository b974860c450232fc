"""Submitting a render (job row and command together), render's events moving the job, the
outputs recorded once, cancel, and the results shown."""

from __future__ import annotations

import uuid
from typing import Any

import nats
from sqlalchemy.ext.asyncio import AsyncEngine

from gts_contracts import (
    JobUpdatedV1,
    OutputMetrics,
    RenderJobCancelledV1,
    RenderJobCompletedV1,
    RenderJobFailedV1,
    RenderJobProgressV1,
    RenderJobStartedV1,
    RenderOutput,
    decode,
    spec_for,
)
from gts_kit.testing.waiting import eventually

from .conftest import ALICE, BOB, Api, scalar
from .flow import commands, ready_shootout


def ids(job: uuid.UUID, shootout: uuid.UUID) -> dict[str, Any]:
    return {"job_id": job, "shootout_id": shootout, "owner_id": ALICE}


def metrics() -> OutputMetrics:
    return OutputMetrics(
        integrated_lufs=-16.0,
        loudness_range_lu=4.2,
        true_peak_dbtp=-1.2,
        crest_factor_db=12.0,
        spectral_centroid_hz=1800.0,
        band_energy_low_db=-20.0,
        band_energy_mid_db=-18.0,
        band_energy_high_db=-30.0,
        third_octave_diff_db=[0.5, -0.5],
    )


async def job_state(api: Api, job_id: str) -> dict[str, Any]:
    return dict((await api.request(ALICE, "GET", f"/api/v1/jobs/{job_id}")).json())


async def wait_status(api: Api, job_id: str, status: str, **expected: Any) -> dict[str, Any]:
    async def reached() -> bool:
        state = await job_state(api, job_id)
        return state["status"] == status and all(state[k] == v for k, v in expected.items())

    assert await eventually(reached), await job_state(api, job_id)
    return await job_state(api, job_id)


async def test_submit_writes_job_and_self_contained_command(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made = await ready_shootout(api, ALICE, outputs={"video": False, "pictures": True})
    shootout = made["shootout"]
    answer = await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout['id']}/render")
    assert answer.status_code == 202, answer.text
    job_id = answer.json()["job_id"]
    assert (
        await scalar(engine, "SELECT status FROM shootouts.render_jobs WHERE id = :id", id=job_id)
        == "queued"
    )
    (command,) = await commands(nats_url, 1)
    assert str(command.job_id) == job_id
    assert command.owner_id == ALICE
    (di,) = command.di_tracks
    assert di.blob_sha256 == made["di"]["sha256"]
    assert (di.sample_rate, di.channels, di.name) == (48_000, 1, "Clean DI")
    marshall, plexi = command.chains
    amp, ir, rig = made["gear"]
    assert [b.gear_id for b in marshall.blocks] == [amp, ir]  # type: ignore[union-attr]
    assert [b.kind for b in marshall.blocks] == ["amp", "cab-ir"]  # type: ignore[union-attr]
    assert all(len(b.blob_sha256) == 64 for b in marshall.blocks)  # type: ignore[union-attr]
    assert plexi.blocks[0].gear_id == rig  # type: ignore[union-attr]
    assert plexi.blocks[1].params == {"delay_seconds": 0.35, "feedback": 0.3, "mix": 0.2}  # type: ignore[union-attr]
    options = command.options
    assert (options.segment_seconds, options.target_lufs, options.blind) == (2.5, -16, True)
    assert (options.video, options.pictures) == (False, True)
    # a second submit while one is queued is a conflict, not a second job
    again = await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout['id']}/render")
    assert again.status_code == 409
    # user B can neither render nor see the job
    assert (
        await api.request(BOB, "POST", f"/api/v1/shootouts/{shootout['id']}/render")
    ).status_code == 404
    assert (await api.request(BOB, "GET", f"/api/v1/jobs/{job_id}")).status_code == 404
    assert (await api.request(BOB, "POST", f"/api/v1/jobs/{job_id}/cancel")).status_code == 404


async def test_events_move_the_job_and_outputs_are_recorded_once(
    api: Api, engine: AsyncEngine
) -> None:
    made = await ready_shootout(api, ALICE, visibility="unlisted")
    shootout_id = uuid.UUID(made["shootout"]["id"])
    job = (await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout_id}/render")).json()
    job_id = uuid.UUID(job["job_id"])
    key = ids(job_id, shootout_id)
    await api.publish(RenderJobStartedV1.new(**key, attempt=1, worker="w1"))
    await api.publish(RenderJobProgressV1.new(**key, stage="amp", percent=40.0, message=None))
    state = await wait_status(api, str(job_id), "running", stage="amp", percent=40.0)
    assert state["attempts"] == 1
    # an older progress arriving late does not move it back
    await api.publish(RenderJobProgressV1.new(**key, stage="fetching", percent=5.0, message=None))
    await api.publish(RenderJobStartedV1.new(**key, attempt=2, worker="w2"))
    state = await wait_status(api, str(job_id), "running", attempts=2)
    assert (state["stage"], state["percent"]) == ("amp", 40.0)
    chain_id = uuid.UUID(made["chains"][0]["id"])
    output = RenderOutput(
        output_id=uuid.uuid4(),
        kind="chain_audio",
        di_id=uuid.UUID(made["di"]["id"]),
        chain_id=chain_id,
        blob_sha256="b" * 64,
        content_type="audio/wav",
        size_bytes=1234,
        duration_seconds=1.0,
        metrics=metrics(),
    )
    completed = RenderJobCompletedV1.new(**key, outputs=[output], blind_key={"A": str(chain_id)})
    await api.publish(completed)
    await wait_status(api, str(job_id), "completed", percent=100.0)
    # the same event redelivered under a new id, and progress after completion: no change
    late = [
        RenderJobCompletedV1.new(**key, outputs=[output], blind_key=None),
        RenderJobProgressV1.new(**key, stage="video", percent=90.0, message=None),
        RenderJobFailedV1.new(**key, reason="late", attempts=3, retryable=False),
    ]
    for event in late:
        await api.publish(event)
    await api.publish(completed)  # the very same message again (JetStream drops it)

    async def handled() -> bool:
        # every late event was claimed by its consumer (and so applied, or found moot)
        claimed = await scalar(
            engine,
            "SELECT count(*) FROM shootouts.inbox WHERE event_id = ANY(:ids)",
            ids=[e.event_id for e in late],
        )
        return bool(claimed == len(late))

    assert await eventually(handled)
    state = await job_state(api, str(job_id))
    assert (state["status"], state["reason"]) == ("completed", None)
    assert (
        await scalar(engine, "SELECT count(*) FROM shootouts.outputs WHERE job_id = :j", j=job_id)
        == 1
    )
    view = (await api.request(ALICE, "GET", f"/api/v1/shootouts/{shootout_id}")).json()
    assert view["latest_job"]["status"] == "completed"
    (result,) = view["results"]
    assert result["metrics"]["integrated_lufs"] == -16.0
    assert result["url"] == f"/api/v1/outputs/{output.output_id}"
    assert view["blind_key"] == {"A": str(chain_id)}
    # unlisted: anyone with the id sees the shootout, but not the blind key nor the DI, and a
    # blind render's per-chain file stays hidden until the owner's reveal
    public = await api.request(None, "GET", f"/api/v1/public/shootouts/{shootout_id}")
    assert public.status_code == 200
    assert public.json()["results"] == []
    assert public.json()["blind_key"] is None
    assert "di_ids" not in public.json()
    assert (
        await api.request(None, "GET", f"/api/v1/di-tracks/{made['di']['id']}/audio")
    ).status_code == 401
    assert (await api.request(BOB, "GET", f"/api/v1/shootouts/{shootout_id}")).status_code == 404
    listed = await api.request(None, "GET", "/api/v1/public/shootouts")
    assert listed.json()["total"] == 0  # unlisted is not listed


async def test_failed_event_records_the_reason(api: Api) -> None:
    made = await ready_shootout(api, ALICE)
    shootout_id = uuid.UUID(made["shootout"]["id"])
    job = (await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout_id}/render")).json()
    key = ids(uuid.UUID(job["job_id"]), shootout_id)
    await api.publish(
        RenderJobFailedV1.new(**key, reason="amp: NaN in output", attempts=3, retryable=False)
    )
    state = await wait_status(api, job["job_id"], "failed")
    assert (state["reason"], state["attempts"]) == ("amp: NaN in output", 3)
    assert state["finished_at"] is not None
    # a finished job cannot be cancelled, and a new render may start
    cancel = await api.request(ALICE, "POST", f"/api/v1/jobs/{job['job_id']}/cancel")
    assert cancel.status_code == 409
    again = await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout_id}/render")
    assert again.status_code == 202


async def test_cancel_queued_at_once_running_when_render_confirms(api: Api, nats_url: str) -> None:
    import nats
    from nats.js.api import DeliverPolicy

    from gts_contracts import JobCancelRequestedV1, decode, spec_for

    made = await ready_shootout(api, ALICE)
    shootout_id = uuid.UUID(made["shootout"]["id"])
    path = f"/api/v1/shootouts/{shootout_id}/render"
    queued = (await api.request(ALICE, "POST", path)).json()
    answer = await api.request(ALICE, "POST", f"/api/v1/jobs/{queued['job_id']}/cancel")
    assert answer.status_code == 202
    assert (answer.json()["status"], answer.json()["cancel_requested"]) == ("cancelled", True)
    # a late start from render does not revive it
    key = ids(uuid.UUID(queued["job_id"]), shootout_id)
    await api.publish(RenderJobStartedV1.new(**key, attempt=1, worker="w"))
    running = (await api.request(ALICE, "POST", path)).json()
    key = ids(uuid.UUID(running["job_id"]), shootout_id)
    await api.publish(RenderJobStartedV1.new(**key, attempt=1, worker="w"))
    await wait_status(api, running["job_id"], "running")
    answer = await api.request(ALICE, "POST", f"/api/v1/jobs/{running['job_id']}/cancel")
    assert (answer.json()["status"], answer.json()["cancel_requested"]) == ("running", True)
    await api.publish(RenderJobCancelledV1.new(**key))
    await wait_status(api, running["job_id"], "cancelled")
    assert (await job_state(api, queued["job_id"]))["status"] == "cancelled"
    nc = await nats.connect(nats_url)
    sub = await nc.jetstream().subscribe(
        spec_for(JobCancelRequestedV1).subject,
        ordered_consumer=True,
        deliver_policy=DeliverPolicy.ALL,
    )
    sent = [decode((await sub.next_msg(timeout=10)).data, JobCancelRequestedV1) for _ in range(2)]
    await nc.close()
    assert {str(c.job_id) for c in sent} == {queued["job_id"], running["job_id"]}


async def test_render_refused_while_a_chain_uses_removed_gear(api: Api) -> None:
    from gts_contracts import GearRemovedV1

    made = await ready_shootout(api, ALICE)
    amp, _, _ = made["gear"]
    await api.publish(GearRemovedV1.new(owner_id=ALICE, gear_id=amp, blob_sha256="c" * 64))
    chain_path = f"/api/v1/signal-chains/{made['chains'][0]['id']}"

    async def gone() -> bool:
        return (await api.request(ALICE, "GET", chain_path)).json()["usable"] is False

    assert await eventually(gone)
    answer = await api.request(ALICE, "POST", f"/api/v1/shootouts/{made['shootout']['id']}/render")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["code"] == "UNKNOWN_GEAR"
    assert "Marshall" in answer.json()["errors"][0]["reason"]
    jobs = await api.request(ALICE, "GET", "/api/v1/jobs")
    assert jobs.json()["total"] == 0


RANK = {"queued": 0, "running": 1, "completed": 2, "failed": 2, "cancelled": 2}


async def test_every_job_change_is_announced_after_it_is_recorded(api: Api, nats_url: str) -> None:
    # The live feed is `shootouts.job.updated.v1`, published in the transaction that applied the
    # change: a client told "completed" reads "completed" from the API at once.
    made = await ready_shootout(api, ALICE)
    shootout_id = uuid.UUID(made["shootout"]["id"])
    nc = await nats.connect(nats_url)
    try:
        sub = await nc.subscribe(spec_for(JobUpdatedV1).subject)
        await nc.flush()  # the server has the subscription before the first change
        for final in ("completed", "cancelled"):
            job = (
                await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout_id}/render")
            ).json()
            key = ids(uuid.UUID(job["job_id"]), shootout_id)
            await api.publish(RenderJobStartedV1.new(**key, attempt=1, worker="w"))
            if final == "completed":
                await api.publish(RenderJobCompletedV1.new(**key, outputs=[], blind_key=None))
            else:
                await api.publish(RenderJobCancelledV1.new(**key))
            changes = []
            while not changes or changes[-1].change != final:
                update = decode((await sub.next_msg(timeout=10)).data, JobUpdatedV1)
                if str(update.job_id) == job["job_id"]:
                    changes.append(update)
                    seen = (await job_state(api, job["job_id"]))["status"]
                    assert RANK[seen] >= RANK[update.status]  # the API is never behind the feed
            # render's events are consumed concurrently: "started" may lose to the final event
            assert changes[0].change == "queued"
            assert {c.change for c in changes[1:-1]} <= {"started"}
            assert changes[-1].owner_id == ALICE
    finally:
        await nc.close()
