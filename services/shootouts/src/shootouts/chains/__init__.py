"""Signal chains and chain groups: blocks checked against the grammar and the gear read model."""
