"""The listening results as one self-contained SVG picture, to embed or share.

Per chain: how often it was the favourite (bar, 95 % Wilson interval as a whisker, "k of n")
and its mean rating 0-100 (bar, 95 % Student's t interval). Built as an element tree, so
every name is escaped; no external fonts, images or links. Dark text on white, bars in the
Okabe-Ito blue and orange, which colour-blind readers tell apart.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from shootouts.listening.schemas import ChainResult, Estimate, ListeningResults

WIDTH = 1200  # px
MARGIN = 40
HEADER = 150  # title, summary, panel headings and axis labels
ROW = 56
FOOTER = 64
NAME_CHARS = 28

INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#d9d9d9"
SHARE = "#0072B2"  # Okabe-Ito blue
RATING = "#E69F00"  # Okabe-Ito orange
DASH = "\u2013"  # en dash, between the ends of a range
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# Panels: (left x, width) in px; each axis runs 0..100 (percent or rating points).
SHARE_PANEL = (350.0, 320.0)
RATING_PANEL = (850.0, 220.0)


def results_svg(name: str, results: ListeningResults) -> str:
    """The picture of `results` for the shootout `name`, as SVG text (UTF-8 XML)."""
    rows = len(results.chains)
    height = HEADER + (rows * ROW + FOOTER if rows else 30)
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(WIDTH),
            "height": str(height),
            "viewBox": f"0 0 {WIDTH} {height}",
            "font-family": FONT,
            "role": "img",
        },
    )
    ET.SubElement(svg, "title").text = f"Listening results: {name}"
    ET.SubElement(svg, "rect", width="100%", height="100%", fill="#ffffff")
    _text(svg, MARGIN, 52, _clip(name, 60), size=28, weight="700")
    abx = sum(pair.sessions for pair in results.pairs)
    summary = f"{_count(results.votes, 'blind vote')} · {_count(abx, 'finished ABX run')}"
    _text(svg, MARGIN, 84, summary, size=16, fill=MUTED)
    if not rows:
        _text(svg, MARGIN, HEADER, "No votes yet: the picture fills in as listeners vote.", size=20)
        return ET.tostring(svg, encoding="unicode")
    _headings(svg)
    for index, chain in enumerate(results.chains):
        _row(svg, HEADER + index * ROW, chain)
    _text(
        svg,
        MARGIN,
        height - 28,
        "Bars: estimates. Whiskers: 95 % intervals (Wilson for the favourite share, "
        "Student's t for the mean rating).",
        size=14,
        fill=MUTED,
    )
    return ET.tostring(svg, encoding="unicode")


def _headings(svg: ET.Element) -> None:
    for (left, width), heading in (
        (SHARE_PANEL, "Favourite share (%)"),
        (RATING_PANEL, f"Mean rating (0{DASH}100)"),
    ):
        _text(svg, left, 118, heading, size=16, weight="600")
        for tick in (0, 25, 50, 75, 100):
            x = left + width * tick / 100
            _line(svg, x, HEADER - 14, x, HEADER + 0, GRID)
            _text(svg, x, 140, str(tick), size=12, fill=MUTED, anchor="middle")


def _row(svg: ET.Element, top: float, chain: ChainResult) -> None:
    middle = top + ROW / 2
    label = _text(svg, MARGIN, middle + 6, _clip(chain.name, NAME_CHARS), size=18)
    ET.SubElement(label, "title").text = chain.name
    if top > HEADER:
        _line(svg, MARGIN, top, WIDTH - MARGIN, top, "#eeeeee")
    for left, width in (SHARE_PANEL, RATING_PANEL):
        for tick in (0, 25, 50, 75, 100):
            x = left + width * tick / 100
            _line(svg, x, top, x, top + ROW, GRID)
    share = chain.favourite_share
    _bar(svg, SHARE_PANEL, middle, _scaled(share, 100), SHARE)
    percent = round(share.estimate * 100)
    count = f"{chain.favourite} of {chain.votes} · {percent} %"
    _text(svg, SHARE_PANEL[0] + SHARE_PANEL[1] + 14, middle + 6, count, size=16)
    rating = chain.mean_rating
    if rating is None:
        _text(svg, RATING_PANEL[0], middle + 6, "not rated", size=16, fill=MUTED)
        return
    _bar(svg, RATING_PANEL, middle, _scaled(rating, 1), RATING)
    mean = f"{rating.estimate:.0f} ({max(rating.low, 0):.0f}{DASH}{min(rating.high, 100):.0f})"
    _text(svg, RATING_PANEL[0] + RATING_PANEL[1] + 14, middle + 6, mean, size=16)


def _scaled(estimate: Estimate, factor: float) -> Estimate:
    """`estimate` on the 0..100 axis, its interval clipped to the axis."""
    return Estimate(
        estimate=min(max(estimate.estimate * factor, 0.0), 100.0),
        low=min(max(estimate.low * factor, 0.0), 100.0),
        high=min(max(estimate.high * factor, 0.0), 100.0),
    )


def _bar(
    svg: ET.Element, panel: tuple[float, float], middle: float, value: Estimate, colour: str
) -> None:
    """A bar from 0 to the estimate, and a whisker with caps over its interval."""
    left, width = panel

    def at(value_on_axis: float) -> float:
        return left + width * value_on_axis / 100

    ET.SubElement(
        svg,
        "rect",
        x=_n(left),
        y=_n(middle - 10),
        width=_n(max(at(value.estimate) - left, 1.5)),
        height="20",
        rx="2",
        fill=colour,
    )
    low, high = at(value.low), at(value.high)
    _line(svg, low, middle, high, middle, INK, 2)
    for x in (low, high):
        _line(svg, x, middle - 8, x, middle + 8, INK, 2)


def _text(
    svg: ET.Element,
    x: float,
    y: float,
    content: str,
    *,
    size: int,
    fill: str = INK,
    weight: str = "400",
    anchor: str = "start",
) -> ET.Element:
    element = ET.SubElement(
        svg,
        "text",
        {
            "x": _n(x),
            "y": _n(y),
            "font-size": str(size),
            "font-weight": weight,
            "fill": fill,
            "text-anchor": anchor,
        },
    )
    element.text = content
    return element


def _line(
    svg: ET.Element, x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 1
) -> None:
    ET.SubElement(
        svg,
        "line",
        {
            "x1": _n(x1),
            "y1": _n(y1),
            "x2": _n(x2),
            "y2": _n(y2),
            "stroke": colour,
            "stroke-width": _n(width),
        },
    )


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
