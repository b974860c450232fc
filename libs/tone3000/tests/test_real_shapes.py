"""Answers in the shapes TONE3000 documents or was seen to send (written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from gts_tone3000 import (
    Tone3000Client,
    Tone3000Config,
    Tone3000Error,
    Tone3000GrantError,
)

BASE = "https://www.tone3000.com/api/v1"
USER_ID = "0a1b2c3d-0000-4000-8000-00000000abcd"

# a search answer as recorded live: makes and tags without `id`, the old `platform` name
SEARCH_PAGE = {
    "data": [
        {
            "id": 4242, "title": "Plexi Jump", "description": "jumped channels",
            "tags": [{"name": "crunch"}], "makes": [{"name": "Marshall Plexi"}],
            "gear": "amp", "models_count": 4, "a1_models_count": 2, "a2_models_count": 2,
            "irs_count": 0, "custom_models_count": 0, "favorites_count": 3,
            "downloads_count": 99, "created_at": "2026-01-25T18:27:37.799064+00:00",
            "updated_at": "2026-01-25T18:27:37.799064+00:00", "platform": "nam",
            "images": None, "user_id": USER_ID,
            "user": {"username": "someone", "avatar_url": None, "id": USER_ID, "url": "u"},
            "url": "https://www.tone3000.com/plexi-jump-4242",
        }
    ],
    "page": 1, "page_size": 1, "total": 1, "total_pages": 1,
}  # fmt: skip

# an IR tone's detail: `sizes` null (and makes and tags null, as some answers send)
IR_TONE = {
    "id": 777, "user_id": USER_ID, "title": "V30 pack", "description": None,
    "gear": "cab", "images": None, "is_public": True, "links": None, "license": "cc-by",
    "sizes": None, "makes": None, "tags": None, "format": "ir", "irs_count": 12,
    "user": {"id": USER_ID, "username": "someone", "avatar_url": None, "url": "u"},
    "url": "https://www.tone3000.com/v30-pack-777",
}  # fmt: skip

# the documented types: numeric user ids, verified creators, `published_at`, favourites
DOCUMENTED_TONE = {
    "id": 9, "user_id": 31, "title": "Doc tone", "format": "nam", "gear": "amp-cab",
    "published_at": None, "is_favorite": False, "sizes": ["standard"],
    "makes": [{"id": 1, "name": "Fender"}], "tags": [{"id": 2, "name": "clean"}],
    "user": {"id": 31, "username": "verified", "display_name": "V", "is_verified": True,
             "avatar_url": None, "url": "u"},
}  # fmt: skip
DOCUMENTED_MODEL = {
    "id": 5, "tone_id": 9, "user_id": 31, "name": "IR", "size": None,
    "model_url": f"{BASE}/models/5/download/x.wav", "architecture_version": None,
    "created_at": "2026-01-29T12:19:44.3+00:00", "updated_at": "2026-01-29T12:19:44.3+00:00",
}  # fmt: skip


def client_for(
    handler: Callable[[httpx.Request], httpx.Response], base: str = BASE
) -> Tone3000Client:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return Tone3000Client(http, Tone3000Config("t3k_pub_x", base))


async def test_search_results_without_make_and_tag_ids_are_read() -> None:
    page = await client_for(lambda _: httpx.Response(200, json=SEARCH_PAGE)).as_user(
        "tok"
    ).search_tones("plexi")
    tone = page.data[0]
    assert [(m.id, m.name) for m in tone.makes] == [(None, "Marshall Plexi")]
    assert [t.name for t in tone.tags] == ["crunch"]
    assert (tone.file_format, tone.a2_models_count) == ("nam", 2)


async def test_an_ir_tone_with_null_sizes_makes_and_tags_reads_as_empty_lists() -> None:
    tone = await client_for(lambda _: httpx.Response(200, json=IR_TONE)).as_user(
        "tok"
    ).get_tone(777)
    assert (tone.sizes, tone.makes, tone.tags) == ([], [], [])
    assert (tone.file_format, tone.irs_count, tone.created_at) == ("ir", 12, None)


async def test_documented_numeric_user_ids_and_null_architectures_are_read() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        body = DOCUMENTED_MODEL if "/models/" in request.url.path else DOCUMENTED_TONE
        return httpx.Response(200, json=body)

    api = client_for(answer).as_user("tok")
    tone = await api.get_tone(9)
    assert (tone.user_id, tone.user.id if tone.user else None) == (31, 31)
    assert tone.user is not None
    assert tone.user.is_verified is True
    model = await api.get_model(5)
    assert (model.user_id, model.architecture_version, model.size) == (31, None, None)


@pytest.mark.parametrize(
    "error_code",
    ["refresh_token_not_found", "refresh_token_already_used", "session_not_found"],
)
async def test_the_identity_stores_refusal_is_a_dead_grant(error_code: str) -> None:
    body = {"code": 400, "error_code": error_code, "msg": "Invalid Refresh Token"}
    client = client_for(lambda _: httpx.Response(400, json=body))
    with pytest.raises(Tone3000GrantError) as caught:
        await client.refresh("old")
    assert caught.value.error == error_code
    assert "Invalid Refresh Token" in caught.value.reason


async def test_an_unknown_store_error_is_an_outage_not_a_dead_grant() -> None:
    body = {"code": 400, "error_code": "over_request_rate_limit", "msg": "slow down"}
    client = client_for(lambda _: httpx.Response(400, json=body))
    with pytest.raises(Tone3000Error) as caught:
        await client.refresh("old")
    assert not isinstance(caught.value, Tone3000GrantError)
    assert caught.value.reason == "slow down"


async def test_a_model_url_on_www_downloads_with_a_base_url_without_www() -> None:
    seen: list[str] = []

    def file(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, content=b"nam")

    api = client_for(file, base="https://tone3000.com/api/v1").as_user("tok")
    url = "https://www.tone3000.com/api/v1/models/1/download/a.nam"
    assert await api.download_model(url, max_bytes=100) == b"nam"
    assert seen == [url]


@pytest.mark.parametrize(
    "url",
    [
        "https://tone3000.com.evil.example/a.nam",
        "https://evil.tone3000.com/a.nam",
        "http://www.tone3000.com/a.nam",
        "https://www.tone3000.com:8443/a.nam",
    ],
)
async def test_the_token_still_goes_to_no_other_site(url: str) -> None:
    api = client_for(lambda _: httpx.Response(200), base="https://tone3000.com/api/v1")
    with pytest.raises(Tone3000Error, match="model_url"):
        await api.as_user("tok").download_model(url, max_bytes=100)


async def test_search_sends_format_architecture_creators_and_names() -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=SEARCH_PAGE)

    await client_for(record).as_user("tok").search_tones(
        "amp", tags=["high-gain", "metal"], makes=["Mesa/Boogie"],
        creators=["some_one", "other"], format="nam", architecture="2",
    )  # fmt: skip
    params = dict(sent[0].url.params)
    assert params == {
        "query": "amp", "page": "1", "page_size": "25", "tags": "high-gain_metal",
        "makes": "Mesa/Boogie", "creators": "some_one,other", "format": "nam",
        "architecture": "2",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("field", "values"), [("tags", ["a_b"]), ("makes", ["x_y"]), ("creators", ["a,b"])]
)
async def test_a_value_holding_the_join_separator_is_refused(field: str, values: list[str]) -> None:
    api = client_for(lambda _: httpx.Response(200, json=SEARCH_PAGE)).as_user("tok")
    with pytest.raises(ValueError, match=f"^{field}: "):
        await api.search_tones(**{field: values})  # type: ignore[arg-type]
