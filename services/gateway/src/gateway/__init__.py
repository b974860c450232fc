"""GTS gateway: the only entry for clients."""
