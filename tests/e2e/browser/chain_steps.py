"""What the DI-track and chain browser tests share: their user, a tag that makes their names
unique, the chain builder's page, and the steps of uploading gear and building a chain in the
builder."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page

from .harness import axe_check, csrf, fixture_files, screenshot

TAG = uuid.uuid4().hex[:6]
USER = "carol"  # alice and bob belong to the other browser tests
LOAD_MS = 30_000


def upload_gear(page: Page, path: Path, kind: str | None = None) -> dict[str, Any]:
    """Add a gear file as the gear page does (multipart, CSRF header); the item, kind as asked."""
    fields: dict[str, Any] = {
        "file": {
            "name": path.name,
            "mimeType": "application/octet-stream",
            "buffer": path.read_bytes(),
        }
    }
    if kind:
        fields["kind"] = kind
    answer = page.request.post(
        "/api/v1/gear", headers={"X-CSRF-Token": csrf(page)}, multipart=fields
    )
    assert answer.status in (200, 201), f"{path.name}: {answer.status} {answer.text()}"
    item: dict[str, Any] = answer.json()
    if kind and item["kind"] != kind:  # the same file uploaded before, as another kind
        changed = page.request.patch(
            f"/api/v1/gear/{item['id']}",
            headers={"X-CSRF-Token": csrf(page), "Content-Type": "application/json"},
            data=json.dumps({"kind": kind}),
        )
        assert changed.ok, changed.text()
        item = changed.json()
    return item


def wait_until_chains_know(page: Page, *items: dict[str, Any]) -> None:
    """The shootouts service learns of gear from the catalog's events: wait until each item
    is known there (a chain of it twice is refused for the grammar, no longer UNKNOWN_GEAR)."""
    for item in items:
        block = {"type": "gear", "gear_id": item["id"]}

        def known(block: dict[str, str] = block) -> bool:
            answer = page.request.post(
                "/api/v1/signal-chains",
                headers={"X-CSRF-Token": csrf(page), "Content-Type": "application/json"},
                data=json.dumps({"name": "probe", "blocks": [block, block]}),
            )
            codes = [e.get("code") for e in answer.json().get("errors", [])]
            return "UNKNOWN_GEAR" not in codes

        for _ in range(100):
            if known():
                break
            page.wait_for_timeout(100)
        else:
            pytest.fail(f"gear {item['name']} never reached the shootouts service")


@dataclass
class ChainBuilder:
    """The chain tests' user, signed in on `page`, and the steps of building chains there; the
    shared fixture files in `fixtures` her gear comes from, and where the page's screenshots go."""

    page: Page
    fixtures: Path
    screenshots: Path

    def gear(self, kinds: Mapping[str, str | None]) -> list[dict[str, Any]]:
        """Upload these files of the shared fixtures as gear, each as the kind given (None: the
        kind the catalog finds), and wait until the chain builder may use them all; the items,
        in order."""
        paths = fixture_files(self.fixtures, *kinds)
        items = [
            upload_gear(self.page, path, kind)
            for path, kind in zip(paths, kinds.values(), strict=True)
        ]
        wait_until_chains_know(self.page, *items)
        return items

    def check(self, name: str) -> None:
        """Axe on the page as it is now, then its screenshots (desktop and 390 px) as `name`."""
        axe_check(self.page)
        screenshot(self.page, self.screenshots, name, narrow=True)

    def block(self, name: str) -> Locator:
        """A block of the builder, by the name it shows ("JCM800 capture 3 (amp)")."""
        return self._blocks().get_by_role("listitem", name=re.compile(re.escape(name)))

    def block_names(self) -> list[str]:
        headings = self._blocks().get_by_role("heading")
        return [re.sub(r"^\d+\.\s*", "", h) for h in headings.all_inner_texts()]

    def _blocks(self) -> Locator:
        return self.page.get_by_role("list", name="Blocks in signal order")

    def add_gear(self, kind_button: str, picker: str, item: dict[str, Any]) -> None:
        self.page.get_by_role("button", name=kind_button).click()
        self.page.get_by_role("combobox", name=picker).select_option(item["id"])
        self.page.get_by_role("button", name=f"Add {item['name']}").click()

    def add_effect(self, label: str, value: str) -> None:
        self.page.get_by_role("button", name="+ Effect").click()
        self.page.get_by_role("combobox", name="Effect", exact=True).select_option(value)
        self.page.get_by_role("button", name=f"Add {label}").click()
