"""The API reference at `/docs`: Swagger UI over `/openapi.json`, its files served by the
gateway itself (from the `swagger-ui-bundle-v2` package), so the page works offline."""

from __future__ import annotations

from pathlib import Path

from litestar import MediaType, Response, get
from litestar.exceptions import NotFoundException
from litestar.response import File
from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]

ASSETS_PATH = "/docs/assets"
SWAGGER_UI_DIR = Path(str(swagger_ui_path))
# What the page loads, with media types: nothing else in the bundle is served.
ASSETS: dict[str, str] = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}
# The bundle changes only with the package, so browsers may keep it for a day.
ASSET_CACHE = "public, max-age=86400"

# Requests the page sends ride on the browser's cookies: unsafe ones echo the CSRF cookie.
DOCS_PAGE = f"""<!doctype html>
<html lang="en"><head><title>GTS API</title><meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<link rel="icon" type="image/png" href="{ASSETS_PATH}/favicon-32x32.png"/>
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css"/>
<style>body {{ margin: 0 }}</style></head>
<body><div id="swagger-ui"></div>
<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({{
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  requestInterceptor: (request) => {{
    const csrf = document.cookie.match(/(?:^|; )gts_csrf=([^;]*)/);
    if (csrf) request.headers["X-CSRF-Token"] = decodeURIComponent(csrf[1]);
    return request;
  }},
}});
</script></body></html>
"""


@get("/docs", include_in_schema=False, media_type=MediaType.HTML, sync_to_thread=False)
def docs_page() -> Response[str]:
    """An API reference page over `/openapi.json`."""
    return Response(DOCS_PAGE, media_type=MediaType.HTML)


@get(f"{ASSETS_PATH}/{{name:str}}", include_in_schema=False, sync_to_thread=False)
def docs_asset(name: str) -> File:
    """One of the reference page's script, style and icon files."""
    media_type = ASSETS.get(name)
    if media_type is None:
        raise NotFoundException(f"{ASSETS_PATH}/{name}: not a file of the API reference")
    return File(
        SWAGGER_UI_DIR / name,
        media_type=media_type,
        content_disposition_type="inline",
        headers={"Cache-Control": ASSET_CACHE},
    )
