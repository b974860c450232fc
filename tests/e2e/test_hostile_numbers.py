"""Numbers too long for Python's int(): through the gateway each is a 4xx naming the problem,
never a 500, and the user's next honest request works."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gts_cli.client import GtsClient
from gts_cli.flow import upload_di
from gts_cli.synth_di import di_wav_bytes
from gts_nam import synthesize_nam

pytestmark = pytest.mark.e2e

HUGE = "9" * 5000  # past Python's 4,300-digit limit on int()


def _nam(place: str) -> bytes:
    doc: dict[str, Any] = json.loads(synthesize_nam("nano", seed=41))
    if place == "weights":
        doc["weights"][0] = "HUGE"
    elif place == "config":
        doc["config"]["layers"][0]["kernel_size"] = "HUGE"
    else:
        doc["metadata"]["gain"] = "HUGE"
    return json.dumps(doc).encode().replace(b'"HUGE"', HUGE.encode())


def _year_1e30() -> bytes:
    doc: dict[str, Any] = json.loads(synthesize_nam("nano", seed=42))
    doc["metadata"]["date"]["year"] = 10**30
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (_nam("weights"), "weights[0]"),
        (_nam("config"), "config.layers[0].kernel_size"),
        (_nam("metadata"), "metadata.gain"),
        (_year_1e30(), "metadata.date.year"),
    ],
    ids=["5000-digit-weight", "5000-digit-config", "5000-digit-metadata", "year-1e30"],
)
def test_a_nam_with_a_number_out_of_range_is_422_naming_the_field(
    alice: GtsClient, data: bytes, field: str
) -> None:
    answer = alice.http.post("/api/v1/gear", files={"file": ("hostile.nam", data)})
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["detail"].startswith(f"file: {field}: ")

    honest = alice.http.post(
        "/api/v1/gear", files={"file": ("honest.nam", synthesize_nam("nano", seed=43))}
    )
    assert honest.status_code in (200, 201), honest.text


def test_a_range_of_five_thousand_digits_is_416_with_the_size(alice: GtsClient) -> None:
    di = upload_di(alice, di_wav_bytes(1.0, seed=44), "range riff")
    path = f"/api/v1/di-tracks/{di['id']}/audio"
    size = len(alice.request("GET", path).content)

    refused = alice.http.get(path, headers={"Range": f"bytes={HUGE}-"})
    assert refused.status_code == 416, refused.text
    assert refused.headers["content-range"] == f"bytes */{size}"
    assert refused.headers["content-type"].startswith("application/problem+json")
    # an end or a suffix that long reaches past the file: the rest of it, as RFC 9110 says
    tail = alice.http.get(path, headers={"Range": f"bytes={size - 10}-{HUGE}"})
    assert (tail.status_code, tail.headers["content-range"]) == (
        206, f"bytes {size - 10}-{size - 1}/{size}"
    )  # fmt: skip
    whole = alice.http.get(path, headers={"Range": f"bytes=-{HUGE}"})
    assert (whole.status_code, len(whole.content)) == (206, size)

    assert alice.http.get(path, headers={"Range": "bytes=0-9"}).status_code == 206
