"""TONE3000 for the catalog: the user's token from auth, browsing, importing models."""
