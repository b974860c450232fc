from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from gts_engine.montage import build_montage, equal_power_fades, find_cut_points

RATE = 48_000


def _bursty(seconds: float, gaps: list[float], seed: int = 0) -> np.ndarray:
    """Loud noise with 60 ms near-silent gaps centred on `gaps` (seconds)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(int(seconds * RATE)).astype(np.float32) * 0.3
    for g in gaps:
        a, b = int((g - 0.03) * RATE), int((g + 0.03) * RATE)
        x[a:b] *= 0.001
    return x


def test_cuts_land_in_the_quiet_gaps_near_each_nominal_point() -> None:
    gaps = [3.4, 8.1, 11.6]  # each within 1 s of the previous cut + 4 s
    chains = [_bursty(16.0, gaps, seed) for seed in (1, 2)]
    cuts = find_cut_points(chains, RATE, 4.0)
    assert len(cuts) == 3
    for cut, gap in zip(cuts, gaps, strict=True):
        assert abs(cut / RATE - gap) < 0.03


def test_short_tail_joins_the_last_window() -> None:
    chains = [_bursty(9.0, [])]
    cuts = find_cut_points(chains, RATE, 4.0)
    assert len(cuts) == 1  # 4 s + ~5 s: a 1 s tail would be too short for its own window


def test_fades_are_equal_power() -> None:
    fade_in, fade_out = equal_power_fades(480)
    np.testing.assert_allclose(fade_in.astype(np.float64) ** 2 + fade_out**2, 1.0, atol=1e-6)
    assert fade_in[0] < 0.01
    assert fade_out[-1] < 0.01


def test_montage_crossfades_keep_power_constant_across_each_switch() -> None:
    n = 10 * RATE
    ones, zeros = np.ones(n, dtype=np.float32), np.zeros(n, dtype=np.float32)
    montage = build_montage([ones, zeros], ["a", "b"], RATE, 4.0)
    first = montage.audio
    second = build_montage([zeros, ones], ["a", "b"], RATE, 4.0).audio
    power = first.astype(np.float64) ** 2 + second.astype(np.float64) ** 2
    np.testing.assert_allclose(power, 1.0, atol=1e-5)
    # inside crossfades both are partly on; half-way through a fade each is at -3 dB
    middle = np.flatnonzero((first > 0.05) & (second > 0.05))
    switches = len(montage.timeline) - 1
    assert 400 <= middle.shape[0] / switches <= 480  # about 10 ms per switch
    for entry in montage.timeline[1:]:
        # the timeline's switch point is the centre of the fade: both at -3 dB
        assert first[entry.start] == pytest.approx(np.sqrt(0.5), abs=0.01)
        assert second[entry.start] == pytest.approx(np.sqrt(0.5), abs=0.01)


def test_timeline_covers_the_montage_and_plays_each_chain_once_per_window() -> None:
    chains = [_bursty(13.0, [4.2, 8.0], s) for s in range(3)]
    m = build_montage(chains, ["x", "y", "z"], RATE, 4.0)
    crossfade = 480
    assert m.audio.shape[0] == 3 * chains[0].shape[0] - (len(m.timeline) - 1) * crossfade
    assert m.timeline[0].start == 0
    assert m.timeline[-1].end == m.audio.shape[0]
    for before, after in zip(m.timeline, m.timeline[1:], strict=False):
        assert before.end == after.start
    per_window = Counter((e.window, e.chain) for e in m.timeline)
    assert set(per_window.values()) == {1}
    assert [e.chain for e in m.timeline[:3]] == [0, 1, 2]
    # away from the switch points the montage is exactly the chain's own render
    for e in m.timeline:
        mid = slice(e.start + 600, e.end - 600)
        src = slice(e.source_start + 600, e.source_end - 600)
        np.testing.assert_array_equal(m.audio[mid], chains[e.chain][src])


def test_blind_montage_labels_chains_and_its_key_maps_labels_back() -> None:
    n = 12 * RATE
    names = ["Marshall", "Mesa", "Fender", "Vox"]
    chains = [np.full(n, 0.1 * (i + 1), dtype=np.float32) for i in range(len(names))]
    m = build_montage(chains, names, RATE, 4.0, blind=True, seed=7)
    assert m.blind_key is not None
    assert sorted(m.blind_key) == ["A", "B", "C", "D"]
    assert sorted(m.blind_key.values()) == sorted(names)
    orders = [tuple(e.chain for e in m.timeline if e.window == w) for w in range(len(m.windows))]
    assert len(set(orders)) > 1  # shuffled per window
    for e in m.timeline:
        level = float(m.audio[(e.start + e.end) // 2])
        heard = names[round(level / 0.1) - 1]
        assert m.blind_key[e.label] == heard


def test_blind_shuffle_is_reproducible_with_a_seed() -> None:
    chains = [np.ones(9 * RATE, dtype=np.float32)] * 3
    a = build_montage(chains, ["1", "2", "3"], RATE, 3.0, blind=True, seed=3)
    b = build_montage(chains, ["1", "2", "3"], RATE, 3.0, blind=True, seed=3)
    assert a.timeline == b.timeline
    assert a.blind_key == b.blind_key


def test_empty_chain_list_is_rejected() -> None:
    with pytest.raises(ValueError, match="chains"):
        build_montage([], [], RATE)


@pytest.mark.parametrize("seconds", [0.015, 3.0])  # fades that overlap within a piece, or not
def test_montage_is_the_sum_of_its_faded_pieces(seconds: float) -> None:
    rng = np.random.default_rng(5)
    chains = [rng.standard_normal(round(seconds * RATE)).astype(np.float32) for _ in range(3)]
    m = build_montage(chains, ["a", "b", "c"], RATE, mode="sequence", rounds=2)
    xf = 480
    fade_in, fade_out = equal_power_fades(xf)
    expected = np.zeros(m.audio.shape[0], dtype=np.float32)
    at = 0
    for p, c in enumerate([0, 1, 2, 0, 1, 2]):
        piece = chains[c].copy()
        if p > 0:
            piece[:xf] *= fade_in
        if p < 5:
            piece[-xf:] *= fade_out
        expected[at : at + piece.shape[0]] += piece
        at += piece.shape[0] - xf
    np.testing.assert_array_equal(m.audio, expected)
