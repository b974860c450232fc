"""The web app at `/`: the files of the built single-page app (`web/dist`), and its
`index.html` for every client route, so a deep link like `/shootouts/42` opens the app."""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

from litestar import HttpMethod, route
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.response import File

INDEX = "index.html"
# Vite's hashed output: a file's name changes with its content, so browsers keep it for good.
ASSETS_DIR = "assets"
IMMUTABLE = "public, max-age=31536000, immutable"
# Other files at the root of the build (favicon.svg, robots.txt) keep their names across builds.
ROOT_FILE_CACHE = "public, max-age=600"
# The page names the current build's assets: a browser revalidates it on every load.
PAGE_CACHE = "no-cache"

# Paths the gateway answers itself or forwards: never the app, even when nothing matched.
NOT_APP_PREFIXES = (
    "/api",
    "/auth",
    "/ws",
    "/docs",
    "/openapi.json",
    "/.well-known",
    "/health",
    "/schema",
    "/metrics",
)

# Everything the app loads comes from the gateway itself; 'self' also covers the same
# origin's ws:/wss: (CSP Level 3), which is what `/ws` needs. Scripts are strictly our own
# files; styles may be inline because the waveform player styles its shadow DOM that way.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}

# Python's own table varies by version and platform; these are the types browsers insist on
# (Litestar adds `charset=utf-8` to the text ones).
MEDIA_TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".wasm": "application/wasm",
    ".txt": "text/plain",
}


def is_app_path(path: str) -> bool:
    """Whether `path` may be a client route: not under a prefix the gateway owns."""
    return not any(path == p or path.startswith(p + "/") for p in NOT_APP_PREFIXES)


def media_type_of(name: str) -> str:
    """The Content-Type a file is served with, by its extension."""
    suffix = PurePosixPath(name).suffix.lower()
    known = MEDIA_TYPES.get(suffix) or mimetypes.guess_type(name)[0]
    return known or "application/octet-stream"


class WebBuild:
    """One build folder (Vite's `dist`): which file, if any, a request path names."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    @property
    def index(self) -> Path:
        """The app's page."""
        return self.root / INDEX

    def file_for(self, path: str) -> Path | None:
        """The regular file under the build that `path` names, or None; never anything outside
        it (`..`, absolute paths, dot files and links out of the folder name nothing)."""
        parts = [p for p in path.split("/") if p]
        if not parts or any(p.startswith(".") or "\\" in p or "\0" in p for p in parts):
            return None
        candidate = self.root.joinpath(*parts)
        try:
            resolved = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not resolved.is_relative_to(self.root) or not resolved.is_file():
            return None
        return resolved


def _file(path: Path, cache_control: str) -> File:
    return File(
        path,
        filename=path.name,
        media_type=media_type_of(path.name),
        content_disposition_type="inline",
        headers={"Cache-Control": cache_control, **SECURITY_HEADERS},
    )


def web_app_handlers(web_dir: Path) -> list[HTTPRouteHandler]:
    """Route handlers that serve the build in `web_dir` at `/` (GET and HEAD)."""
    build = WebBuild(web_dir)

    @route(
        ["/", "/{path:path}"],
        http_method=[HttpMethod.GET, HttpMethod.HEAD],
        include_in_schema=False,
        sync_to_thread=False,
    )
    def web_app(path: str = "/") -> File:
        """A file of the build, or the app's page for a client route."""
        path = "/" + path.lstrip("/")
        if not is_app_path(path):
            raise NotFoundException(f"{path}: no such resource")
        if ".." in path.split("/"):
            raise NotFoundException(f"{path}: not a path of the web app")
        found = build.file_for(path)
        if found is not None and found != build.index:
            first = path.lstrip("/").split("/", 1)[0]
            return _file(found, IMMUTABLE if first == ASSETS_DIR else ROOT_FILE_CACHE)
        if found is None and (path + "/").startswith(f"/{ASSETS_DIR}/"):
            raise NotFoundException(f"{path}: no such file in the web app's build")
        return _file(build.index, PAGE_CACHE)

    return [web_app]
