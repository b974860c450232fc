"""The small HTML page a browser sees when a sign-in cannot finish."""

from __future__ import annotations

from html import escape

from litestar import MediaType, Response
from litestar.datastructures import Cookie


def sign_in_page(title: str, reason: str, status: int, cookies: list[Cookie]) -> Response[str]:
    """A friendly page saying what happened, with a link to try again."""
    body = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} - GTS</title></head>
<body><main><h1>{escape(title)}</h1><p>{escape(reason)}</p>
<p><a href="/auth/login">Sign in with TONE3000</a> or <a href="/">go back home</a>.</p>
</main></body></html>
"""
    return Response(
        body, status_code=status, media_type=MediaType.HTML, cookies=cookies,
        headers={"Cache-Control": "no-store"},
    )  # fmt: skip
