"""TONE3000 as it really answers (the stand-in speaks it): ids left out, nulls, A2 behind
its filter, private tones, other formats and the search filters GTS passes on."""

from __future__ import annotations

from tone3000_sandbox import RunningSandbox

from .conftest import ALICE, BOB, Api

ALICE_PRIVATE_TONE = 51013
IR_TONE = 51004
A2_ONLY_TONE = 51036
AIDA_X_TONE = 51037
SEARCH = "/api/v1/tone3000/tones/search"


def a2_model_of_a_mixed_tone(sandbox: RunningSandbox) -> tuple[int, int]:
    """(tone id, A2 model id) of a public tone holding both A1 and A2 models."""
    assert sandbox.state is not None
    for tone in sandbox.state.library.tones.values():
        versions = {m.architecture_version for m in tone.models}
        if tone.is_public and versions == {"1", "2"}:
            return tone.id, next(m.id for m in tone.models if m.architecture_version == "2")
    raise AssertionError("the stand-in has no tone with A1 and A2 models")


async def test_search_answers_although_makes_and_tags_carry_no_ids(api: Api) -> None:
    answer = await api.request(BOB, "GET", f"{SEARCH}?page_size=25")
    assert answer.status_code == 200, answer.text
    tones = answer.json()["data"]
    assert tones
    assert all(m["name"] and m.get("id") is None for t in tones for m in t["makes"])


async def test_an_ir_tone_with_null_sizes_is_served(api: Api) -> None:
    answer = await api.request(BOB, "GET", f"/api/v1/tone3000/tones/{IR_TONE}")
    assert answer.status_code == 200, answer.text
    assert (answer.json()["format"], answer.json()["sizes"]) == ("ir", [])


async def test_another_users_private_tone_is_not_found(api: Api) -> None:
    seen = await api.request(BOB, "GET", f"/api/v1/tone3000/tones/{ALICE_PRIVATE_TONE}")
    assert seen.status_code == 404, seen.text
    assert seen.headers["content-type"].startswith("application/problem+json")
    assert seen.json()["code"] == "not_found"
    assert "not available" in seen.json()["detail"]
    imported = await api.import_models(BOB, ALICE_PRIVATE_TONE, [1])
    assert imported.status_code == 404, imported.text
    own = await api.request(ALICE, "GET", f"/api/v1/tone3000/tones/{ALICE_PRIVATE_TONE}")
    assert own.status_code == 200


async def test_a_tone_of_another_format_is_refused_by_its_format_before_download(
    api: Api, sandbox: RunningSandbox
) -> None:
    assert sandbox.state is not None
    model_id = sandbox.state.library.tones[AIDA_X_TONE].models[0].id
    answer = await api.import_models(BOB, AIDA_X_TONE, [model_id])
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert problem["code"] == "unsupported_format"
    assert "aida-x" in problem["detail"]
    assert problem["errors"][0]["field"] == "tone_id"
    library = (await api.request(BOB, "GET", "/api/v1/gear?source=tone3000")).json()
    assert library["total"] == 0


async def test_models_are_asked_for_by_each_runnable_architecture(
    api: Api, sandbox: RunningSandbox
) -> None:
    tone_id, a2_id = a2_model_of_a_mixed_tone(sandbox)
    listed = await api.request(BOB, "GET", f"/api/v1/tone3000/tones/{tone_id}/models")
    assert listed.status_code == 200, listed.text
    versions = sorted(m["architecture_version"] for m in listed.json()["data"])
    assert versions == ["1", "2"]
    only_a2 = await api.request(BOB, "GET", f"/api/v1/tone3000/tones/{A2_ONLY_TONE}/models")
    assert only_a2.json()["total"] >= 1
    assert {m["architecture_version"] for m in only_a2.json()["data"]} == {"2"}
    answer = await api.import_models(BOB, tone_id, [a2_id])
    result = answer.json()["results"][0]
    assert result["status"] == "imported", result


async def test_search_for_a2_tones_is_passed_on(api: Api) -> None:
    answer = await api.request(BOB, "GET", f"{SEARCH}?architecture=2")
    assert answer.status_code == 200, answer.text
    assert answer.json()["total"] >= 1


async def test_custom_models_are_listed_and_imported(api: Api) -> None:
    created = await api.request(ALICE, "GET", "/api/v1/tone3000/tones/created?page_size=100")
    pack = next(t for t in created.json()["data"] if "custom" in t["sizes"])
    models = await api.request(ALICE, "GET", f"/api/v1/tone3000/tones/{pack['id']}/models")
    versions = {m["architecture_version"]: m["id"] for m in models.json()["data"]}
    assert set(versions) == {"1", "custom"}
    answer = await api.import_models(ALICE, pack["id"], [versions["custom"]])
    assert [r["status"] for r in answer.json()["results"]] == ["imported"]


async def test_search_passes_on_format_creators_tags_and_makes(api: Api) -> None:
    irs = await api.request(BOB, "GET", f"{SEARCH}?format=ir&creator=alice&creator=carol")
    assert irs.status_code == 200, irs.text
    found = irs.json()["data"]
    assert found
    assert {(t["format"], t["user"]["username"] in {"alice", "carol"}) for t in found} == {
        ("ir", True)
    }
    tagged = await api.request(BOB, "GET", f"{SEARCH}?tag=metal&tag=blues&make=Fender")
    assert tagged.status_code == 200, tagged.text
    for tone in tagged.json()["data"]:
        assert {"metal", "blues"} & {t["name"] for t in tone["tags"]}
        assert "Fender" in {m["name"] for m in tone["makes"]}
    custom = await api.request(BOB, "GET", f"{SEARCH}?architecture=custom&gear=amp")
    assert custom.status_code == 200, custom.text


async def test_bad_search_filters_are_problems_naming_the_field(api: Api) -> None:
    cases = {
        "format=wav": (400, "format"),
        "architecture=3": (400, "architecture"),
        "gear=toaster": (400, "gear"),
        "tag=high_gain": (422, "tag"),
        "creator=a%2Cb": (422, "creator"),
    }
    for query, (status, field) in cases.items():
        answer = await api.request(BOB, "GET", f"{SEARCH}?{query}")
        assert answer.status_code == status, (query, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert field in answer.text, query
