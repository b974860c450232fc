"""The gateway reads the Cookie header pair by pair, as the services' Litestar does."""

from __future__ import annotations

import pytest
from litestar.connection import ASGIConnection

from gateway.security.cookies import parse_cookie_header

HEADERS = [
    'junk"=; gts_access=tok.en; gts_csrf=x',
    "gts_access=a; gts_access=b",
    'gts_csrf="quoted"; other="a%20b"',
    "noequals; =noname; gts_csrf=c;;",
    ' spaced = value ; a="unclosed; b=2',
    "x=1=2; y=%zz; z=",
    "",
]


@pytest.mark.parametrize("header", HEADERS)
def test_cookies_read_as_litestar_reads_them(header: str) -> None:
    raw = header.encode("latin-1")
    litestar = ASGIConnection({"type": "http", "headers": [(b"cookie", raw)], "state": {}})  # type: ignore[typeddict-item]
    named = {name: value for name, value in litestar.cookies.items() if name}
    assert parse_cookie_header(raw) == named


def test_a_malformed_cookie_hides_none_of_its_neighbours() -> None:
    cookies = parse_cookie_header(b'junk"=; gts_access=token; bad; gts_csrf="x"')
    assert (cookies["gts_access"], cookies["gts_csrf"]) == ("token", "x")
