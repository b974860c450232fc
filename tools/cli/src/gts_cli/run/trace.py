"""What `gts trace` does: read the span files, pick the job's trace, print its tree."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

Span = dict[str, Any]
PROGRESS_SUBJECTS = ("render.job.progress.v1",)


def run(args: argparse.Namespace) -> int:
    """Print the job's trace; 1 with a message when there is none."""
    folder = args.home / "traces"
    spans = list(read_spans(folder))
    traces = {s["trace_id"] for s in spans if s["attributes"].get("gts.job_id") == args.job_id}
    if not traces:
        print(f"gts trace: no spans of job {args.job_id} in {folder}", file=sys.stderr)
        return 1
    for trace_id in sorted(traces):
        members = [s for s in spans if s["trace_id"] == trace_id]
        if args.no_progress:
            members = without_progress(members)
        for line in tree_lines(members):
            print(line)
    return 0


def read_spans(folder: Path) -> Iterator[Span]:
    """Every span recorded under `folder` (a line cut short by a crash is skipped)."""
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue


def tree_lines(spans: Iterable[Span]) -> list[str]:
    """The trace as text: a heading, then a span a line in tree order."""
    spans = sorted(spans, key=lambda s: (s["start"], s["end"]))
    if not spans:
        return []
    known = {s["span_id"] for s in spans}
    children: dict[str | None, list[Span]] = defaultdict(list)
    for span in spans:
        parent = span["parent_id"] if span["parent_id"] in known else None
        children[parent].append(span)
    first = spans[0]["start"]
    last = max(s["end"] for s in spans)
    services = sorted({s["service"] for s in spans})
    lines = [
        f"trace {spans[0]['trace_id']}: {(last - first) / 1e9:.3f} s, {len(spans)} spans, "
        f"{len(services)} services ({', '.join(services)})",
        f"{'start':>8} {'took':>8}  span",
    ]

    def walk(parent: str | None, depth: int) -> None:
        for span in children.get(parent, []):
            start = (span["start"] - first) / 1e9
            took = (span["end"] - span["start"]) / 1e9
            service = str(span["service"]).removeprefix("gts-")
            error = "  [error]" if span["status"] == "ERROR" else ""
            lines.append(
                f"{start:8.3f} {took:8.3f}  {'  ' * depth}{service}: {span['name']}{error}"
            )
            walk(span["span_id"], depth + 1)

    walk(None, 0)
    return lines


def without_progress(spans: list[Span]) -> list[Span]:
    """`spans` less the progress events' spans and everything under them."""
    dropped = {s["span_id"] for s in spans if _is_progress(s)}
    while True:
        more = {s["span_id"] for s in spans if s["parent_id"] in dropped} - dropped
        if not more:
            return [s for s in spans if s["span_id"] not in dropped]
        dropped |= more


def _is_progress(span: Span) -> bool:
    attributes = span["attributes"]
    destination = str(attributes.get("messaging.destination.name", ""))
    return destination in PROGRESS_SUBJECTS or any(s in span["name"] for s in PROGRESS_SUBJECTS)
