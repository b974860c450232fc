"""Where the Bearer token may go: TONE3000's own site, with or without `www.`.

TONE3000 hands out `model_url`s on `https://www.tone3000.com` whatever base URL the
client was given, so `https://tone3000.com/api/v1` must accept them too. The site is the
scheme, the port and the host without a leading `www.`; any other host is refused.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit


def _site(url: SplitResult) -> tuple[str, str, int | None]:
    host = (url.hostname or "").lower()
    return url.scheme.lower(), host.removeprefix("www."), url.port


def same_site(base_url: str, url: str) -> bool:
    """True when `url` is on the same site as `base_url` (`www.` or not)."""
    return _site(urlsplit(base_url)) == _site(urlsplit(url))
