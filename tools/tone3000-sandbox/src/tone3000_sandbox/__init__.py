"""A faithful local stand-in of the TONE3000 API v1, for tests and the local stack."""

from tone3000_sandbox.app import create_app
from tone3000_sandbox.runner import RunningSandbox, run_sandbox, sandbox_process
from tone3000_sandbox.settings import DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_PREFIXES, SandboxSettings

__all__ = [
    "DEFAULT_CLIENT_ID",
    "DEFAULT_REDIRECT_PREFIXES",
    "RunningSandbox",
    "SandboxSettings",
    "create_app",
    "run_sandbox",
    "sandbox_process",
]
