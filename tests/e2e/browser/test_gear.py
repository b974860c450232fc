"""The gear pages as a user walks them: import models from TONE3000, upload captures and IRs
(good and bad, several at once), rename, tag, favourite, filter, delete through the dialog
that names the chains that use the item; TONE3000's errors in words; axe on every page."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tone3000_sandbox.library.ir import synthesize_ir

from .harness import Guard, api_get, axe_check, csrf, fixture_files, screenshot

pytestmark = pytest.mark.e2e

SLOW_MS = 30_000  # an import downloads from the TONE3000 stand-in


def choose_files(page: Page, *files: Path) -> None:
    """Pick files the way a user does: the "Choose files" button opens the file input."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choose files").click()
    assert chooser.value.is_multiple()
    chooser.value.set_files([str(f) for f in files])


def card(page: Page, name: str) -> Locator:
    return page.get_by_role("article", name=name, exact=True)


def test_import_from_tone3000_and_see_each_result(
    signed_in: Callable[[str], Page], screenshots: Path
) -> None:
    page = signed_in("alice")
    page.goto("/gear")
    page.get_by_role("link", name="Browse TONE3000").click()
    expect(page.get_by_role("heading", name="TONE3000", level=1)).to_be_visible()
    expect(page.get_by_role("tab", name="Created")).to_have_attribute("aria-selected", "true")

    created = api_get(page, "/api/v1/tone3000/tones/created?page_size=100")["data"]
    tone = next(t for t in created if (t.get("format") or "nam") == "nam" and t.get("models_count"))
    page.get_by_role("button", name=f"Show models of {tone['title']}").click()
    models = page.get_by_role("group", name=f"Models of {tone['title']}")
    listed = api_get(page, f"/api/v1/tone3000/tones/{tone['id']}/models")["data"]
    # the card counts the models the list shows (A2 included, which TONE3000's count leaves out)
    card = page.get_by_role("article", name=tone["title"], exact=True)
    expect(card).to_contain_text(f"{len(listed)} model{'' if len(listed) == 1 else 's'}")
    model_name = listed[0]["name"]
    target = models.get_by_role(
        "checkbox", name=re.compile("^" + re.escape(model_name) + r"(\s|$)")
    )
    expect(target).to_be_visible(timeout=SLOW_MS)
    screenshot(page, screenshots, "gear-t3k-created")
    axe_check(page)

    target.check()
    page.get_by_role("button", name="Import selected (1)").click()
    results = page.get_by_role("list", name="Import results")
    expect(results).to_contain_text(
        re.compile(r"imported as|already in your library"), timeout=SLOW_MS
    )
    screenshot(page, screenshots, "gear-t3k-imported")

    mine = api_get(page, "/api/v1/gear?source=tone3000&limit=200")["items"]
    assert any(
        (item.get("tone3000") or {}).get("tone_id") == tone["id"]
        and item["tone3000"]["model_name"] == model_name
        for item in mine
    ), f"{model_name} of tone {tone['id']} is not in GET /api/v1/gear"

    # the same model again: the API answers it is already there
    page.get_by_role("button", name="Import selected (1)").click()
    expect(results).to_contain_text("already in your library", timeout=SLOW_MS)
    screenshot(page, screenshots, "gear-t3k-imported-again")
    axe_check(page)

    page.get_by_role("tab", name="Search").click()
    page.get_by_role("searchbox", name="Search tones").fill(tone["title"].split()[0])
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"tab=search&query="))
    expect(page.get_by_role("list", name="Tones")).to_be_visible(timeout=SLOW_MS)
    screenshot(page, screenshots, "gear-t3k-search")
    axe_check(page)

    page.get_by_role("link", name="← Your gear library").click()
    expect(page).to_have_url(re.compile(r"/gear$"))


def test_tone3000_errors_say_what_to_do(
    signed_in: Callable[[str], Page], guard: Guard, screenshots: Path
) -> None:
    page = signed_in("alice")

    def problem(status: int, code: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
        body = {"type": "about:blank", "title": "x", "status": status, "detail": code, "code": code}
        return {
            "status": status,
            "headers": {"Content-Type": "application/problem+json", **(headers or {})},
            "body": json.dumps(body),
        }

    guard.allow(429, r"^/api/v1/tone3000/tones/favorited$")
    guard.allow(401, r"^/api/v1/tone3000/tones/search$")
    page.route(
        "**/api/v1/tone3000/tones/favorited*",
        lambda route: route.fulfill(**problem(429, "tone3000_rate_limited", {"Retry-After": "3"})),
    )
    page.route(
        "**/api/v1/tone3000/tones/search*",
        lambda route: route.fulfill(**problem(401, "tone3000_reauth_required")),
    )
    page.goto("/gear/tone3000?tab=favorited")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("TONE3000 is limiting how often your account may ask")
    expect(alert).to_contain_text("Wait 3 seconds, then try again.")
    expect(page.get_by_role("button", name=re.compile(r"Try again in \d s"))).to_be_disabled()
    screenshot(page, screenshots, "gear-t3k-rate-limited")
    expect(page.get_by_role("button", name="Try again", exact=True)).to_be_enabled(timeout=6_000)

    page.get_by_role("tab", name="Search").click()
    expect(page.get_by_role("alert")).to_contain_text("can no longer use your TONE3000 account")
    expect(page.get_by_role("link", name="Sign in with TONE3000 again")).to_have_attribute(
        "href", re.compile(r"^/auth/login\?return_to=%2Fgear%2Ftone3000")
    )
    screenshot(page, screenshots, "gear-t3k-signed-out-of-tone3000")
    axe_check(page)


def test_upload_edit_filter_and_delete_gear(
    signed_in: Callable[[str], Page],
    guard: Guard,
    shared_fixtures: Path,
    tmp_path: Path,
    screenshots: Path,
) -> None:
    capture, cab = fixture_files(shared_fixtures, "nam/wavenet_nano.nam", "ir/mesa_os_4x12_57.wav")
    mine = tmp_path / "gear_e2e_room.wav"  # an IR no other test has
    mine.write_bytes(synthesize_ir(seed=random.randrange(1 << 30)))
    bad = tmp_path / "bad.nam"
    bad.write_text("this is a text file, not a NAM capture\n")
    guard.allow(422, r"^/api/v1/gear$")  # bad.nam, refused
    guard.allow(422, r"^/api/v1/gear/[0-9a-f-]+$")  # a blank name, refused

    page = signed_in("alice")
    page.goto("/gear")
    expect(page.get_by_role("heading", name="Gear", level=1)).to_be_visible()
    expect(page.get_by_text("Loading your gear")).to_have_count(0)
    screenshot(page, screenshots, "gear-library-start")

    # a capture and an IR together: each its own row, both succeed
    choose_files(page, capture, cab)
    uploads = page.get_by_role("list", name="Uploads")
    ok = re.compile(r"added as|already in your library")
    for name in ("wavenet_nano.nam", "mesa_os_4x12_57.wav"):
        expect(uploads.get_by_role("listitem").filter(has_text=name)).to_contain_text(ok)
    screenshot(page, screenshots, "gear-uploaded")

    # a bad file beside a good one: its error in words, the other goes through
    choose_files(page, bad, mine)
    bad_row = uploads.get_by_role("listitem").filter(has_text="bad.nam")
    expect(bad_row.get_by_role("alert")).to_contain_text("not valid JSON")
    expect(uploads.get_by_role("listitem").filter(has_text=mine.name)).to_contain_text("added as")
    screenshot(page, screenshots, "gear-upload-refused")

    listed = api_get(page, "/api/v1/gear?limit=200")["items"]
    by_file = {item["filename"]: item for item in listed}
    assert {"wavenet_nano.nam", "mesa_os_4x12_57.wav", mine.name} <= by_file.keys()
    item = by_file[mine.name]
    name = item["name"]
    axe_check(page)

    # a chain that uses the new IR, so the delete dialog has something to say
    chain = page.request.post(
        "/api/v1/signal-chains",
        headers={"X-CSRF-Token": csrf(page), "Content-Type": "application/json"},
        data=json.dumps(
            {
                "name": "Gear e2e rhythm",
                "blocks": [
                    {"type": "gear", "gear_id": by_file["wavenet_nano.nam"]["id"]},
                    {"type": "gear", "gear_id": item["id"]},
                ],
            }
        ),
    )
    assert chain.status == 201, chain.text()
    chain_id = chain.json()["id"]
    page.reload()

    # rename in place: a blank name is refused at the field, then a good one
    page.get_by_role("button", name=f"Rename {name}").click()
    field = page.get_by_role("textbox", name=f"New name for {name}")
    field.fill("   ")
    page.get_by_role("button", name="Save name").click()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("must not be blank")).to_be_visible()
    field.fill("E2E Room IR")
    field.press("Enter")
    mine_card = card(page, "E2E Room IR")
    expect(mine_card).to_be_visible()

    # tag and favourite
    tag_box = mine_card.get_by_role("textbox", name="Add a tag to E2E Room IR")
    tag_box.fill("gear-e2e")
    with page.expect_response(lambda r: r.request.method == "PATCH" and r.ok):
        tag_box.press("Enter")
    expect(mine_card.get_by_role("list", name="Tags of E2E Room IR")).to_contain_text("gear-e2e")
    star = mine_card.get_by_role("button", name="Favourite E2E Room IR")
    # the star turns at once; what is saved is read once the server has answered
    with page.expect_response(lambda r: r.request.method == "PATCH" and r.ok):
        star.click()
    expect(star).to_have_attribute("aria-pressed", "true")
    saved = api_get(page, f"/api/v1/gear/{item['id']}")
    assert saved["name"] == "E2E Room IR"
    assert saved["tags"] == ["gear-e2e"]
    assert saved["favourite"]
    screenshot(page, screenshots, "gear-edited")

    # filter by kind: in the URL, kept on reload
    page.get_by_role("combobox", name="Kind", exact=True).select_option("cab-ir")
    expect(page).to_have_url(re.compile(r"kind=cab-ir"))
    expect(card(page, "E2E Room IR")).to_be_visible()
    expect(page.get_by_role("article").filter(has_text="wavenet_nano.nam")).to_have_count(0)
    page.reload()
    expect(page.get_by_role("combobox", name="Kind", exact=True)).to_have_value("cab-ir")
    expect(card(page, "E2E Room IR")).to_be_visible()
    screenshot(page, screenshots, "gear-filter-kind")

    # filter by tag (and favourites): only ours is left
    page.get_by_role("button", name="Clear filters").first.click()
    page.get_by_role("combobox", name="Tag", exact=True).fill("gear-e2e")
    expect(page).to_have_url(re.compile(r"tag=gear-e2e"))
    # the box follows the URL, which a navigation updates a moment after the click (a busy
    # machine lets Playwright's own check of the state run first): click, then wait for it
    favourites = page.get_by_role("checkbox", name="Favourites only")
    favourites.click()
    expect(favourites).to_be_checked()
    expect(page).to_have_url(re.compile(r"favourite=1"))
    expect(
        page.get_by_role("status").filter(has_text=re.compile(r"1\W1 of 1 item"))
    ).to_be_visible()
    expect(card(page, "E2E Room IR")).to_be_visible()
    screenshot(page, screenshots, "gear-filter-tag")

    # delete through the dialog, which names the chain that uses the item
    page.get_by_role("button", name="Delete E2E Room IR").click()
    dialog = page.get_by_role("dialog", name="Delete “E2E Room IR”?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("will no longer render")
    expect(dialog.get_by_role("link", name="Gear e2e rhythm")).to_be_visible()
    expect(dialog.get_by_role("button", name="Keep it")).to_be_focused()
    screenshot(page, screenshots, "gear-delete-dialog")
    axe_check(page)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name="Delete E2E Room IR")).to_be_focused()

    page.get_by_role("button", name="Delete E2E Room IR").click()
    dialog.get_by_role("button", name="Delete E2E Room IR").click()
    expect(dialog).to_be_hidden()
    expect(card(page, "E2E Room IR")).to_have_count(0)
    expect(page.get_by_text("No gear matches these filters.")).to_be_visible()
    gone = api_get(page, "/api/v1/gear?tag=gear-e2e")
    assert gone["total"] == 0
    screenshot(page, screenshots, "gear-deleted")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/gear")
    expect(page.get_by_role("list", name="Gear items")).to_be_visible()
    screenshot(page, screenshots, "gear-library-390")
    axe_check(page)

    page.request.delete(f"/api/v1/signal-chains/{chain_id}", headers={"X-CSRF-Token": csrf(page)})
