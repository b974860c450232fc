"""Library records to response shapes; URLs are absolute on the sandbox's own base."""

from __future__ import annotations

from tone3000_sandbox.api.shapes import ModelOut, NamedOut, ToneOut, UserOut, UserRefOut
from tone3000_sandbox.library import Library, SandboxModel, SandboxTone, SandboxUser


def user_out(user: SandboxUser, site: str) -> UserOut:
    """The signed-in user."""
    return UserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        avatar_url=None,
        url=f"{site}/{user.username}",
        bio=f"{user.display_name} (sandbox user)",
        links=[],
    )


def _named(pairs: tuple[tuple[int, str], ...], with_ids: bool) -> list[NamedOut]:
    return [NamedOut(n, i if with_ids else None) for i, n in pairs]


def _count(tone: SandboxTone, architecture: str) -> int:
    return sum(m.architecture_version == architecture for m in tone.models)


def tone_out(tone: SandboxTone, library: Library, site: str, *, searched: bool = False) -> ToneOut:
    """A tone with its author, makes, tags, sizes and counts.

    `searched`: shaped as a search result, whose makes and tags carry no `id`.
    """
    author = library.user_by_id(tone.user_id)
    return ToneOut(
        id=tone.id,
        user_id=tone.user_id,
        user=UserRefOut(
            id=author.id,
            username=author.username,
            # TONE3000 shows a display name only for verified creators, as the sandbox's are
            display_name=author.display_name,
            is_verified=True,
            avatar_url=None,
            url=f"{site}/{author.username}",
        ),
        created_at=tone.created_at,
        updated_at=tone.created_at,
        title=tone.title,
        description=tone.description,
        gear=tone.gear,
        images=[],
        is_public=tone.is_public,
        links=[],
        format=tone.format,
        license=tone.license,
        sizes=tone.sizes if tone.format == "nam" else None,
        makes=_named(tone.makes, not searched),
        tags=_named(tone.tags, not searched),
        url=f"{site}/tones/{tone.id}",
        models_count=len([m for m in tone.models if m.architecture_version != "2"]),
        a1_models_count=_count(tone, "1"),
        a2_models_count=_count(tone, "2"),
        custom_models_count=_count(tone, "custom"),
        irs_count=len(tone.models) if tone.format == "ir" else 0,
        downloads_count=tone.downloads_count,
        favorites_count=tone.favorites_count,
    )


def model_out(model: SandboxModel, api_root: str) -> ModelOut:
    """A model whose `model_url` points at this sandbox's download route."""
    return ModelOut(
        id=model.id,
        tone_id=model.tone_id,
        user_id=model.user_id,
        created_at=model.created_at,
        updated_at=model.created_at,
        name=model.name,
        model_url=f"{api_root}/models/{model.id}/download/{model.file_name}",
        size=model.size,
        architecture_version=model.architecture_version,
    )
