"""GTS shootouts service: DI tracks, chains, shootouts, jobs."""
