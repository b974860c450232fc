"""The app's shell through the gateway: the page and its headers, deep links, the first
load's JavaScript budget, signing in through the TONE3000 stand-in, and accessibility."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from .harness import WEB_DIST, axe_check, screenshot

pytestmark = pytest.mark.e2e

# What the first load may cost in JavaScript, gzipped (bytes): the entry and its preloads.
FIRST_LOAD_JS_BUDGET = 200_000
PLACES = ("Gear", "DI tracks", "Chains", "Shootouts")
APP_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
}


class FirstLoadScripts(HTMLParser):
    """The module scripts a page loads at once: `<script type=module src>` and
    `<link rel=modulepreload href>`."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.urls.append(str(found["src"]))
        if tag == "link" and found.get("rel") == "modulepreload" and found.get("href"):
            self.urls.append(str(found["href"]))


def test_the_gateway_serves_the_app_at_the_root_with_its_security_headers(app_url: str) -> None:
    page = httpx.get(app_url + "/", timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.text == (WEB_DIST / "index.html").read_text()
    assert page.headers["cache-control"] == "no-cache"
    policy = page.headers["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"):
        assert directive in policy
    for name, value in APP_HEADERS.items():
        assert page.headers[name] == value, name


@pytest.mark.parametrize("path", ["/shootouts", "/shootouts/4f1c/edit", "/gear/tone3000"])
def test_a_deep_link_to_a_client_route_answers_the_app_page(app_url: str, path: str) -> None:
    page = httpx.get(app_url + path, timeout=10)
    assert page.status_code == 200
    assert page.text == (WEB_DIST / "index.html").read_text()
    assert page.headers["cache-control"] == "no-cache"


def test_an_unknown_api_path_stays_a_problem_not_the_page(app_url: str) -> None:
    answer = httpx.get(app_url + "/api/v1/nope", timeout=10)
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"


def test_the_first_load_javascript_is_at_most_200_kb_gzipped(app_url: str) -> None:
    scripts = FirstLoadScripts()
    scripts.feed((WEB_DIST / "index.html").read_text())
    assert scripts.urls, "index.html loads no module script"
    sizes: dict[str, int] = {}
    with httpx.Client(base_url=app_url, timeout=10) as client:
        for url in scripts.urls:
            assert url.startswith("/assets/"), f"{url}: not one of the build's own assets"
            asset = client.get(url)
            assert asset.status_code == 200, url
            assert asset.headers["content-type"].startswith("text/javascript"), url
            assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
            assert asset.content == (WEB_DIST / url.lstrip("/")).read_bytes(), url
            sizes[url] = len(gzip.compress(asset.content, compresslevel=6))
    total = sum(sizes.values())
    assert total <= FIRST_LOAD_JS_BUDGET, f"{total} bytes gzipped: {sizes}"


def test_the_signed_out_landing_page_offers_sign_in_and_is_accessible(
    page: Page, screenshots: Path
) -> None:
    page.goto("/")
    header = page.get_by_role("banner")
    expect(header.get_by_role("link", name="Sign in with TONE3000")).to_be_visible()
    # the page itself, not its loading state, is what is looked at and checked
    expect(page.get_by_role("heading", name="Which rig sounds best?", level=1)).to_be_visible()
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Sign in with TONE3000")).to_be_visible()
    screenshot(page, screenshots, "landing-signed-out")
    axe_check(page)


def test_signing_in_through_the_stand_in_lands_back_in_the_app(
    signed_in: Callable[[str], Page], app_url: str, screenshots: Path
) -> None:
    page = signed_in("alice")
    assert page.url.startswith(app_url + "/")
    assert "/auth/" not in page.url
    for place in PLACES:
        expect(page.get_by_role("link", name=place, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in with TONE3000")).to_have_count(0)
    screenshot(page, screenshots, "shell-signed-in")
    axe_check(page)


def test_the_policy_lets_the_app_open_its_own_websocket(signed_in: Callable[[str], Page]) -> None:
    # CSP Level 3: connect-src 'self' covers ws: and wss: of the page's own origin.
    page = signed_in("bob")
    outcome = page.evaluate(
        """async () => {
            const violations = [];
            document.addEventListener("securitypolicyviolation",
                (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
            const scheme = location.protocol === "https:" ? "wss:" : "ws:";
            const opened = await new Promise((resolve) => {
                const socket = new WebSocket(`${scheme}//${location.host}/ws`);
                socket.onopen = () => { socket.close(1000); resolve(true); };
                socket.onerror = () => resolve(false);
            });
            await new Promise((resolve) => setTimeout(resolve, 100));
            return { opened, violations };
        }"""
    )
    assert outcome == {"opened": True, "violations": []}
