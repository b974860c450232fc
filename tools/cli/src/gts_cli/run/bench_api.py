"""What `gts bench api` does: load on the API through the gateway and direct to the service.

A fresh local stack is started. A sandbox user with 50 shootouts lists them (one page of 50)
under wrk at 1, 16 and 64 connections, through the gateway and straight to the shootouts
service (with identity headers signed as the gateway would, each used once), each run bounded
in time. Then the rate of accepted render submissions (202s; the user's render rate limit and
queued-render quota refuse the rest), and the delay from a submit to the job's first progress
event on the WebSocket while the render worker is idle.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import create_shootout, import_gear, make_chain, upload_di, ws_url
from gts_cli.stack.stack import Stack, StackConfig
from gts_cli.synth_di import di_wav_bytes
from gts_cli.wrk import LoadFigures, WrkMissingError, run_wrk, wrk_binary
from gts_kit.http.identity import sign_identity
from gts_kit.local.ports import free_port

LIST_PATH = "/api/v1/shootouts?limit=50"
SHOOTOUTS = 50
ENDED = {"completed", "failed", "cancelled"}
# identity header sets signed ahead of each direct run, per second of it (more than the
# service can answer on two cores); each is sent once, as the gateway's would be
SIGNED_PER_SECOND = 20_000


def run(args: argparse.Namespace) -> int:
    """Start a stack, seed it, measure, print."""
    try:
        wrk_binary()
    except WrkMissingError as exc:
        print(f"gts bench api: {exc}", file=sys.stderr)
        return 2
    levels = [int(c) for c in args.connections.split(",")]
    with tempfile.TemporaryDirectory(prefix="gts-bench-api-") as tmp:
        config = StackConfig(
            home=Path(tmp) / "stack", gateway_port=free_port(), log_level="WARNING"
        )
        with (
            Stack(config, say=lambda line: print(f"  {line}", file=sys.stderr)) as stack,
            GtsClient(stack.gateway_url, timeout=60) as client,
        ):
            me = client.sign_in("alice")
            ids = _seed(client)
            token = client.access_token or ""
            secret = json.loads((config.home / "secrets.json").read_text())["internal_secret"]
            print(f"list {SHOOTOUTS} shootouts ({LIST_PATH}), {args.seconds:.0f} s per run")
            print(f"{'conns':>5}  {'path':<8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}  errors")
            for connections in levels:
                through = run_wrk(
                    stack.gateway_url + LIST_PATH,
                    connections=connections,
                    seconds=args.seconds,
                    headers={"Authorization": f"Bearer {token}"},
                )
                direct = run_wrk(
                    stack.service_url("shootouts") + LIST_PATH,
                    connections=connections,
                    seconds=args.seconds,
                    headers={},
                    header_sets=_identities(secret, uuid.UUID(me["id"]), args.seconds),
                )
                _row(connections, "gateway", through)
                _row(connections, "direct", direct)
                ratio = through.requests_per_second / direct.requests_per_second
                print(f"{'':>5}  gateway/direct throughput {ratio:.2f}")
            delays = _submit_to_progress(client, ids, args.probes)
            print(
                f"submit -> first progress on the WebSocket (idle worker, {len(delays)} runs): "
                f"p50 {_pct(delays, 50):.0f} ms, p99 {_pct(delays, 99):.0f} ms"
            )
            submits = run_wrk(
                stack.gateway_url,
                connections=16,
                seconds=args.seconds,
                headers={"Authorization": f"Bearer {token}"},
                method="POST",
                paths=[f"/api/v1/shootouts/{i}/render" for i in ids],
            )
            accepted = submits.requests - submits.non_2xx
            print(
                f"render submissions (16 conns): {accepted / args.seconds:.0f} accepted/s "
                f"(202), p50 {submits.p50_ms:.1f} ms, p99 {submits.p99_ms:.1f} ms, "
                f"refused {submits.non_2xx}, errors {submits.errors}"
            )
    return 0


def _seed(client: GtsClient) -> list[str]:
    di = upload_di(client, di_wav_bytes(2.0), "bench riff")
    amps, irs = import_gear(client, amps=2, irs=1)
    chains = [make_chain(client, amp, irs[0]) for amp in amps]
    return [
        create_shootout(
            client,
            f"bench {n}",
            [di["id"]],
            [c["id"] for c in chains],
            outputs={"video": False, "pictures": False},
        )["id"]
        for n in range(SHOOTOUTS)
    ]


def _identities(secret: str, user_id: uuid.UUID, seconds: float) -> list[dict[str, str]]:
    """Single-use identity headers (each has its own nonce), enough for the run's requests."""
    path, query = LIST_PATH.split("?")
    return [
        {k.decode(): v.decode() for k, v in sign_identity(secret, user_id, "GET", path, query)}
        for _ in range(round(SIGNED_PER_SECOND * max(1.0, seconds)))
    ]


def _submit_to_progress(client: GtsClient, ids: list[str], probes: int) -> list[float]:
    delays = []
    headers = {"Cookie": client.cookie_header()}
    with connect(ws_url(client), additional_headers=headers) as socket:
        for n in range(probes):
            shootout = ids[n % len(ids)]
            started = time.perf_counter()
            job_id = str(client.post(f"/api/v1/shootouts/{shootout}/render")["job_id"])
            socket.send(json.dumps({"type": "subscribe", "job_id": job_id}))
            first: float | None = None
            while True:
                event: dict[str, Any] = json.loads(socket.recv(timeout=60))
                if event.get("job_id") != job_id:
                    continue
                kind = event["event"]
                job = event.get("job", {}) if kind == "subscribed" else {}
                # A job already past `queued` when the subscription landed had its first
                # progress before it: the client learns of it now, from the snapshot.
                if first is None and (
                    kind == "progress" or job.get("status") not in {None, "queued"}
                ):
                    first = time.perf_counter() - started
                    _cancel(client, job_id)  # keep the worker idle
                if kind in ENDED or job.get("status") in ENDED:
                    break
            if first is not None:
                delays.append(first * 1000)
    return delays


def _cancel(client: GtsClient, job_id: str) -> None:
    try:
        client.post(f"/api/v1/jobs/{job_id}/cancel")
    except GtsError as exc:
        if exc.response.status_code != 409:  # 409: it ended before the cancel came
            raise


def _row(connections: int, path: str, figures: LoadFigures) -> None:
    print(
        f"{connections:>5}  {path:<8} {figures.requests_per_second:>9.0f} "
        f"{figures.p50_ms:>8.1f} {figures.p99_ms:>8.1f}  {figures.non_2xx + figures.errors}"
    )


def _pct(values: list[float], pct: int) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]
