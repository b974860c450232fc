"""GTS catalog service: users' gear (NAM captures, IRs)."""
