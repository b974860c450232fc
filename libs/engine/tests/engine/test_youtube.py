"""youtube.txt: title, chain lines, and a chapter per chain where it first plays."""

from __future__ import annotations

import numpy as np

from gts_engine.montage import TimelineEntry, build_montage
from gts_engine.video import VideoChain, youtube_text
from gts_engine.video.youtube import chapter_time

RATE = 48_000


def _chapters(text: str) -> list[str]:
    return text.split("Chapters:\n", 1)[1].strip().splitlines()


def test_chapter_times_use_hours_only_past_an_hour() -> None:
    assert chapter_time(0) == "0:00"
    assert chapter_time(65) == "1:05"
    assert chapter_time(3599) == "59:59"
    assert chapter_time(3600 + 62) == "1:01:02"


def test_chapters_are_each_chains_first_switch_rounded_to_the_second() -> None:
    rng = np.random.default_rng(1)
    waves = [rng.standard_normal(6 * RATE).astype(np.float32) * 0.2 for _ in range(3)]
    montage = build_montage(waves, ["Clean", "Crunch", "Lead"], RATE, 2.0)
    chains = [VideoChain(n, [f"Amp {n}", "Cab 1x12"], i) for i, n in enumerate(montage.labels)]
    text = youtube_text("Three amps", chains, montage.timeline, RATE)
    lines = text.splitlines()
    assert lines[0] == "Three amps"
    assert lines[1] == ""
    assert lines[2:5] == [
        "Clean: Amp Clean; Cab 1x12",
        "Crunch: Amp Crunch; Cab 1x12",
        "Lead: Amp Lead; Cab 1x12",
    ]
    firsts = [next(e.start for e in montage.timeline if e.chain == c) for c in range(3)]
    expected = [
        f"{chapter_time(round(s / RATE))} {n}" for s, n in zip(firsts, montage.labels, strict=True)
    ]
    assert _chapters(text) == expected
    assert _chapters(text)[0] == "0:00 Clean"


def test_blind_text_names_only_letters_and_chapters_follow_play_order() -> None:
    hour = 3600 * RATE
    timeline = [
        TimelineEntry(1, "C", 0, 0, hour + 10 * RATE, 0, hour),
        TimelineEntry(0, "A", 0, hour + 10 * RATE, hour + 70 * RATE + 2 * RATE // 5, 0, 60 * RATE),
        TimelineEntry(2, "B", 0, hour + 70 * RATE + 2 * RATE // 5, hour + 80 * RATE, 0, 10 * RATE),
    ]
    chains = [VideoChain("A", [], 0), VideoChain("C", [], 1), VideoChain("B", [], 2)]
    text = youtube_text("Blind test", chains, timeline, RATE)
    assert text.splitlines()[2:5] == ["A", "B", "C"]
    assert _chapters(text) == ["0:00 C", "1:00:10 A", "1:01:10 B"]  # 1:01:10.4
