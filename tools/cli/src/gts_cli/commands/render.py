"""`gts render`: render a shootout offline from a DI and chains of .nam captures and .wav IRs."""

from __future__ import annotations

import argparse
from pathlib import Path

from gts_cli.runner import runner

_EPILOG = """\
chain items, in signal order: a .nam capture, a .wav cab IR, or a built-in effect
written effect:NAME[:PARAM=VALUE...] (noise_gate, compressor, eq, delay, reverb, gain).
A capture whose metadata gear_type includes a cab (amp_cab, amp_pedal_cab) is a full rig
and takes no IR; one of a pedal or studio gear (pedal, studio) goes before the amp. Example:
  gts render --di di.wav --chain "JCM=effect:noise_gate:threshold_db=-60,jcm800.nam,v30.wav" \\
             --chain "Mesa=mesa.nam,mesa.wav" -o out/
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `gts render` to the `gts` parser."""
    parser = subparsers.add_parser(
        "render",
        help="render a loudness-matched A/B shootout offline",
        description="Render every chain from the DI, loudness-match them and write the "
        "per-chain FLACs, the A/B montage (FLAC, M4A, MP4 with its thumbnail and "
        "youtube.txt), pictures and manifest.json.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--di", required=True, type=Path, help="the DI recording (WAV, FLAC, AIFF, OGG or MP3)"
    )
    parser.add_argument(
        "--chain",
        required=True,
        action="append",
        metavar="NAME=ITEM[,ITEM...]",
        help="a signal chain; repeat for each chain",
    )
    parser.add_argument(
        "--channel",
        choices=("left", "right", "mix"),
        default="left",
        help="the DI's guitar channel: left, right or mix (their mean); a mono DI ignores it",
    )
    parser.add_argument("-o", "--output", required=True, type=Path, help="new output folder")
    parser.add_argument(
        "--start", type=float, default=0.0, help="the passage to compare starts here (s)"
    )
    parser.add_argument(
        "--end", type=float, default=None, help="...and ends here (s; default: the DI's end)"
    )
    parser.add_argument(
        "--montage",
        choices=("alternate", "sequence"),
        default="alternate",
        help="alternate: every chain in turn in each window; sequence: each chain over the "
        "whole passage in turn",
    )
    parser.add_argument(
        "--rounds", type=int, default=1, choices=(1, 2), help="sequence: go round once or twice"
    )
    parser.add_argument(
        "--full-renders", action="store_true", help="also keep each chain's whole-DI render"
    )
    parser.add_argument("--segment-seconds", type=float, default=4.0, help="montage window (s)")
    parser.add_argument("--target-lufs", type=float, default=-14.0, help="loudness (LUFS)")
    parser.add_argument("--blind", action="store_true", help="label chains A, B, C... shuffled")
    parser.add_argument("--seed", type=int, default=None, help="blind shuffle seed")
    parser.add_argument("--normalize-ir", action="store_true", help="scale IRs to unit energy")
    parser.add_argument("--no-video", action="store_true", help="skip the MP4")
    parser.add_argument("--no-pictures", action="store_true", help="skip the PNG cards and plot")
    parser.set_defaults(run=runner("gts_cli.run.render"))
