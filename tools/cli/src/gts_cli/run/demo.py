"""What `gts demo` does: the whole product flow against a running `gts up`, as a sandbox user."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from gts_cli import progress
from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import (
    create_shootout,
    download_outputs,
    import_gear,
    make_chain,
    render_and_follow,
    upload_di,
)
from gts_cli.synth_di import di_wav_bytes


def run(args: argparse.Namespace) -> int:
    """Run the demo; one line of cause and exit 1 on any failure."""
    out = args.out or Path(f"gts-demo-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        with GtsClient(args.url) as client:
            folder = demo(client, args.user, args.seconds, out)
    except (GtsError, RuntimeError, TimeoutError, OSError, httpx.HTTPError) as exc:
        print(f"\ngts demo: {exc}", file=sys.stderr)
        return 1
    print(f"results in {folder.resolve()}")
    return 0


def say(line: str) -> None:
    """One line of the demo's story on stderr."""
    print(f"gts demo: {line}", file=sys.stderr)


def demo(client: GtsClient, user: str, seconds: float, out: Path) -> Path:
    """Sign in, upload a DI, import two amps and an IR, build two chains, render, download."""
    me = client.sign_in(user)
    say(f"signed in as {me['username']}")
    di = upload_di(client, di_wav_bytes(seconds), "demo riff")
    say(f"uploaded DI '{di['name']}' ({di['duration_seconds']:.1f} s)")
    amps, irs = import_gear(client, amps=2, irs=1)
    say("imported " + ", ".join(g["name"] for g in [*amps, *irs]))
    chains = [make_chain(client, amp, irs[0]) for amp in amps]
    say("chains: " + " | ".join(c["name"] for c in chains))
    shootout = create_shootout(
        client, "gts demo", [di["id"]], [c["id"] for c in chains], visibility="unlisted"
    )

    def on_event(event: dict[str, Any]) -> None:
        if event.get("event") == "progress":
            progress.show(str(event.get("stage")), float(event.get("percent", 0.0)))
        elif event.get("event") == "completed":
            progress.show("done", 100.0, done=True)

    job_id, events = render_and_follow(client, shootout["id"], on_event)
    final = events[-1] if events else {}
    if final.get("event") != "completed" and final.get("job", {}).get("status") != "completed":
        reason = final.get("reason") or final.get("job", {}).get("reason") or final.get("event")
        raise RuntimeError(f"render job {job_id} did not complete: {reason}")
    files = download_outputs(client, shootout["id"], out)
    say(f"downloaded {len(files)} files")
    return out
