"""The sandbox library's records: plain data, shaped for the API elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SandboxUser:
    """A user who can sign in on the sandbox's page."""

    id: str
    username: str
    display_name: str


@dataclass(frozen=True, slots=True)
class SandboxModel:
    """One downloadable file: a .nam (NAM tones) or a WAV impulse response (IR tones)."""

    id: int
    tone_id: int
    user_id: str
    name: str
    size: str | None
    architecture_version: str | None
    file_name: str
    body: bytes = field(repr=False)
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SandboxTone:
    """A tone with its models; `makes` and `tags` are (id, name) pairs."""

    id: int
    user_id: str
    title: str
    description: str
    gear: str
    format: str
    license: str
    is_public: bool
    makes: tuple[tuple[int, str], ...]
    tags: tuple[tuple[int, str], ...]
    created_at: datetime
    downloads_count: int
    favorites_count: int
    models: tuple[SandboxModel, ...]

    @property
    def sizes(self) -> list[str]:
        """The distinct model sizes, in the order the models come."""
        return list(dict.fromkeys(m.size for m in self.models if m.size is not None))


@dataclass(frozen=True, slots=True)
class Library:
    """Everything the sandbox serves: users, tones by id, favourites by user id."""

    users: tuple[SandboxUser, ...]
    tones: dict[int, SandboxTone]
    favorites: dict[str, tuple[int, ...]]

    def user_named(self, username: str) -> SandboxUser | None:
        """The user with this username, if any."""
        return next((u for u in self.users if u.username == username), None)

    def user_by_id(self, user_id: str) -> SandboxUser:
        """The user with this id (every tone's owner exists)."""
        return next(u for u in self.users if u.id == user_id)

    def model(self, model_id: int) -> SandboxModel | None:
        """A model by id, whichever tone holds it."""
        for tone in self.tones.values():
            for model in tone.models:
                if model.id == model_id:
                    return model
        return None
