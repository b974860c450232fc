"""What `gts bench shootout` does: one 8-chain shootout through the services and offline.

A fresh local stack is started; a sandbox user uploads a generated 60 s DI, imports 4 amps
and 2 IRs from the TONE3000 sandbox and builds the 4 x 2 chains. The service path is timed
as a client sees it (submit to the completed event on the WebSocket); the offline path runs
`gts render` on the same files. Both print, with their ratio.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gts_cli.client import GtsClient
from gts_cli.flow import create_shootout, import_gear, make_chain, render_and_follow, upload_di
from gts_cli.stack.processes import venv_bin
from gts_cli.stack.stack import Stack, StackConfig
from gts_cli.synth_di import di_wav_bytes
from gts_kit.local.ports import free_port


def run(args: argparse.Namespace) -> int:
    """Start a stack, build the shootout, time both paths, print the figures."""
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
                stages: dict[str, float] = {}

                def seen(event: dict[str, object]) -> None:
                    stage = str(event.get("stage") or event.get("event"))
                    stages.setdefault(stage, time.perf_counter() - started)

                _, events = render_and_follow(client, shootout["id"], seen)
                service_seconds = time.perf_counter() - started
                if events[-1].get("event") != "completed":
                    print(f"gts bench shootout: render ended {events[-1]}", file=sys.stderr)
                    return 1
                files = _download_gear(client, [*amps, *irs], work / "gear")
            (work / "di.wav").write_bytes(wav)
        chain_args = [
            f"{i}={files[amp['id']]},{files[ir['id']]}"
            for i, (amp, ir) in enumerate(((a, r) for a in amps for r in irs), start=1)
        ]
        command = [venv_bin("gts"), "render", "--di", str(work / "di.wav"), "-o", str(work / "out")]
        for chain in chain_args:
            command += ["--chain", chain]
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        offline_seconds = time.perf_counter() - started
    ratio = service_seconds / offline_seconds
    print(f"shootout: {len(chains)} chains ({args.amps} amps x {args.irs} IRs), "
          f"{args.seconds:.0f} s DI, video and pictures")  # fmt: skip
    print(f"  services (submit -> completed, via gateway + WebSocket): {service_seconds:7.2f} s")
    print(f"  offline (gts render):                                   {offline_seconds:7.2f} s")
    print(f"  ratio services / offline: {ratio:.2f}x (target <= 1.50x)")
    print("  service stages first seen at: "
          + ", ".join(f"{name} {at:.1f} s" for name, at in stages.items()))  # fmt: skip
    return 0


def _download_gear(client: GtsClient, items: list[dict[str, str]], folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for item in items:
        suffix = ".nam" if item.get("format") == "nam" else ".wav"
        path = folder / f"{item['id']}{suffix}"
        path.write_bytes(client.request("GET", f"/api/v1/gear/{item['id']}/file").content)
        paths[item["id"]] = path
    return paths
