"""Shootouts: DI tracks times chains, montage settings, outputs wanted, visibility."""
