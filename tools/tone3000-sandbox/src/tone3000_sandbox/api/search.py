"""Tone search over the library: text query, `_`-joined filters and the five sort orders."""

from __future__ import annotations

from collections.abc import Callable

from tone3000_sandbox.api.errors import ApiError
from tone3000_sandbox.library import Library, SandboxTone

SORTS: dict[str, Callable[[SandboxTone], tuple[float, ...]]] = {
    "newest": lambda t: (-t.created_at.timestamp(), t.id),
    "oldest": lambda t: (t.created_at.timestamp(), t.id),
    "trending": lambda t: (-t.favorites_count, t.id),
    "downloads-all-time": lambda t: (-t.downloads_count, t.id),
}
# old filter values still accepted, with the notice TONE3000 sends in a header
DEPRECATED_GEARS = {"full-rig": "amp-cab", "ir": "format=ir"}


def split_filter(value: str | None) -> set[str]:
    """`"a_b"` -> {"a", "b"} (lower-case); empty for None."""
    return {v.strip().lower() for v in value.split("_") if v.strip()} if value else set()


def _haystack(tone: SandboxTone, library: Library) -> str:
    names = [n for _, n in (*tone.makes, *tone.tags)]
    author = library.user_by_id(tone.user_id).username
    return " ".join([tone.title, tone.description, tone.gear, *names, author]).lower()


def _named_match(pairs: tuple[tuple[int, str], ...], wanted: set[str]) -> bool:
    return any(str(i) in wanted or n.lower() in wanted for i, n in pairs)


def search(
    library: Library,
    query: str,
    sort: str,
    gears: set[str],
    sizes: set[str],
    tags: set[str],
    makes: set[str],
) -> list[SandboxTone]:
    """Public tones whose text holds every query word and that pass every filter, sorted."""
    if sort != "best-match" and sort not in SORTS:
        allowed = ", ".join(["best-match", *SORTS])
        raise ApiError(400, "invalid_request", f"sort: {sort!r} is not one of {allowed}")
    words = query.lower().split()
    wanted_gears = {DEPRECATED_GEARS.get(g, g) for g in gears}
    found = []
    for tone in library.tones.values():
        if not tone.is_public:
            continue
        text = _haystack(tone, library)
        if any(w not in text for w in words):
            continue
        if (
            wanted_gears
            and tone.gear not in wanted_gears
            and ("format=ir" not in wanted_gears or tone.format != "ir")
        ):
            continue
        if sizes and not sizes & set(tone.sizes):
            continue
        if tags and not _named_match(tone.tags, tags):
            continue
        if makes and not _named_match(tone.makes, makes):
            continue
        found.append(tone)
    if sort == "best-match":
        # more query words in the title first, then the most downloaded
        return sorted(
            found,
            key=lambda t: (-sum(w in t.title.lower() for w in words), -t.downloads_count, t.id),
        )
    return sorted(found, key=SORTS[sort])
