"""Browser fixtures: Debian's Chromium, driven by Playwright, on the e2e stack's gateway,
which serves the built web app (`make web`).

Playwright's sync API keeps its own event loop marked as running in this thread for as long
as it is open, so it is open only while this package's tests run (package scope): asyncio
tests elsewhere in the session get their loop back. Tests here are plain functions, never
`async def`.

Without Chromium the browser tests skip, naming the reason; with GTS_REQUIRE_BROWSER=1 (CI)
they fail instead. GTS_CHROMIUM names another Chromium binary; GTS_SCREENSHOTS a folder to
keep screenshots in (each failed test leaves one of each of its pages there).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from gts_cli.stack.stack import Stack

from .chain_steps import USER, ChainBuilder
from .harness import WEB_DIST, Guard, sign_in

SCREENSHOTS = pytest.StashKey[Path]()
CALL_REPORT = pytest.StashKey[pytest.TestReport]()
DEFAULT_TIMEOUT_MS = 15_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each test's call report, so fixtures know at teardown whether the test failed."""
    report = yield
    if report.when == "call":
        item.stash[CALL_REPORT] = report
    return report


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    folder = config.stash.get(SCREENSHOTS, None)
    if folder is not None:
        count = sum(1 for _ in folder.glob("*.png"))
        terminalreporter.write_sep("-", f"browser screenshots ({count}) in {folder}")


@pytest.fixture(scope="package")
def app_url(stack: Stack) -> str:
    """The gateway's URL, once it is known to serve the built web app."""
    if not (WEB_DIST / "index.html").is_file():
        pytest.fail(f"{WEB_DIST / 'index.html'} is missing: build the web app with `make web`")
    page = httpx.get(stack.gateway_url + "/", timeout=10)
    if page.status_code != 200 or not page.headers["content-type"].startswith("text/html"):
        pytest.fail(
            f"the e2e stack's gateway does not serve the web app (GET / is {page.status_code}, "
            f"its web_dir {stack.config.web_dir}): `make web` before the stack starts"
        )
    return stack.gateway_url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Chromium's executable: GTS_CHROMIUM, else `chromium` (Debian) or `chromium-browser`."""
    named = os.environ.get("GTS_CHROMIUM")
    found = named or shutil.which("chromium") or shutil.which("chromium-browser")
    if found and Path(found).is_file():
        return found
    reason = (
        f"GTS_CHROMIUM={named}: no such file"
        if named
        else "no Chromium on PATH: install Debian's `chromium` or set GTS_CHROMIUM"
    )
    if os.environ.get("GTS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (GTS_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One headless Chromium for every browser test."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def screenshots(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where tests keep screenshots: GTS_SCREENSHOTS, else a folder of this session's tmp."""
    named = os.environ.get("GTS_SCREENSHOTS")
    folder = Path(named).resolve() if named else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    request.config.stash[SCREENSHOTS] = folder
    return folder


@pytest.fixture
def guard() -> Iterator[Guard]:
    """Watches the test's pages; fails the test at its end if anything went wrong."""
    watching = Guard()
    yield watching
    watching.check()


@pytest.fixture
def new_context(
    browser: Browser,
    app_url: str,
    guard: Guard,
    screenshots: Path,
    request: pytest.FixtureRequest,
) -> Iterator[Callable[[], BrowserContext]]:
    """Opens fresh browser contexts (no cookies, no storage) on the app, watched by `guard`;
    screenshots of their pages when the test fails, and closes them."""
    opened: list[BrowserContext] = []

    def open_context() -> BrowserContext:
        context = browser.new_context(base_url=app_url)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        guard.watch(context)
        opened.append(context)
        return context

    yield open_context
    report = request.node.stash.get(CALL_REPORT, None)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    for n, context in enumerate(opened):
        if report is not None and report.failed:
            for m, page in enumerate(context.pages):
                page.screenshot(path=screenshots / f"{name}-failed-{n}-{m}.png", full_page=True)
        context.close()


@pytest.fixture
def page(new_context: Callable[[], BrowserContext]) -> Page:
    """A page of a fresh, signed-out browser context."""
    return new_context().new_page()


@pytest.fixture
def signed_in(new_context: Callable[[], BrowserContext]) -> Callable[[str], Page]:
    """Signs a sandbox user in, in a fresh context of their own: `signed_in("alice")`."""

    def as_user(username: str) -> Page:
        user_page = new_context().new_page()
        sign_in(user_page, username)
        return user_page

    return as_user


@pytest.fixture
def builder(
    signed_in: Callable[[str], Page], guard: Guard, shared_fixtures: Path, screenshots: Path
) -> ChainBuilder:
    """The chain tests' user, signed in; a chain the builder refuses to save (422) is expected."""
    guard.allow(422, r"^/api/v1/signal-chains$")
    return ChainBuilder(signed_in(USER), shared_fixtures, screenshots)
