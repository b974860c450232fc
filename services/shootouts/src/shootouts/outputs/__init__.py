"""Rendered files: who may read them and how they stream (HTTP Range for seeking players)."""
