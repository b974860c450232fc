"""The sandbox's users, tones and model files, synthesized and deterministic."""

from tone3000_sandbox.library.build import build_library
from tone3000_sandbox.library.records import Library, SandboxModel, SandboxTone, SandboxUser

__all__ = ["Library", "SandboxModel", "SandboxTone", "SandboxUser", "build_library"]
