"""Which TONE3000 models GTS can run, and how to ask TONE3000 for them.

TONE3000 leaves A2 models out of `/models` (and A2-only tones out of search) unless a
request names `architecture=2`, so GTS asks for each architecture it runs by name.
"""

from __future__ import annotations

from gts_kit.errors import FieldProblem, InvalidInputError
from gts_tone3000 import Architecture

# The render engine runs NAM A1 and A2 (WaveNet, SlimmableContainer) and the custom models
# GTS can read (LSTMs among them; every file's own architecture is checked on import).
RUNNABLE_ARCHITECTURES: tuple[Architecture, ...] = ("1", "2", "custom")

# formats GTS imports; the others (AIDA-X, Proteus, aa-snapshot) are refused by format
IMPORTABLE_FORMATS = ("nam", "ir")


def runnable(architecture: str | None) -> bool:
    """True for a model GTS can run: a runnable NAM architecture, or none (an IR)."""
    return architecture is None or architecture in RUNNABLE_ARCHITECTURES


def checked_search_architecture(requested: Architecture | None) -> Architecture | None:
    """The `architecture` to search with; 422 naming the field for one GTS cannot run.

    None searches TONE3000's default (A1 and custom tones), which holds every runnable one.
    """
    if requested is None or requested in RUNNABLE_ARCHITECTURES:
        return requested
    reason = (
        f"{requested!r} is not an architecture GTS can run"
        f" (it runs {', '.join(RUNNABLE_ARCHITECTURES)})"
    )
    raise InvalidInputError(
        f"architecture: {reason}",
        problems=[FieldProblem("architecture", reason, "unsupported_architecture")],
        code="unsupported_architecture",
    )
