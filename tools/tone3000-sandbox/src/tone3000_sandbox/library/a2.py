"""A2 models: NAM's second architecture, which TONE3000 lists only for `architecture=2`."""

from __future__ import annotations

from datetime import datetime

from gts_nam import synthesize_nam
from tone3000_sandbox.library.records import SandboxModel, SandboxUser


def a2_model(
    seed: int, user: SandboxUser, tone_id: int, model_id: int, title: str, created_at: datetime
) -> SandboxModel:
    """An A2 model of `tone_id`; its body is an A1 WaveNet file labelled A2."""
    name = f"{title} A2"
    body = synthesize_nam(
        "standard", seed * 1_000_003 + model_id, name=name, modeled_by=user.username,
        gear_type="amp", tone_type="crunch",
    )  # fmt: skip
    return SandboxModel(
        id=model_id,
        tone_id=tone_id,
        user_id=user.id,
        name=name,
        size="standard",
        architecture_version="2",
        file_name=f"m{model_id:x}a2.nam",
        body=body,
        created_at=created_at,
    )
