"""HTTP routes of the catalog service."""
