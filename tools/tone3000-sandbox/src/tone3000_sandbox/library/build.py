"""Builds the sandbox library: three users, 40 tones, synthesized .nam files and IRs."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from gts_nam import synthesize_nam
from tone3000_sandbox.library.a2 import a2_model
from tone3000_sandbox.library.ir import synthesize_ir
from tone3000_sandbox.library.other_formats import other_format_tones
from tone3000_sandbox.library.records import Library, SandboxModel, SandboxTone, SandboxUser

_USER_NAMESPACE = uuid.UUID("6f1c1f7e-3000-4000-8000-000000003000")
# (username, display name, tones created, how many of them private)
_USERS = (
    ("alice", "Alice Amp", 14, 2),
    ("bob", "Bob Boogie", 12, 0),
    ("carol", "Carol Cab", 10, 2),
)

_MAKES = (
    "Fender", "Marshall", "Mesa/Boogie", "Vox", "Peavey",
    "Friedman", "EVH", "Orange", "Bogner", "Soldano",
)  # fmt: skip
_AMP_MODELS = (
    "Plexi",
    "Twin Reverb",
    "Rectifier",
    "AC30",
    "5150",
    "JCM800",
    "Deluxe",
    "Uberschall",
)
_CABS = ("4x12 V30", "2x12 Greenback", "1x12 Alnico Blue", "4x10 Bassman")
_TAGS = ("clean", "crunch", "high-gain", "edge-of-breakup", "metal", "blues", "ambient", "vintage")
_LICENSES = ("t3k", "cc-by", "cc-by-sa", "cc-by-nc", "cco")
_AMP_GEARS = ("amp", "amp-cab", "pedal", "outboard")
# which sizes a NAM tone carries, cycling; the last adds an LSTM ("custom")
_SIZE_SETS: tuple[tuple[str, ...], ...] = (
    ("standard", "lite", "feather", "nano"),
    ("standard",),
    ("standard", "nano"),
    ("feather", "custom"),
)
_EPOCH = datetime(2025, 1, 6, 9, 30, tzinfo=UTC)


def build_library(seed: int = 3000) -> Library:
    """The sandbox library for `seed`: the same seed always gives the same bytes.

    Every fifth tone is a cabinet IR pack (`format: ir`, two WAV IRs); the others are
    NAM tones whose models are valid .nam files of the A1 sizes or an LSTM, and the tones
    with one A1 size add an A2 model. Four more tones of bob's close the library: one with
    A2 models only and one each of `aida-x`, `proteus` and `aa-snapshot`.
    """
    rng = random.Random(seed)
    users = tuple(
        SandboxUser(str(uuid.uuid5(_USER_NAMESPACE, name)), name, display)
        for name, display, _, _ in _USERS
    )
    tones: dict[int, SandboxTone] = {}
    next_tone_id, next_model_id = 51_000, 293_000
    for user, (_, _, created, private) in zip(users, _USERS, strict=True):
        for index in range(created):
            tone = _tone(rng, seed, user, next_tone_id, next_model_id, index >= created - private)
            tones[tone.id] = tone
            next_tone_id += 1
            next_model_id += 10
    favorites = _favorites(users, tones)
    for tone in other_format_tones(seed, users[1], next_tone_id, next_model_id, _EPOCH):
        tones[tone.id] = tone
    return Library(users=users, tones=tones, favorites=favorites)


def _tone(
    rng: random.Random, seed: int, user: SandboxUser, tone_id: int, first_model: int, private: bool
) -> SandboxTone:
    make_id = rng.randrange(len(_MAKES))
    tag_ids = sorted(rng.sample(range(len(_TAGS)), 2))
    created_at = _EPOCH + timedelta(days=tone_id - 51_000, minutes=rng.randrange(1440))
    is_ir = tone_id % 5 == 4
    if is_ir:
        title = f"{_MAKES[make_id]} {_CABS[rng.randrange(len(_CABS))]} IR pack"
        gear, fmt = "cab", "ir"
    else:
        title = f"{_MAKES[make_id]} {_AMP_MODELS[rng.randrange(len(_AMP_MODELS))]} {tone_id % 97}"
        gear, fmt = _AMP_GEARS[rng.randrange(len(_AMP_GEARS))], "nam"
    tags = tuple((i + 1, _TAGS[i]) for i in tag_ids)
    if is_ir:
        models = _ir_models(seed, user, tone_id, first_model, title, created_at)
    else:
        sizes = _SIZE_SETS[tone_id % len(_SIZE_SETS)]
        models = _nam_models(seed, user, tone_id, first_model, title, sizes, created_at)
    return SandboxTone(
        id=tone_id,
        user_id=user.id,
        title=title,
        description=f"{title}: {', '.join(name for _, name in tags)} tones by {user.username}.",
        gear=gear,
        format=fmt,
        license=_LICENSES[rng.randrange(len(_LICENSES))],
        is_public=not private,
        makes=((make_id + 1, _MAKES[make_id]),),
        tags=tags,
        created_at=created_at,
        downloads_count=rng.randrange(5_000),
        favorites_count=rng.randrange(500),
        models=models,
    )


def _nam_models(
    seed: int,
    user: SandboxUser,
    tone_id: int,
    first_model: int,
    title: str,
    sizes: tuple[str, ...],
    created_at: datetime,
) -> tuple[SandboxModel, ...]:
    models = []
    for offset, size in enumerate(sizes):
        model_id = first_model + offset
        kind = "lstm" if size == "custom" else size
        name = f"{title} {size}"
        body = synthesize_nam(
            kind, seed * 1_000_003 + model_id, name=name, modeled_by=user.username,
            gear_type="amp", tone_type="crunch",
        )  # fmt: skip
        models.append(
            SandboxModel(
                id=model_id,
                tone_id=tone_id,
                user_id=user.id,
                name=name,
                size=size,
                architecture_version="custom" if size == "custom" else "1",
                file_name=f"m{model_id:x}{size}.nam",
                body=body,
                created_at=created_at,
            )
        )
    if len(sizes) == 1:
        models.append(a2_model(seed, user, tone_id, first_model + len(sizes), title, created_at))
    return tuple(models)



def _ir_models(
    seed: int, user: SandboxUser, tone_id: int, first_model: int, title: str, created_at: datetime
) -> tuple[SandboxModel, ...]:
    return tuple(
        SandboxModel(
            id=first_model + offset,
            tone_id=tone_id,
            user_id=user.id,
            name=f"{title} {mic}",
            size=None,
            architecture_version=None,
            file_name=f"m{first_model + offset:x}ir.wav",
            body=synthesize_ir(seed * 1_000_003 + first_model + offset, decay_s=decay),
            created_at=created_at,
        )
        for offset, (mic, decay) in enumerate((("SM57", 0.025), ("R121", 0.04)))
    )


def _favorites(
    users: tuple[SandboxUser, ...], tones: dict[int, SandboxTone]
) -> dict[str, tuple[int, ...]]:
    alice, bob, carol = users

    def public_of(user: SandboxUser) -> list[int]:
        return [t.id for t in tones.values() if t.user_id == user.id and t.is_public]

    return {
        alice.id: (*public_of(bob)[:6], *public_of(carol)[:3]),
        bob.id: tuple(public_of(alice)[:2]),
        carol.id: (),
    }
