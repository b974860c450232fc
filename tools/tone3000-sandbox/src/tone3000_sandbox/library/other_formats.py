"""The tones GTS cannot run or import: A2-only NAM and the other formats TONE3000 hosts."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from tone3000_sandbox.library.a2 import a2_model
from tone3000_sandbox.library.records import SandboxModel, SandboxTone, SandboxUser

# (format, title, file suffix): the non-NAM formats a tone may have besides `ir`
_OTHER_FORMATS = (
    ("aida-x", "Aida Crunch", ".json"),
    ("proteus", "Proteus Drive", ".json"),
    ("aa-snapshot", "Snapshot Lead", ".snapshot"),
)


def other_format_tones(
    seed: int, owner: SandboxUser, first_tone: int, first_model: int, epoch: datetime
) -> list[SandboxTone]:
    """Public tones of `owner` from `first_tone` on: A2-only NAM, then one per other format."""
    created_at = epoch + timedelta(days=first_tone - 51_000)
    a2_title = "Two Rock A2 only"
    tones = [
        _tone(
            first_tone, owner, a2_title, "nam", "amp", created_at,
            (a2_model(seed, owner, first_tone, first_model, a2_title, created_at),),
        )
    ]  # fmt: skip
    for offset, (fmt, title, suffix) in enumerate(_OTHER_FORMATS, start=1):
        tone_id, model_id = first_tone + offset, first_model + 10 * offset
        body = json.dumps({"format": fmt, "seed": seed, "model": model_id}).encode()
        model = SandboxModel(
            id=model_id,
            tone_id=tone_id,
            user_id=owner.id,
            name=title,
            size=None,
            architecture_version=None,
            file_name=f"m{model_id:x}{suffix}",
            body=body,
            created_at=created_at,
        )
        tones.append(_tone(tone_id, owner, title, fmt, "pedal", created_at, (model,)))
    return tones


def _tone(
    tone_id: int,
    owner: SandboxUser,
    title: str,
    fmt: str,
    gear: str,
    created_at: datetime,
    models: tuple[SandboxModel, ...],
) -> SandboxTone:
    return SandboxTone(
        id=tone_id,
        user_id=owner.id,
        title=title,
        description=f"{title}: a {fmt} tone by {owner.username}.",
        gear=gear,
        format=fmt,
        license="cc-by",
        is_public=True,
        makes=((3, "Mesa/Boogie"),),
        tags=((2, "crunch"),),
        created_at=created_at,
        downloads_count=10,
        favorites_count=1,
        models=models,
    )
