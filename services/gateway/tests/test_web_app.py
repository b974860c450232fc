"""The web app at `/`: hashed assets cached for good, the page never cached, every client route
answered with the page, the gateway's own paths never shadowed, and nothing outside the build."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from gateway.config import Settings
from gateway.web_app import CONTENT_SECURITY_POLICY
from gts_kit.settings import SettingsError, load_settings

from .conftest import settings_for

PAGE = (
    '<!doctype html><html lang="en"><head><title>GTS</title>'
    '<script type="module" crossorigin src="/assets/app-abc123.js"></script></head>'
    '<body><div id="root"></div></body></html>\n'
)
SCRIPT = 'console.log("app");\n'
SECRET = "not for the web\n"
APP_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
}


@pytest.fixture
def web_dir(tmp_path: Path) -> Path:
    """A build like Vite's: the page, hashed assets, a root file; a secret beside the folder."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(PAGE)
    (dist / "assets" / "app-abc123.js").write_text(SCRIPT)
    (dist / "assets" / "app-abc123.css").write_text("body { margin: 0 }\n")
    (dist / "favicon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    (dist / ".env").write_text(SECRET)
    (tmp_path / "secret.txt").write_text(SECRET)
    (dist / "assets" / "linked.txt").symlink_to(tmp_path / "secret.txt")
    return dist


@pytest.fixture
async def client(nats_url: str, web_dir: Path) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(create_app(settings_for(nats_url, web_dir=str(web_dir)))) as running:
        yield running


async def raw_get(app: Litestar, path: str) -> tuple[int, bytes]:
    """GET `path` exactly as written: HTTP clients would resolve `..` before sending it."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 5555),
        "server": ("testserver", 80),
        "state": {},
    }
    await app(scope, receive, send)  # type: ignore[arg-type]
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body


@pytest.mark.parametrize("path", ["/", "/shootouts", "/shootouts/42/edit", "/gear?page=2"])
async def test_root_and_client_routes_answer_the_page_never_cached(
    client: AsyncTestClient[Litestar], path: str
) -> None:
    page = await client.get(path)
    assert page.status_code == 200
    assert page.text == PAGE
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-cache"
    for name, value in APP_HEADERS.items():
        assert page.headers[name] == value, name


async def test_head_of_a_client_route_has_the_headers_and_no_body(
    client: AsyncTestClient[Litestar],
) -> None:
    head = await client.head("/chains")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(PAGE))
    assert head.headers["cache-control"] == "no-cache"


async def test_the_page_by_name_is_never_cached_either(client: AsyncTestClient[Litestar]) -> None:
    page = await client.get("/index.html")
    assert page.text == PAGE
    assert page.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("app-abc123.js", "text/javascript"), ("app-abc123.css", "text/css")],
)
async def test_hashed_assets_are_cached_for_good_with_their_media_types(
    client: AsyncTestClient[Litestar], name: str, media_type: str
) -> None:
    asset = await client.get(f"/assets/{name}")
    assert asset.status_code == 200
    assert asset.headers["content-type"].split(";")[0] == media_type
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert asset.headers["x-content-type-options"] == "nosniff"
    head = await client.head(f"/assets/{name}")
    assert head.status_code == 200
    assert head.content == b""


async def test_root_files_get_a_short_cache(client: AsyncTestClient[Litestar]) -> None:
    icon = await client.get("/favicon.svg")
    assert icon.status_code == 200
    assert icon.headers["content-type"] == "image/svg+xml"
    assert icon.headers["cache-control"] == "public, max-age=600"


@pytest.mark.parametrize("path", ["/assets/app-missing.js", "/assets/", "/assets/.hidden"])
async def test_a_missing_asset_is_a_problem_404_not_the_page(
    client: AsyncTestClient[Litestar], path: str
) -> None:
    missing = await client.get(path)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


async def test_paths_the_gateway_owns_are_never_the_app(
    client: AsyncTestClient[Litestar],
) -> None:
    # the upstreams are down: the mounts still answer, with a problem rather than the page
    for path in [
        *("/api/v1/nope", "/auth", "/auth/me", "/.well-known/jwks.json"),
        *("/api", "/api/v2/gear", "/docs/nope", "/health", "/health/nope"),
        # the internal port's, not the public one's
        *("/metrics", "/health/ready"),
    ]:
        refused = await client.get(path)
        assert refused.status_code >= 400, path
        assert refused.headers["content-type"] == "application/problem+json", path
    docs = await client.get("/docs")
    assert "swagger-ui" in docs.text
    # the reference page has an inline script of its own: the app's policy would block it
    assert "content-security-policy" not in docs.headers
    assert (await client.get("/openapi.json")).json()["info"]["title"] == "GTS API"
    assert (await client.get("/health/live")).status_code == 200
    for path in ["/metrics", "/schema/openapi.json", "/ws", "/docs/assets/swagger-ui.css"]:
        answer = await client.get(path)
        assert answer.text != PAGE, path


async def test_other_methods_on_a_client_route_are_refused(
    client: AsyncTestClient[Litestar],
) -> None:
    refused = await client.post("/shootouts", json={})
    assert refused.status_code == 405
    assert refused.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "path",
    [
        "/assets/../../secret.txt",
        "/../secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/%2e%2e/secret.txt",
    ],
)
async def test_dot_dot_never_leaves_the_build(client: AsyncTestClient[Litestar], path: str) -> None:
    # literal `..` sent raw (as a hostile client would); encoded ones through the client
    if "%" in path:
        response = await client.get(path)
        status, body = response.status_code, response.content
    else:
        status, body = await raw_get(client.app, path)
    assert status == 404
    assert SECRET.encode() not in body


@pytest.mark.parametrize(
    "path", ["//etc/passwd", "/%2fetc/passwd", "/assets/linked.txt", "/.env", "/%2e%65nv"]
)
async def test_absolute_paths_links_out_and_dot_files_are_never_served(
    client: AsyncTestClient[Litestar], path: str
) -> None:
    response = await client.get(path)
    assert SECRET not in response.text
    assert "root:" not in response.text
    assert response.text == PAGE or response.status_code == 404


async def test_without_a_web_dir_the_root_stays_a_404_problem(nats_url: str) -> None:
    async with AsyncTestClient(create_app(settings_for(nats_url))) as client:
        root = await client.get("/")
        deep = await client.get("/shootouts")
    assert root.status_code == 404
    assert root.headers["content-type"] == "application/problem+json"
    assert deep.status_code == 404


def test_a_web_dir_without_its_page_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"GTS_WEB_DIR: .* has no index\.html"):
        load_settings(Settings, {"GTS_WEB_DIR": str(tmp_path)})
