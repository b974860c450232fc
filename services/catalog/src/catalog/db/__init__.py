"""The catalog service's tables, all in the `catalog` schema."""
