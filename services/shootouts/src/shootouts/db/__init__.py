"""The shootouts service's tables, all in the `shootouts` schema."""
