"""Browsing and importing from TONE3000 (the stand-in), with the user's token from 'auth'."""

from __future__ import annotations

import time

import httpx

from gts_tone3000 import LIST_PAGE_SIZE_MAX
from tone3000_sandbox import RunningSandbox

from .conftest import ALICE, BOB, CAROL, Api, TokenResponder

ALICE_FIRST_TONE = 51000  # public, all four A1 sizes
PEDAL_TONE = 51006  # alice's, public, gear `pedal`: standard and nano
OUTBOARD_TONE = 51002  # alice's, public, gear `outboard`: standard and nano


async def throttle(sandbox: RunningSandbox, count: int, retry_after: int) -> None:
    async with httpx.AsyncClient() as http:
        answer = await http.post(
            f"{sandbox.url}/_sandbox/throttle", json={"count": count, "retry_after": retry_after}
        )
        assert answer.status_code == 200


async def models_of(api: Api, tone_id: int) -> dict[str, int]:
    answer = await api.request(ALICE, "GET", f"/api/v1/tone3000/tones/{tone_id}/models")
    assert answer.status_code == 200, answer.text
    return {m["size"]: m["id"] for m in answer.json()["data"]}


async def test_browse_created_favorited_search_and_one_tone(api: Api) -> None:
    created = await api.request(ALICE, "GET", "/api/v1/tone3000/tones/created?page_size=100")
    assert created.status_code == 200, created.text
    assert ALICE_FIRST_TONE in {t["id"] for t in created.json()["data"]}
    favorited = await api.request(ALICE, "GET", "/api/v1/tone3000/tones/favorited")
    assert favorited.status_code == 200
    assert favorited.json()["total"] > 0
    found = await api.request(
        ALICE, "GET", "/api/v1/tone3000/tones/search?query=&size=nano&sort=newest&page_size=5"
    )
    assert found.status_code == 200, found.text
    assert all("nano" in t["sizes"] for t in found.json()["data"])
    tone = await api.request(ALICE, "GET", f"/api/v1/tone3000/tones/{ALICE_FIRST_TONE}")
    assert tone.json()["user"]["username"] == "alice"
    assert set(await models_of(api, ALICE_FIRST_TONE)) >= {"standard", "nano"}


async def test_the_users_lists_page_as_asked_and_refuse_a_page_out_of_bounds(api: Api) -> None:
    seen: list[int] = []
    for page in (1, 2):
        answer = await api.request(
            ALICE, "GET", f"/api/v1/tone3000/tones/created?page={page}&page_size=1"
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert (body["page"], body["page_size"], len(body["data"])) == (page, 1, 1)
        seen.append(body["data"][0]["id"])
    assert seen[0] != seen[1]
    for path in ("created", "favorited"):
        for bad in ("page=0", "page_size=0", f"page_size={LIST_PAGE_SIZE_MAX + 1}"):
            answer = await api.request(ALICE, "GET", f"/api/v1/tone3000/tones/{path}?{bad}")
            assert answer.status_code == 400, (path, bad)
            assert answer.json()["errors"][0]["field"] == bad.split("=")[0]


async def test_pedal_and_outboard_tones_import_as_their_gear(api: Api) -> None:
    # the sandbox's files say gear_type "amp"; the tone's gear on TONE3000 decides
    for tone_id, kind in ((PEDAL_TONE, "pedal"), (OUTBOARD_TONE, "outboard")):
        nano = (await models_of(api, tone_id))["nano"]
        answer = await api.import_models(BOB, tone_id, [nano])
        assert answer.status_code == 200, answer.text
        [result] = answer.json()["results"]
        assert (result["status"], result["item"]["kind"]) == ("imported", kind)
        assert result["item"]["metadata"]["gear_type"] == "amp"
    chosen = (await models_of(api, PEDAL_TONE))["standard"]
    answer = await api.import_models(BOB, PEDAL_TONE, [chosen], kind="amp")
    assert answer.json()["results"][0]["item"]["kind"] == "amp"


async def test_two_models_imported_and_an_unknown_one_fails_alone(api: Api) -> None:
    sizes = await models_of(api, ALICE_FIRST_TONE)
    wanted = [sizes["standard"], 999_999, sizes["nano"]]
    answer = await api.import_models(BOB, ALICE_FIRST_TONE, wanted)
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [(r["model_id"], r["status"]) for r in results] == [
        (sizes["standard"], "imported"),
        (999_999, "failed"),
        (sizes["nano"], "imported"),
    ]
    assert "999999 is not a model of tone" in results[1]["error"]
    standard = results[0]["item"]
    assert (standard["source"], standard["format"], standard["size_preset"]) == (
        "tone3000",
        "nam",
        "standard",
    )
    provenance = standard["tone3000"]
    assert (provenance["tone_id"], provenance["model_id"], provenance["author"]) == (
        ALICE_FIRST_TONE,
        sizes["standard"],
        "alice",
    )
    assert provenance["license"]
    assert provenance["size"] == "standard"
    library = (await api.request(BOB, "GET", "/api/v1/gear?source=tone3000")).json()
    assert library["total"] == 2

    again = await api.import_models(BOB, ALICE_FIRST_TONE, [sizes["nano"]])
    assert [r["status"] for r in again.json()["results"]] == ["existing"]
    assert again.json()["results"][0]["item"]["id"] == results[2]["item"]["id"]


async def test_a_429_from_tone3000_is_ridden_out(api: Api, sandbox: RunningSandbox) -> None:
    sizes = await models_of(api, ALICE_FIRST_TONE)
    # carol's token first: the stand-in's 429s are for the catalog's calls, not the sign-in
    assert (await api.request(CAROL, "GET", "/api/v1/tone3000/tones/created")).status_code == 200
    await throttle(sandbox, count=2, retry_after=1)
    started = time.monotonic()
    answer = await api.import_models(CAROL, ALICE_FIRST_TONE, [sizes["feather"]])
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["imported"]
    assert time.monotonic() - started >= 2.0  # two Retry-After: 1 answers were waited out


async def test_expired_grant_asks_the_client_to_sign_in_again(
    api: Api, tokens: TokenResponder
) -> None:
    tokens.reauth.add(ALICE)
    answer = await api.request(ALICE, "GET", "/api/v1/tone3000/tones/created")
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["code"] == "tone3000_reauth_required"
    assert "sign in with TONE3000 again" in answer.json()["detail"]


async def test_unknown_tone_is_404(api: Api) -> None:
    answer = await api.import_models(ALICE, 1, [1])
    assert answer.status_code == 404, answer.text


async def test_token_is_asked_of_auth_once_and_reused(api: Api, tokens: TokenResponder) -> None:
    for _ in range(3):
        assert (await api.request(BOB, "GET", "/api/v1/tone3000/tones/created")).status_code == 200
    assert tokens.requests == 1


async def test_an_ir_pack_imports_as_cab_irs(api: Api) -> None:
    created = (
        await api.request(ALICE, "GET", "/api/v1/tone3000/tones/created?page_size=100")
    ).json()
    pack = next(t for t in created["data"] if t["format"] == "ir")
    models = (await api.request(ALICE, "GET", f"/api/v1/tone3000/tones/{pack['id']}/models")).json()
    ids = [m["id"] for m in models["data"]]
    answer = await api.import_models(ALICE, pack["id"], ids)
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["imported"] * len(ids), results
    assert {(r["item"]["format"], r["item"]["kind"]) for r in results} == {("ir", "cab-ir")}
    assert all(r["item"]["channels"] in (1, 2) for r in results)
