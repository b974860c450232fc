"""One hostile user sends one of each kind of hostile input through the gateway; each gets a
clear 4xx problem (never a 5xx), and then the same user and another still upload, build a
chain and render to completed outputs: nothing was stalled and nothing was lost."""

from __future__ import annotations

import json
import struct
from typing import Any

import httpx
import numpy as np
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from gts_cli.client import GtsClient
from gts_cli.flow import (
    create_shootout,
    make_chain,
    render_and_follow,
    upload_di,
    ws_url,
)
from gts_cli.synth_di import di_wav_bytes
from gts_nam import synthesize_nam
from tone3000_sandbox.library.ir import synthesize_ir

pytestmark = pytest.mark.e2e


def _nam(mutate: Any) -> bytes:
    doc: dict[str, Any] = json.loads(synthesize_nam("nano", seed=71))
    mutate(doc)
    return json.dumps(doc).encode()


def _costly(doc: dict[str, Any]) -> None:
    """Well formed, every weight count right: 128 layers of kernel 64 at dilation 65,536."""
    layers = 128
    array = {
        "input_size": 1, "condition_size": 1, "head_size": 1, "channels": 1, "kernel_size": 64,
        "dilations": [65_536] * layers, "activation": "Tanh", "gated": False, "head_bias": True,
    }  # fmt: skip
    doc["config"] = {"layers": [array], "head": None, "head_scale": 0.02}
    doc["weights"] = [0.01] * (1 + 68 * layers + 3)


def _lying_wav(seconds: float) -> bytes:
    """Mono 16-bit PCM whose header claims 200-byte frames."""
    rate, block_align = 8_000, 200
    audio = (np.random.default_rng(7).uniform(-0.5, 0.5, int(seconds * rate)) * 32_767).astype(
        "<i2"
    )
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * block_align, block_align, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", audio.nbytes) + audio.tobytes()
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _refused(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.text


def _gear_upload(client: GtsClient, name: str, data: bytes) -> httpx.Response:
    return client.http.post("/api/v1/gear", files={"file": (name, data)})


def _send_hostile_inputs(mallory: GtsClient, alice: GtsClient) -> None:
    # model cost, outbox-sized metadata, a number past int(), a lying WAV header (IR and DI)
    _refused(_gear_upload(mallory, "costly.nam", _nam(_costly)), 422)
    huge_meta = _nam(lambda d: d["metadata"].update(gear_make="x" * 2_000_000))
    _refused(_gear_upload(mallory, "huge-meta.nam", huge_meta), 422)
    digits = _nam(lambda d: d["metadata"].update(gain="HUGE"))
    _refused(_gear_upload(mallory, "digits.nam", digits.replace(b'"HUGE"', b"9" * 5000)), 422)
    _refused(_gear_upload(mallory, "lying.wav", _lying_wav(2.0)), 422)
    lying_di = mallory.http.post(
        "/api/v1/di-tracks", files={"file": ("lying.wav", _lying_wav(2.0), "audio/wav")}
    )
    _refused(lying_di, 422)
    # another user's resource is a 404; a 5,000-digit Range start is a 416
    alices_di = upload_di(alice, di_wav_bytes(1.0, seed=300), "alice's own")
    _refused(mallory.http.get(f"/api/v1/di-tracks/{alices_di['id']}"), 404)
    _refused(mallory.http.delete(f"/api/v1/di-tracks/{alices_di['id']}"), 404)
    ranged = alice.http.get(
        f"/api/v1/di-tracks/{alices_di['id']}/audio", headers={"Range": "bytes=" + "9" * 5000 + "-"}
    )
    _refused(ranged, 416)
    # a tampered token, a forged identity header, a malformed neighbour cookie
    token = mallory.access_token or ""
    tampered = httpx.get(
        mallory.gateway_url + "/api/v1/me", headers={"Authorization": f"Bearer {token[:-2]}xx"}
    )
    _refused(tampered, 401)
    alice_id = alice.get("/api/v1/me")["id"]
    forged = httpx.get(mallory.gateway_url + "/api/v1/di-tracks", headers={"x-gts-user": alice_id})
    _refused(forged, 401)
    cookies = f'junk"=; {mallory.cookie_header()}; theme="unclosed; =x'
    me = httpx.get(mallory.gateway_url + "/api/v1/me", headers={"Cookie": cookies})
    assert me.status_code == 200, me.text
    # a socket from a foreign origin is closed
    with (
        pytest.raises(ConnectionClosed),
        connect(
            ws_url(mallory),
            additional_headers={"Cookie": mallory.cookie_header(), "Origin": "https://evil.test"},
            open_timeout=10,
        ) as socket,
    ):
        socket.recv(timeout=10)


def _render_ends_in_outputs(client: GtsClient, seed: int) -> None:
    di = upload_di(client, di_wav_bytes(3.0, seed=seed), f"after the storm {seed}")
    # from disk: the TONE3000 stand-in throttles accounts that many tests use
    amps = [
        client.post(
            "/api/v1/gear",
            files={"file": (f"amp-{seed}-{n}.nam", synthesize_nam("nano", seed=seed * 10 + n))},
        )
        for n in range(2)
    ]
    ir = client.post(
        "/api/v1/gear", files={"file": (f"cab-{seed}.wav", synthesize_ir(seed), "audio/wav")}
    )
    chains = [make_chain(client, amp, ir)["id"] for amp in amps]
    shootout = create_shootout(
        client, f"normal {seed}", [di["id"]], chains, outputs={"video": False}
    )
    _, events = render_and_follow(client, shootout["id"])
    assert events[-1].get("event") == "completed" or (
        events[-1].get("event") == "subscribed" and events[-1]["job"]["status"] == "completed"
    ), events[-1]
    results = client.get(f"/api/v1/shootouts/{shootout['id']}")["results"]
    kinds = [r["kind"] for r in results]
    assert "montage_audio" in kinds, kinds
    for result in results:
        assert client.request("GET", f"/api/v1/outputs/{result['id']}").content


def test_after_every_kind_of_hostile_input_normal_users_still_render(
    carol: GtsClient, alice: GtsClient, bob: GtsClient
) -> None:
    _send_hostile_inputs(carol, alice)
    _render_ends_in_outputs(carol, seed=301)
    _render_ends_in_outputs(bob, seed=302)
