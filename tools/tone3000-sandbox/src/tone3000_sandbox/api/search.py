"""Tone search over the library: text query, the filters and the five sort orders.

`gears`, `sizes`, `tags` and `makes` join several values with `_`, `creators` with `,`
(usernames may hold `_`); tags, makes and creators match by exact name. `architecture`
applies to NAM tones: without it a NAM tone needs an A1 or custom model, with it a model
of that architecture (so A2-only tones appear only for `architecture=2`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
FORMATS = ("nam", "ir", "aida-x", "aa-snapshot", "proteus")
ARCHITECTURES = ("1", "2", "custom")
# what /models and search show of a NAM tone when no `architecture` is asked for
DEFAULT_ARCHITECTURES = frozenset({"1", "custom"})


def split_filter(value: str | None, separator: str = "_") -> set[str]:
    """`"a_b"` -> {"a", "b"} (lower-case); empty for None."""
    if not value:
        return set()
    return {v.strip().lower() for v in value.split(separator) if v.strip()}


def architectures_for(architecture: str | None) -> frozenset[str]:
    """The architectures a request shows; 400 naming the field for an unknown value."""
    if architecture is None:
        return DEFAULT_ARCHITECTURES
    if architecture not in ARCHITECTURES:
        allowed = ", ".join(ARCHITECTURES)
        raise ApiError(
            400, "invalid_request", f"architecture: {architecture!r} is not one of {allowed}"
        )
    return frozenset({architecture})


@dataclass(frozen=True)
class SearchFilters:
    """The parsed filters of one search request."""

    gears: set[str] = field(default_factory=set)
    sizes: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    makes: set[str] = field(default_factory=set)
    creators: set[str] = field(default_factory=set)
    format: str | None = None
    architectures: frozenset[str] = DEFAULT_ARCHITECTURES

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            allowed = ", ".join(FORMATS)
            reason = f"format: {self.format!r} is not one of {allowed}"
            raise ApiError(400, "invalid_request", reason)


def _haystack(tone: SandboxTone, library: Library) -> str:
    names = [n for _, n in (*tone.makes, *tone.tags)]
    author = library.user_by_id(tone.user_id).username
    return " ".join([tone.title, tone.description, tone.gear, *names, author]).lower()


def _named_match(pairs: tuple[tuple[int, str], ...], wanted: set[str]) -> bool:
    return any(n.lower() in wanted for _, n in pairs)


def _passes(tone: SandboxTone, library: Library, f: SearchFilters) -> bool:
    wanted_gears = {DEPRECATED_GEARS.get(g, g) for g in f.gears}
    if (
        wanted_gears
        and tone.gear not in wanted_gears
        and ("format=ir" not in wanted_gears or tone.format != "ir")
    ):
        return False
    if f.format is not None and tone.format != f.format:
        return False
    if tone.format == "nam" and not any(
        m.architecture_version in f.architectures for m in tone.models
    ):
        return False
    if f.sizes and not f.sizes & set(tone.sizes):
        return False
    if f.tags and not _named_match(tone.tags, f.tags):
        return False
    if f.makes and not _named_match(tone.makes, f.makes):
        return False
    return not f.creators or library.user_by_id(tone.user_id).username.lower() in f.creators


def search(library: Library, query: str, sort: str, filters: SearchFilters) -> list[SandboxTone]:
    """Public tones whose text holds every query word and that pass every filter, sorted."""
    if sort != "best-match" and sort not in SORTS:
        allowed = ", ".join(["best-match", *SORTS])
        raise ApiError(400, "invalid_request", f"sort: {sort!r} is not one of {allowed}")
    words = query.lower().split()
    found = [
        tone
        for tone in library.tones.values()
        if tone.is_public
        and all(w in _haystack(tone, library) for w in words)
        and _passes(tone, library, filters)
    ]
    if sort == "best-match":
        # more query words in the title first, then the most downloaded
        return sorted(
            found,
            key=lambda t: (-sum(w in t.title.lower() for w in words), -t.downloads_count, t.id),
        )
    return sorted(found, key=SORTS[sort])
