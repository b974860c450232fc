"""The product's main flow as a client walks it, step by step: used by `gts demo`, the
shootout benchmark and the end-to-end tests. Only the gateway's public API is used."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

from gts_cli.client import GtsClient, GtsError

Event = dict[str, Any]
FINAL = frozenset({"completed", "failed", "cancelled"})
# The content type a DI goes up with, by its suffix (the service reads the format from the bytes).
DI_CONTENT_TYPES = {
    ".wav": "audio/wav",
    ".flac": "audio/flac",
    ".aif": "audio/aiff",
    ".aiff": "audio/aiff",
    ".ogg": "audio/ogg",
    ".mp3": "audio/mpeg",
}


def tone3000_tones(client: GtsClient) -> list[dict[str, Any]]:
    """The tones the signed-in user created or favourited on TONE3000, then public ones."""
    tones: list[dict[str, Any]] = []
    for listing, size in (("created", 100), ("favorited", 100), ("search", 25)):
        page = client.get(f"/api/v1/tone3000/tones/{listing}", params={"page_size": size})
        tones.extend(t for t in page["data"] if t["id"] not in {s["id"] for s in tones})
    return tones


def import_gear(client: GtsClient, amps: int, irs: int) -> tuple[list[Any], list[Any]]:
    """Import `amps` amp captures (from different tones) and `irs` cab IRs from TONE3000."""
    amp_items: list[Any] = []
    ir_items: list[Any] = []
    for tone in tone3000_tones(client):
        is_ir = tone.get("format") == "ir"
        wanted = irs - len(ir_items) if is_ir else amps - len(amp_items)
        if wanted <= 0 or (not is_ir and tone.get("gear") not in ("amp", None)):
            continue
        models = client.get(f"/api/v1/tone3000/tones/{tone['id']}/models")["data"]
        chosen = [m["id"] for m in models if m.get("architecture_version") in ("1", None)]
        chosen = chosen[: wanted if is_ir else 1]
        if not chosen:
            continue
        report = client.post(
            "/api/v1/gear/import",
            json={"tone_id": tone["id"], "model_ids": chosen, "kind": "cab-ir" if is_ir else "amp"},
        )
        items = [r["item"] for r in report["results"] if r["item"] is not None]
        (ir_items if is_ir else amp_items).extend(items)
        if len(amp_items) >= amps and len(ir_items) >= irs:
            break
    if len(amp_items) < amps or len(ir_items) < irs:
        raise RuntimeError(f"TONE3000 library has {len(amp_items)} amps and {len(ir_items)} IRs")
    return amp_items[:amps], ir_items[:irs]


def upload_di(client: GtsClient, audio: bytes, name: str, suffix: str = ".wav") -> Any:
    """Upload a DI track, `audio` in the format `suffix` names (.wav, .flac, .aiff, .ogg, .mp3);
    200 when the same file was uploaded before, 201 when new."""
    content_type = DI_CONTENT_TYPES.get(suffix.lower(), "application/octet-stream")
    return client.post(
        "/api/v1/di-tracks",
        files={"file": (f"{name}{suffix}", audio, content_type)},
        data={"name": name, "guitar": "synthesized strat", "pickup": "bridge"},
    )


def make_chain(client: GtsClient, amp: Any, ir: Any, wait_seconds: float = 15.0) -> Any:
    """A chain: the amp into the cab IR, named after both (see `make_chain_of`)."""
    return make_chain_of(client, f"{amp['name']} + {ir['name']}", [amp, ir], wait_seconds)


def make_chain_of(
    client: GtsClient, name: str, gear: list[Any], wait_seconds: float = 15.0, **extra: Any
) -> Any:
    """A chain of these gear items in order (pedals, the amp, its IR), named `name`.

    Gear reaches shootouts as catalog events, a moment after the upload or import answers:
    while an item is still UNKNOWN_GEAR there, try again for up to `wait_seconds`.
    """
    body = {
        "name": name[:200],
        "blocks": [{"type": "gear", "gear_id": item["id"]} for item in gear],
        **extra,
    }
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return client.post("/api/v1/signal-chains", json=body)
        except GtsError as error:
            codes = {e.get("code") for e in _problem(error).get("errors", [])}
            if codes != {"UNKNOWN_GEAR"} or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _problem(error: GtsError) -> dict[str, Any]:
    try:
        body: dict[str, Any] = error.response.json()
    except ValueError:
        return {}
    return body


def create_shootout(
    client: GtsClient, name: str, di_ids: list[str], chain_ids: list[str], **settings: Any
) -> Any:
    """A shootout of these chains over these DIs."""
    return client.post(
        "/api/v1/shootouts",
        json={"name": name, "di_ids": di_ids, "chain_ids": chain_ids, **settings},
    )


def ws_url(client: GtsClient) -> str:
    """The gateway's WebSocket URL."""
    return client.gateway_url.replace("http://", "ws://").replace("https://", "wss://") + "/ws"


def follow_job(client: GtsClient, job_id: str, timeout: float = 600.0) -> Iterator[Event]:
    """Every live event of one job, in order, until it ends (completed, failed or cancelled)."""
    headers = {"Cookie": client.cookie_header()}
    deadline = time.monotonic() + timeout
    with connect(ws_url(client), additional_headers=headers, open_timeout=10) as socket:
        socket.send(json.dumps({"type": "subscribe", "job_id": job_id}))
        while time.monotonic() < deadline:
            event: Event = json.loads(socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            yield event
            if event.get("event") in FINAL:
                return
            if event.get("event") == "subscribed" and event["job"]["status"] in FINAL:
                return
    raise TimeoutError(f"job {job_id} did not finish within {timeout:.0f}s")


def download_outputs(client: GtsClient, shootout_id: str, folder: Path) -> list[Path]:
    """Every output of the shootout's latest render, written into `folder`."""
    shootout = client.get(f"/api/v1/shootouts/{shootout_id}")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, output in enumerate(shootout["results"], start=1):
        chain = f"-{str(output['chain_id'])[-8:]}" if output.get("chain_id") else ""
        path = folder / f"{index:02d}-{output['kind']}{chain}{_suffix(output['content_type'])}"
        path.write_bytes(client.request("GET", f"/api/v1/outputs/{output['id']}").content)
        written.append(path)
    return written


def _suffix(content_type: str) -> str:
    return {
        "audio/flac": ".flac",
        "audio/mpeg": ".mp3",
        "video/mp4": ".mp4",
        "image/png": ".png",
        "application/json": ".json",
    }.get(content_type, "")


def render_and_follow(
    client: GtsClient, shootout_id: str, on_event: Callable[[Event], None] | None = None
) -> tuple[str, list[Event]]:
    """Submit the shootout and follow its job to the end; returns the job id and its events."""
    job = client.post(f"/api/v1/shootouts/{shootout_id}/render")
    events = []
    for event in follow_job(client, str(job["job_id"])):
        events.append(event)
        if on_event is not None:
            on_event(event)
    return str(job["job_id"]), events


__all__ = ["GtsError"]
