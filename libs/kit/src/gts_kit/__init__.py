"""GTS service kit: settings, database, broker, outbox, inbox, HTTP plumbing, local servers."""
