"""Which web pages may open the live socket: origins compared as `scheme://host[:port]`."""

from __future__ import annotations

from urllib.parse import urlsplit


def normalize_origin(url: str) -> str:
    """`scheme://host[:port]` of a URL or Origin, lower-cased, without a default port."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return url
    if port is None or (scheme, port) in {("http", 80), ("https", 443)}:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def allowed_origins(public_url: str, extra: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The origins whose pages may open `WS /ws`: the gateway's own, and those configured."""
    return frozenset(normalize_origin(url) for url in (public_url, *extra))
