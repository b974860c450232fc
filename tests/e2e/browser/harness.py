"""What browser tests do with a page: sign in through the TONE3000 stand-in, watch for
anything going wrong in the background, check accessibility with axe-core, and find the shared
fixture files a test needs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    ViewportSize,
    WebSocket,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
WEB_DIST = REPO_ROOT / "web" / "dist"
AXE_SCRIPT = REPO_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Nothing a user could notice: a navigation or a media element cancelling its own request.
ABORTED = "net::ERR_ABORTED"
SIGN_IN = "Sign in with TONE3000"
APPROVE = "Sign in and allow"
SIGN_IN_TIMEOUT_MS = 30_000


@dataclass
class Guard:
    """Everything that goes wrong in the background of a test's pages: console errors,
    uncaught exceptions, failed requests, answers >= 400 the test did not `allow`, and any
    request to a host other than this machine."""

    problems: list[str] = field(default_factory=list)
    allowed: list[tuple[int, re.Pattern[str]]] = field(default_factory=list)
    console_allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow(self, status: int, path: str) -> None:
        """Expect answers of `status` to requests whose path matches the regex `path`."""
        self.allowed.append((status, re.compile(path)))

    def allow_console(self, text: str) -> None:
        """Expect console errors matching the regex `text`."""
        self.console_allowed.append(re.compile(text))

    def watch(self, context: BrowserContext) -> None:
        """Record what goes wrong in every page of `context`."""
        context.on("console", self._console)
        context.on("weberror", lambda error: self._note(f"uncaught: {error.error}"))
        context.on("request", self._request)
        context.on("requestfailed", self._failed)
        context.on("response", self._response)
        context.on("page", lambda page: page.on("websocket", self._websocket))

    def check(self) -> None:
        """Fail naming every problem seen so far."""
        if self.problems:
            listed = "\n  ".join(self.problems)
            raise AssertionError(f"the browser saw {len(self.problems)} problem(s):\n  {listed}")

    def _note(self, problem: str) -> None:
        self.problems.append(problem)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # Chromium logs every answer >= 400 here too: `_response` judges those.
        if message.text.startswith("Failed to load resource"):
            return
        if any(p.search(message.text) for p in self.console_allowed):
            return
        where = message.location.get("url", "")
        self._note(f"console error: {message.text} ({where})")

    def _request(self, request: Request) -> None:
        self._check_host(request.url, request.method)

    def _websocket(self, socket: WebSocket) -> None:
        self._check_host(socket.url, "WebSocket")

    def _check_host(self, url: str, what: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOCAL_HOSTS:
            self._note(f"request to another host: {what} {url}")

    def _failed(self, request: Request) -> None:
        failure = request.failure or "failed"
        if ABORTED not in failure:
            self._note(f"request failed: {request.method} {request.url}: {failure}")

    def _response(self, response: Response) -> None:
        if response.status < 400:
            return
        path = urlsplit(response.url).path
        if any(s == response.status and p.search(path) for s, p in self.allowed):
            return
        self._note(f"answer {response.status}: {response.request.method} {response.url}")


def sign_in(page: Page, username: str) -> None:
    """Sign in as sandbox user `username` the way a person does: the app's sign-in link, the
    TONE3000 stand-in's approval page, and back in the app with the session's "Sign out".
    The page's context has the app's URL as its base URL."""
    page.goto("/")
    parts = urlsplit(page.url)
    app_url = f"{parts.scheme}://{parts.netloc}"
    link = page.get_by_role("link", name=SIGN_IN).or_(page.get_by_role("button", name=SIGN_IN))
    link.first.click()
    page.wait_for_url(re.compile(r"/oauth/authorize"), timeout=SIGN_IN_TIMEOUT_MS)
    page.locator(f'input[name="username"][value="{username}"]').check()
    page.get_by_role("button", name=APPROVE).click()
    page.wait_for_url(_back_in(app_url), timeout=SIGN_IN_TIMEOUT_MS)
    page.get_by_role("button", name="Sign out").wait_for(timeout=SIGN_IN_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")


def _back_in(app_url: str) -> Callable[[str], bool]:
    def landed(url: str) -> bool:
        return url.startswith(app_url + "/") and not urlsplit(url).path.startswith("/auth/")

    return landed


SERIOUS = ("serious", "critical")


def axe_check(page: Page, *, exclude: tuple[str, ...] = ()) -> None:
    """Run axe-core on the page as it is now; fail listing each serious or critical violation
    (rule, impact, what to fix, where). `exclude` lists CSS selectors to leave out."""
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: install the web app's packages with `make web`")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Runtime.evaluate is not a page script: the app's CSP does not stop it.
        page.evaluate(AXE_SCRIPT.read_text())
    found = page.evaluate(
        """async (exclude) => {
            const context = exclude.length ? { exclude: exclude.map((s) => [s]) } : document;
            const result = await window.axe.run(context, { resultTypes: ["violations"] });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
            }));
        }""",
        list(exclude),
    )
    serious = [v for v in found if v["impact"] in SERIOUS]
    if serious:
        listed = "\n  ".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}" for v in serious
        )
        raise AssertionError(f"axe found on {page.url}:\n  {listed}")


NARROW: ViewportSize = {"width": 390, "height": 844}


def screenshot(page: Page, folder: Path, name: str, *, narrow: bool = False) -> None:
    """The whole page as it is now into `folder/name.png` (and at 390 px wide into
    `name-390.png` with `narrow`). Taken from the top, so the sticky header stays on top."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=folder / f"{name}.png", full_page=True)
    if narrow:
        size = page.viewport_size or {"width": 1280, "height": 720}
        page.set_viewport_size(NARROW)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=folder / f"{name}-390.png", full_page=True)
        page.set_viewport_size(size)


def csrf(page: Page) -> str:
    """The page's CSRF token, for requests a test sends with the page's cookies."""
    return next(c["value"] for c in page.context.cookies() if c["name"] == "gts_csrf")


def api_get(page: Page, path: str) -> Any:
    """GET with the page's own cookies (as the app's fetch would); the JSON answer."""
    answer = page.request.get(path)
    assert answer.ok, f"GET {path}: {answer.status} {answer.text()}"
    return answer.json()


def fixture_files(folder: Path, *names: str) -> list[Path]:
    """These files of the shared fixtures in `folder` (e.g. `nam/tiny_wavenet.nam`), in order;
    the test is skipped when one is missing."""
    paths = [folder / name for name in names]
    for path in paths:
        if not path.is_file():
            pytest.skip(f"fixture {path} is missing")
    return paths
