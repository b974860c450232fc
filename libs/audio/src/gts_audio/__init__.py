"""Audio file probing and validation shared by the services (IRs, DI tracks)."""
