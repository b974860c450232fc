"""youtube.txt: the title, a line per chain and chapter timestamps for the video's page."""

from __future__ import annotations

from collections.abc import Sequence

from gts_engine.montage import TimelineEntry
from gts_engine.video.scenes import VideoChain

TITLE_CHARS = 100  # YouTube's limit


def chapter_time(seconds: int) -> str:
    """A YouTube chapter timestamp: m:ss, or h:mm:ss from an hour on."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def first_plays(timeline: Sequence[TimelineEntry], sample_rate: int) -> dict[int, int]:
    """The montage second (rounded) at which each chain first plays, by chain index."""
    first: dict[int, int] = {}
    for entry in sorted(timeline, key=lambda e: e.start):
        if entry.end > entry.start and entry.chain not in first:
            first[entry.chain] = round(entry.start / sample_rate)
    return first


def youtube_text(
    title: str, chains: Sequence[VideoChain], timeline: Sequence[TimelineEntry], sample_rate: int
) -> str:
    """The text for the video's YouTube page: title line, a description line per chain, and
    `Chapters:` with one `m:ss Label` a chain where it first plays (the first at 0:00)."""
    shown = title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"
    order = sorted(range(len(chains)), key=lambda i: chains[i].label)
    described = order if all(not c.lines for c in chains) else range(len(chains))
    lines = [shown, ""]
    for i in described:
        chain = chains[i]
        lines.append(f"{chain.label}: {'; '.join(chain.lines)}" if chain.lines else chain.label)
    lines += ["", "Chapters:"]
    starts = sorted(first_plays(timeline, sample_rate).items(), key=lambda item: item[1])
    for n, (chain_index, second) in enumerate(starts):
        lines.append(f"{chapter_time(0 if n == 0 else second)} {chains[chain_index].label}")
    return "\n".join(lines) + "\n"
