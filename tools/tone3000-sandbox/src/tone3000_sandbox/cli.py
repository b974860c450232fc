"""`tone3000-sandbox --host 127.0.0.1 --port N`: serve the stand-in until stopped."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import uvicorn

from tone3000_sandbox.app import create_app
from tone3000_sandbox.settings import (
    DEFAULT_CLIENT_ID,
    DEFAULT_REDIRECT_PREFIXES,
    SandboxSettings,
)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="tone3000-sandbox", description="A local stand-in of the TONE3000 API v1."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8300)
    parser.add_argument(
        "--client-id", action="append", help=f"accepted client ids (default {DEFAULT_CLIENT_ID})"
    )
    parser.add_argument(
        "--redirect-prefix",
        action="append",
        help=f"registered redirect_uri prefixes (default {' '.join(DEFAULT_REDIRECT_PREFIXES)})",
    )
    parser.add_argument("--access-token-ttl", type=int, default=3600, help="seconds")
    parser.add_argument("--public-url", help="root URL clients see, when behind a proxy")
    parser.add_argument("--seed", type=int, default=3000)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Serve the sandbox with uvicorn."""
    args = parse_args(argv)
    settings = SandboxSettings(
        client_ids=tuple(args.client_id or (DEFAULT_CLIENT_ID,)),
        redirect_prefixes=tuple(args.redirect_prefix or DEFAULT_REDIRECT_PREFIXES),
        access_token_ttl_s=args.access_token_ttl,
        public_url=args.public_url,
        seed=args.seed,
    )
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
