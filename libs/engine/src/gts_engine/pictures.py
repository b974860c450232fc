"""Pictures: a 1920x1080 card per chain (Pillow) and a spectrum comparison plot (matplotlib)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")  # no display on servers; must precede pyplot

import matplotlib.pyplot as plt
from PIL import Image, ImageDraw, ImageFont

from gts_engine.metrics import ChainMetrics

WIDTH, HEIGHT = 1920, 1080
BACKGROUND = (18, 20, 26)
TEXT = (235, 235, 240)
MUTED = (150, 155, 170)
# distinct accents so a viewer (and a test reading frames) tells the chains apart at a glance
ACCENTS: tuple[tuple[int, int, int], ...] = (
    (230, 80, 60),
    (60, 150, 230),
    (90, 200, 110),
    (240, 190, 50),
    (180, 100, 220),
    (50, 200, 200),
    (240, 130, 180),
    (160, 160, 160),
)


def accent(index: int) -> tuple[int, int, int]:
    """The accent colour (RGB) of the chain at `index`."""
    return ACCENTS[index % len(ACCENTS)]


TITLE_SIZES = (110, 90, 72, 60, 50)
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
TITLE_WIDTH = WIDTH - 240


def fit_text(
    draw: ImageDraw.ImageDraw, text: str, sizes: Sequence[int], width: float
) -> tuple[str, Font]:
    """`text` at the largest of `sizes` that fits `width` pixels; cut with an ellipsis when
    even the smallest size is too wide."""
    for size in sizes:
        font = load_font(size)
        if draw.textlength(text, font=font) <= width:
            return text, font
    shown = text
    while shown and draw.textlength(shown + "…", font=font) > width:
        shown = shown[:-1]
    return shown.rstrip() + "…", font


@lru_cache(maxsize=64)
def load_font(size: int) -> Font:
    """The default font at `size` px (decoded once per size: loading it decodes it anew)."""
    return ImageFont.load_default(size=size)


def wrap(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: float,
) -> list[str]:
    """Split `text` into lines no wider than `width` pixels, at spaces."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current]


def _fmt(value: float | None, unit: str, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f} {unit}"


def metric_lines(m: ChainMetrics) -> list[str]:
    """The key metrics of a chain as short display lines."""
    bands = m.band_energy_db
    return [
        f"Loudness  {_fmt(m.integrated_lufs, 'LUFS')}",
        f"True peak  {_fmt(m.true_peak_dbtp, 'dBTP')}",
        f"Loudness range  {_fmt(m.loudness_range_lu, 'LU')}",
        f"Crest factor  {_fmt(m.crest_factor_db, 'dB')}",
        f"Spectral centroid  {_fmt(m.spectral_centroid_hz, 'Hz', 0)}",
        f"Low / mid / high  {bands['low']:.1f} / {bands['mid']:.1f} / {bands['high']:.1f} dB",
    ]


def draw_card(
    path: Path,
    index: int,
    title: str,
    block_lines: Sequence[str],
    metrics: ChainMetrics | None,
    footer: str = "",
) -> None:
    """Write a 1920x1080 PNG card: the chain's title, its blocks and its key metrics."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    colour = accent(index)
    draw.rectangle((0, 0, WIDTH, 40), fill=colour)
    draw.rectangle((0, HEIGHT - 40, WIDTH, HEIGHT), fill=colour)
    shown, title_font = fit_text(draw, title, TITLE_SIZES, TITLE_WIDTH)
    draw.text((120, 110), shown, font=title_font, fill=colour)
    y = 300
    if block_lines:
        draw.text((120, y), "Signal chain", font=load_font(44), fill=MUTED)
        y += 70
        font = load_font(40)
        for n, line in enumerate(block_lines, start=1):
            for k, part in enumerate(wrap(draw, f"{n}. {line}", font, 960)):
                draw.text((140 if k == 0 else 190, y), part, font=font, fill=TEXT)
                y += 54
            y += 8
    if metrics is not None:
        draw.text((1180, 300), "Measured", font=load_font(44), fill=MUTED)
        for i, line in enumerate(metric_lines(metrics)):
            draw.text((1200, 370 + i * 58), line, font=load_font(38), fill=TEXT)
    if footer:
        draw.text((120, HEIGHT - 120), footer, font=load_font(36), fill=MUTED)
    image.save(path, format="PNG", compress_level=1)  # 4x faster than 6, 20 % larger


LEGEND_CHARS = 60
FREQUENCY_TICKS_HZ = (31.5, 63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000)


def _hz(f: float) -> str:
    return f"{f / 1000:g}k" if f >= 1000 else f"{f:g}"


def plot_spectra(
    path: Path, names: Sequence[str], metrics: Sequence[ChainMetrics], title: str = ""
) -> None:
    """Write a 1920x1080 PNG: every chain's 1/3-octave spectrum, and its difference to the
    mean of every chain (the metrics' `third_octave_diff_db`)."""
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(19.2, 10.8), dpi=100, sharex=True, height_ratios=(2, 1)
    )
    try:
        for i, (name, m) in enumerate(zip(names, metrics, strict=True)):
            rgb = tuple(c / 255 for c in accent(i))
            label = name if len(name) <= LEGEND_CHARS else name[: LEGEND_CHARS - 1] + "…"
            top.semilogx(m.third_octave_hz, m.third_octave_db, color=rgb, lw=2.5, label=label)
            bottom.semilogx(m.third_octave_hz, m.third_octave_diff_db, color=rgb, lw=2.5)
        top.set_ylabel("band level (dB)")
        top.set_title(title or "1/3-octave spectrum (loudness-matched)")
        top.legend(loc="best")
        top.grid(True, which="both", alpha=0.3)
        bottom.axhline(0.0, color="black", lw=1, alpha=0.5)
        bottom.set_ylabel("vs. mean of all (dB)")
        bottom.set_xlabel("frequency (Hz)")
        bottom.set_xticks(FREQUENCY_TICKS_HZ, [_hz(f) for f in FREQUENCY_TICKS_HZ])
        bottom.minorticks_off()
        bottom.grid(True, which="both", alpha=0.3)
        # fixed margins for the fixed size and fonts: `tight_layout` would measure every
        # label first (a third of the plot's time) to find the same ones
        fig.subplots_adjust(left=0.035, right=0.985, top=0.965, bottom=0.055, hspace=0.06)
        fig.savefig(path, format="png", dpi=100, pil_kwargs={"compress_level": 1})
    finally:
        plt.close(fig)
