"""Object-store buckets: one per owning service; only the owner writes, others read by sha256."""

from __future__ import annotations

GEAR_BUCKET = "catalog-gear"
"""`.nam` captures and IR WAVs, written by catalog; render reads them by sha256."""

DI_BUCKET = "shootouts-di"
"""DI recordings, written by shootouts; render reads them by sha256."""

OUTPUTS_BUCKET = "render-outputs"
"""Rendered audio, video, pictures and manifests, written by render; shootouts streams them."""
