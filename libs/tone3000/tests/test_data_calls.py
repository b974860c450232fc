"""Data calls: envelopes, page_size caps, Bearer checks, shapes."""

from __future__ import annotations

import logging

import pytest

from gts_tone3000 import Tone, Tone3000Error, Tone3000Unauthorized


@pytest.fixture
async def alice(client, tokens_for):
    tokens = await tokens_for("alice")
    return client.as_user(tokens.access_token, user_key="alice-id")


async def test_created_tones_page_through_the_envelope(alice):
    first = await alice.tones_created(page=1, page_size=5)
    assert (first.page, first.page_size, first.total, first.total_pages) == (1, 5, 14, 3)
    last = await alice.tones_created(page=3, page_size=5)
    assert len(last.data) == 4
    every = [t for p in (1, 2, 3) for t in (await alice.tones_created(p, 5)).data]
    assert len({t.id for t in every}) == 14
    assert all(isinstance(t, Tone) and t.user is not None for t in every)
    # her own private tones are listed to her
    assert sum(t.is_public is False for t in every) == 2


async def test_a_page_past_the_end_is_empty_but_keeps_the_totals(alice):
    beyond = await alice.tones_favorited(page=9, page_size=100)
    assert beyond.data == []
    assert (beyond.total, beyond.total_pages) == (9, 1)


async def test_the_stand_in_caps_page_size_at_100_and_search_at_25(http, sandbox, tokens_for):
    tokens = await tokens_for("alice")
    headers = {"Authorization": f"Bearer {tokens.access_token}"}
    listed = await http.get(
        f"{sandbox.api_url}/tones/created", params={"page_size": 500}, headers=headers
    )
    assert listed.json()["page_size"] == 100
    found = await http.get(
        f"{sandbox.api_url}/tones/search", params={"page_size": 100}, headers=headers
    )
    body = found.json()
    # 36 public tones, less the one with only A2 models, which needs `architecture=2`
    assert (body["page_size"], len(body["data"]), body["total"]) == (25, 25, 35)
    assert body["total_pages"] == 2


async def test_the_client_refuses_page_sizes_over_the_caps(alice):
    with pytest.raises(ValueError, match="page_size: 26"):
        await alice.search_tones("", page_size=26)
    with pytest.raises(ValueError, match="page_size: 101"):
        await alice.tones_created(page_size=101)
    with pytest.raises(ValueError, match="page: 0"):
        await alice.list_models(51000, page=0)


@pytest.mark.parametrize(
    "path", ["/user", "/tones/created", "/tones/favorited", "/tones/search", "/tones/51000",
             "/models?tone_id=51000"],
)  # fmt: skip
async def test_every_data_endpoint_needs_a_bearer_token(http, sandbox, path):
    bare = await http.get(f"{sandbox.api_url}{path}")
    forged = await http.get(f"{sandbox.api_url}{path}", headers={"Authorization": "Bearer nope"})
    assert bare.status_code == forged.status_code == 401
    assert bare.json()["error"] == "unauthorized"


async def test_a_bad_token_raises_unauthorized(client):
    with pytest.raises(Tone3000Unauthorized):
        await client.as_user("not-a-token").tones_created()


async def test_search_filters_and_sorts(alice):
    nano = await alice.search_tones(sizes=["nano"], page_size=25)
    assert nano.total > 0
    assert all("nano" in t.sizes for t in nano.data)
    irs = await alice.search_tones(gears=["cab"], sort="newest", page_size=25)
    assert irs.total > 0
    assert all(t.file_format == "ir" for t in irs.data)
    stamps = [t.created_at for t in irs.data]
    assert stamps == sorted(stamps, reverse=True)
    marshall = await alice.search_tones("marshall", makes=["Marshall", "Vox"], page_size=25)
    assert all("Marshall" in t.title for t in marshall.data)
    popular = await alice.search_tones(sort="downloads-all-time", page_size=25)
    counts = [t.downloads_count or 0 for t in popular.data]
    assert counts == sorted(counts, reverse=True)


async def test_a_deprecation_header_is_logged_once_per_value(alice, caplog):
    caplog.set_level(logging.WARNING, logger="gts_tone3000")
    for _ in range(3):
        await alice.search_tones(gears=["full-rig"])
    notices = [r for r in caplog.records if "deprecation" in r.getMessage()]
    assert len(notices) == 1
    assert "full-rig" in notices[0].getMessage()


async def test_models_are_typed_and_absolute(alice, sandbox):
    models = await alice.list_models(51000)
    assert [m.size for m in models.data] == ["standard", "lite", "feather", "nano"]
    assert {m.architecture_version for m in models.data} == {"1"}
    assert all(m.model_url.startswith(f"{sandbox.api_url}/models/") for m in models.data)
    irs = await alice.list_models(51004)  # every fifth tone is an IR pack
    assert [m.architecture_version for m in irs.data] == [None, None]
    assert all(m.model_url.endswith(".wav") for m in irs.data)


async def test_another_users_private_tone_is_forbidden(client, tokens_for):
    bob = client.as_user((await tokens_for("bob")).access_token)
    alice = client.as_user((await tokens_for("alice")).access_token)
    private = [t for t in (await alice.tones_created(page_size=100)).data if not t.is_public]
    assert private
    assert (await alice.get_tone(private[0].id)).id == private[0].id
    with pytest.raises(Tone3000Error) as caught:
        await bob.get_tone(private[0].id)
    assert caught.value.status == 403


async def test_a2_models_come_only_with_architecture_2_and_one_model_by_id(alice):
    a2_only = 51036  # bob's tone whose only model is A2
    assert (await alice.list_models(a2_only)).data == []
    listed = await alice.list_models(a2_only, architecture="2")
    assert [m.architecture_version for m in listed.data] == ["2"]
    model = await alice.get_model(listed.data[0].id)
    assert (model.tone_id, model.architecture_version) == (a2_only, "2")


async def test_search_reads_the_stand_ins_real_shapes(alice):
    found = await alice.search_tones("", page_size=25, format="ir")
    assert found.total > 0
    assert all(t.sizes == [] and all(m.id is None for m in t.makes) for t in found.data)
    a2 = await alice.search_tones("Two Rock", architecture="2")
    assert [t.title for t in a2.data] == ["Two Rock A2 only"]
    by_carol = await alice.search_tones("", creators=["carol"], page_size=25)
    assert {t.user.username for t in by_carol.data if t.user} == {"carol"}
