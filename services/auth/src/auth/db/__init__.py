"""The auth service's tables, all in the `auth` schema."""
