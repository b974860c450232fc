"""The pictures of the video (Pillow): one 1920x1080 scene per chain, and the thumbnail.

A scene shows the title, the chain's card (its label and description lines), the list of
every chain with this one highlighted, and the passage's waveform under a flat strip of
the chain's accent. The band and the strip sit on the 16-pixel macroblock grid so the
playhead frames can copy strip pixels over the waveform (see `h264_motion`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw

from gts_engine.pictures import (
    BACKGROUND,
    HEIGHT,
    MUTED,
    TEXT,
    WIDTH,
    accent,
    fit_text,
    load_font,
    wrap,
)

Colour = tuple[int, int, int]
BAND_LEFT, BAND_RIGHT = 64, 1856  # luma columns, macroblock-aligned
BAND_TOP, BAND_BOTTOM = 816, 976  # macroblock rows 51..60
STRIP_TOP = BAND_TOP - 16  # one macroblock row of flat playhead colour just above the band
PLAYHEAD_TARGET_Y = STRIP_TOP + 4  # 8 rows clear of the strip's deblocked edges
BAND_COLOUR = (28, 31, 40)
CARD_RIGHT = 1120
LIST_LEFT, LIST_RIGHT, LIST_TOP, LIST_BOTTOM = 1240, 1800, 240, 770
THUMB_WIDTH, THUMB_HEIGHT = 1280, 720


@dataclass(frozen=True, slots=True)
class VideoChain:
    """A chain as the video shows it."""

    label: str  # chain name, or its letter when blind
    lines: list[str]  # card lines (blocks, levels); [] when blind
    colour: int  # accent index


def _mix(colour: Colour, base: Colour, amount: float) -> Colour:
    r, g, b = (round(c * amount + k * (1 - amount)) for c, k in zip(colour, base, strict=True))
    return r, g, b


def waveform_peaks(waveform: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The peak magnitude of the waveform in each of the band's pixel columns."""
    columns = BAND_RIGHT - BAND_LEFT
    if waveform.shape[0] == 0:
        return np.zeros(columns, dtype=np.float32)
    edges = np.minimum(np.arange(columns) * waveform.shape[0] // columns, waveform.shape[0] - 1)
    return np.maximum.reduceat(np.abs(waveform), edges).astype(np.float32)


def _band(peaks: npt.NDArray[np.float32], scale: float, colour: Colour) -> Image.Image:
    height = BAND_BOTTOM - BAND_TOP
    half = np.round(np.clip(peaks / max(scale, 1e-9), 0.0, 1.0) * (height / 2 - 8))
    rows = np.abs(np.arange(height) - (height - 1) / 2)[:, None]
    mask = rows <= np.maximum(half, 0.5)[None, :]
    tint = np.array(_mix(colour, BAND_COLOUR, 0.5), dtype=np.uint8)
    band = np.where(mask[:, :, None], tint, np.array(BAND_COLOUR, dtype=np.uint8))
    return Image.fromarray(band.astype(np.uint8), "RGB")


def _card(draw: ImageDraw.ImageDraw, chain: VideoChain, colour: Colour, blind: bool) -> None:
    label, font = fit_text(draw, chain.label, (110, 96, 80, 64, 52), CARD_RIGHT - 120)
    draw.text((120, 170), label, font=font, fill=colour)
    if blind:
        draw.text(
            (120, 330), "Blind comparison: which one is which?", font=load_font(40), fill=MUTED
        )
        return
    draw.text((120, 320), "Signal chain", font=load_font(38), fill=MUTED)
    font, y, step = load_font(34), 380, 46
    lines = [
        (k, part)
        for n, line in enumerate(chain.lines, start=1)
        for k, part in enumerate(wrap(draw, f"{n}. {line}", font, CARD_RIGHT - 190))
    ]
    room = (LIST_BOTTOM - y) // step
    if len(lines) > room:
        lines = [*lines[: room - 1], (0, "…")]
    for k, part in lines:
        draw.text((140 if k == 0 else 180, y), part, font=font, fill=TEXT)
        y += step


def _chain_list(draw: ImageDraw.ImageDraw, chains: Sequence[VideoChain], playing: int) -> None:
    draw.text((LIST_LEFT, 170), "Chains", font=load_font(38), fill=MUTED)
    row = min(64, (LIST_BOTTOM - LIST_TOP) // max(len(chains), 1))
    size = max(12, round(row * 0.55))
    for i, chain in enumerate(chains):
        y = LIST_TOP + i * row
        colour = accent(chain.colour)
        swatch = (LIST_LEFT + 12, y + row // 4, LIST_LEFT + 12 + row // 2, y + row // 4 + row // 2)
        if i == playing:
            draw.rounded_rectangle((LIST_LEFT, y, LIST_RIGHT, y + row - 4), row // 5, fill=colour)
            draw.rectangle(swatch, fill=BACKGROUND)
        else:
            draw.rectangle(swatch, fill=colour)
        sizes = (size, round(size * 0.85), round(size * 0.72))
        text, font = fit_text(draw, chain.label, sizes, LIST_RIGHT - LIST_LEFT - row - 24)
        fill = BACKGROUND if i == playing else TEXT
        draw.text((LIST_LEFT + row + 8, y + (row - 4) / 2), text, font=font, fill=fill, anchor="lm")


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def draw_scene(
    title: str,
    chains: Sequence[VideoChain],
    playing: int,
    peaks: npt.NDArray[np.float32],
    scale: float,
    passage_seconds: float,
    *,
    blind: bool,
) -> Image.Image:
    """The 1920x1080 RGB picture shown while chain `playing` plays (no playhead: the P
    frames draw it). `peaks` are its waveform's column peaks, drawn relative to `scale`."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    colour = accent(chains[playing].colour)
    draw.rectangle((0, 0, WIDTH - 1, 39), fill=colour)
    draw.rectangle((0, HEIGHT - 40, WIDTH - 1, HEIGHT - 1), fill=colour)
    shown, font = fit_text(draw, title, (60, 52, 44, 36), WIDTH - 240)
    draw.text((120, 70), shown, font=font, fill=MUTED)
    _card(draw, chains[playing], colour, blind)
    _chain_list(draw, chains, playing)
    draw.rectangle((BAND_LEFT, STRIP_TOP, BAND_RIGHT - 1, BAND_TOP - 1), fill=colour)
    image.paste(_band(peaks, scale, colour), (BAND_LEFT, BAND_TOP))
    small = load_font(28)
    draw.text((BAND_LEFT, BAND_BOTTOM + 12), "0:00", font=small, fill=MUTED)
    end = _clock(passage_seconds)
    draw.text((BAND_RIGHT, BAND_BOTTOM + 12), end, font=small, fill=MUTED, anchor="ra")
    return image


def draw_thumbnail(title: str, chains: Sequence[VideoChain], path: Path) -> None:
    """Write a 1280x720 thumbnail (format from the suffix): the title and every chain's label
    in its accent."""
    image = Image.new("RGB", (THUMB_WIDTH, THUMB_HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    stripe = THUMB_WIDTH / max(len(chains), 1)
    for i, chain in enumerate(chains):
        box = (round(i * stripe), 0, round((i + 1) * stripe) - 1, 23)
        draw.rectangle(box, fill=accent(chain.colour))
    lines = wrap(draw, title, load_font(80), THUMB_WIDTH - 160)[:2]
    y = 70
    for line in lines:
        shown, font = fit_text(draw, line, (80, 64, 52), THUMB_WIDTH - 160)
        draw.text((80, y), shown, font=font, fill=TEXT)
        y += 96
    columns = 1 if len(chains) <= 5 else 2
    per_column = -(-len(chains) // columns)
    row = min(84, (THUMB_HEIGHT - 40 - y - 20) // max(per_column, 1))
    width = (THUMB_WIDTH - 160) // columns - 40
    for i, chain in enumerate(chains):
        x0, y0 = 80 + (i // per_column) * (width + 40), y + 30 + (i % per_column) * row
        colour = accent(chain.colour)
        draw.rectangle((x0, y0 + row // 5, x0 + row // 2, y0 + row // 5 + row // 2), fill=colour)
        sizes = (round(row * 0.7), round(row * 0.55), round(row * 0.45))
        text, font = fit_text(draw, chain.label, sizes, width - row)
        draw.text(
            (x0 + row // 2 + 24, y0 + row // 5 + row // 4),
            text,
            font=font,
            fill=colour,
            anchor="lm",
        )
    image.save(path)
