"""What `gts bench shootout` does: one 8-chain shootout through the services, stage by stage,
side by side with NAM Core's `render` over the same amps.

A fresh local stack is started; a sandbox user uploads a generated 60 s DI, imports 4 amps
and 2 IRs from the TONE3000 sandbox and builds the 4 x 2 chains. The service path is timed
as a client sees it (submit to the completed event on the WebSocket); the render's own stage
times come from its manifest. With `--nam-core PATH`, NAM Core's `render` then runs the 4
amps over the same DI one after another on one thread, and the ratio is printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from gts_cli.client import GtsClient
from gts_cli.flow import create_shootout, import_gear, make_chain, render_and_follow, upload_di
from gts_cli.run.trace import read_spans, tree_lines, without_progress
from gts_cli.stack.stack import Stack, StackConfig
from gts_cli.synth_di import di_wav_bytes
from gts_kit.local.ports import free_port

# the engine's stages in the order they run (from the manifest), and what each figure is
_STAGES = {
    "amp": "wall, until the last amp is done",
    "cab": "CPU, on threads beside the amps",
    "loudness": "CPU, on threads beside the amps: BS.1770, true peak, spectrum",
    "matching": "wall, after the amps: the gains and each chain's metrics",
    "montage": "wall: the montage and its FLAC, each chain's FLAC",
    "pictures": "wall: each chain's card and the spectrum plot",
    "video": "wall: its frames, the rest of the AAC encode, the M4A and MP4",
}


def run(args: argparse.Namespace) -> int:
    """Start a stack, build the shootout, time it, print the figures."""
    with tempfile.TemporaryDirectory(prefix="gts-bench-") as tmp:
        work = Path(tmp)
        config = StackConfig(home=work / "stack", gateway_port=free_port(), log_level="WARNING")
        with Stack(config, say=lambda line: print(f"  {line}", file=sys.stderr)) as stack:
            with GtsClient(stack.gateway_url, timeout=120) as client:
                client.sign_in("alice")
                wav = di_wav_bytes(args.seconds)
                di = upload_di(client, wav, "bench riff")
                amps, irs = import_gear(client, amps=args.amps, irs=args.irs)
                chains = [make_chain(client, amp, ir) for amp in amps for ir in irs]
                shootout = create_shootout(client, "bench", [di["id"]], [c["id"] for c in chains])
                started = time.perf_counter()
                seen: dict[str, float] = {}

                def on_event(event: dict[str, object]) -> None:
                    stage = str(event.get("stage") or event.get("event"))
                    seen.setdefault(stage, time.perf_counter() - started)

                job_id, events = render_and_follow(client, shootout["id"], on_event)
                service_seconds = time.perf_counter() - started
                if events[-1].get("event") != "completed":
                    print(f"gts bench shootout: render ended {events[-1]}", file=sys.stderr)
                    return 1
                manifest = _manifest(client, shootout["id"])
                amp_files = _download(client, amps, work / "gear")
            (work / "di.wav").write_bytes(wav)
        trace = _trace(config.home / "traces", job_id) if args.trace else []
        nam_core = _nam_core_seconds(args.nam_core, amp_files, work) if args.nam_core else None
    _print(args, len(chains), service_seconds, manifest, seen, nam_core)
    for line in trace:
        print(line)
    return 0


def _trace(folder: Path, job_id: str) -> list[str]:
    """The job's span tree without its progress events (the stack has stopped: every
    service has written its spans)."""
    spans = list(read_spans(folder))
    traces = {s["trace_id"] for s in spans if s["attributes"].get("gts.job_id") == job_id}
    members = [s for s in spans if s["trace_id"] in traces]
    return tree_lines(without_progress(members))


def _print(
    args: argparse.Namespace,
    chains: int,
    service: float,
    manifest: dict[str, Any],
    seen: dict[str, float],
    nam_core: float | None,
) -> None:
    timings = manifest.get("timings", {})
    montage = manifest.get("montage", {})
    print(f"shootout: {chains} chains ({args.amps} amps x {args.irs} IRs), "
          f"{args.seconds:.0f} s DI, {montage.get('mode', '?')} montage of "
          f"{montage.get('seconds', 0.0):.1f} s, video and pictures")  # fmt: skip
    print(f"  services, submit -> completed (gateway + WebSocket): {service:7.2f} s")
    print("  render stages (the amps run side by side with the cabs and measures):")
    for stage, what in _STAGES.items():
        if stage in timings:
            print(f"    {stage:<9} {timings[stage]:6.2f} s  {what}")
    print(f"    engine total {timings.get('total', 0.0):6.2f} s")
    if "upload" in seen and "completed" in seen:
        print(f"    upload    {seen['completed'] - seen['upload']:6.2f} s (to the completed event)")
    print("  events first seen at: " + ", ".join(f"{k} {v:.1f} s" for k, v in seen.items()))
    if nam_core is not None:
        print(f"  NAM Core render, the {args.amps} amps one after another, one thread: "
              f"{nam_core:7.2f} s")  # fmt: skip
        print(f"  ratio services / NAM Core: {service / nam_core:.2f} (target <= 1.0, aim 0.5)")


def _manifest(client: GtsClient, shootout_id: str) -> dict[str, Any]:
    view = client.get(f"/api/v1/shootouts/{shootout_id}")
    output = next(r for r in view["results"] if r["kind"] == "manifest")
    data: dict[str, Any] = json.loads(client.request("GET", output["url"]).content)
    return data


def _download(client: GtsClient, items: list[dict[str, str]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in items:
        path = folder / f"{item['id']}.nam"
        path.write_bytes(client.request("GET", f"/api/v1/gear/{item['id']}/file").content)
        paths.append(path)
    return paths


def _nam_core_seconds(render: Path, amps: list[Path], work: Path) -> float:
    """NAM Core's `render` over the DI with each amp in turn (its own single thread)."""
    started = time.perf_counter()
    for n, amp in enumerate(amps):
        subprocess.run(
            [str(render), str(amp), str(work / "di.wav"), str(work / f"nam-core-{n}.wav")],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - started
