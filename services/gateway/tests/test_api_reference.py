"""The API reference: `/docs` loads only what the gateway serves itself, and the merged
document says which operations take no credentials."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from litestar.testing import AsyncTestClient

from gateway.app import create_app
from gateway.openapi import merge

from .conftest import settings_for
from .token_issuer import Issuer

MEDIA_TYPES = {
    ".js": ("text/javascript", "application/javascript"),
    ".css": ("text/css",),
    ".png": ("image/png",),
}


class References(HTMLParser):
    """Every URL the page's tags load: script and img `src`, link `href`."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "img": "src", "link": "href"}.get(tag)
        self.urls.extend(v for k, v in attrs if k == wanted and v)


async def test_docs_page_loads_only_assets_the_gateway_serves(
    nats_url: str, issuer: Issuer
) -> None:
    async with AsyncTestClient(create_app(settings_for(nats_url, auth_url=issuer.url))) as client:
        page = await client.get("/docs")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        for scheme in ("http://", "https://", "//cdn"):
            assert scheme not in page.text
        found = References()
        found.feed(page.text)
        assert any(u.endswith(".js") for u in found.urls), found.urls
        assert any(u.endswith(".css") for u in found.urls), found.urls
        for url in found.urls:
            parts = urlsplit(url)
            assert (parts.scheme, parts.netloc) == ("", ""), f"{url} is on another host"
            asset = await client.get(url)
            assert asset.status_code == 200, url
            content_type = asset.headers["content-type"].split(";")[0]
            assert content_type in MEDIA_TYPES[PurePosixPath(parts.path).suffix], url
            assert asset.content, url
        missing = await client.get("/docs/assets/index.html")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


def test_reading_an_output_is_documented_as_open_to_anyone() -> None:
    operation = {"responses": {"200": {"description": "ok"}}}
    doc = merge(
        {
            "shootouts": {
                "paths": {
                    "/api/v1/outputs/{output_id}": {"get": dict(operation)},
                    "/api/v1/shootouts/{shootout_id}": {"get": dict(operation)},
                }
            }
        }
    )
    output = doc["paths"]["/api/v1/outputs/{output_id}"]["get"]
    shootout = doc["paths"]["/api/v1/shootouts/{shootout_id}"]["get"]
    assert {} in output["security"]
    assert {} not in shootout["security"]
