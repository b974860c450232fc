"""GTS service kit: settings, database, migrations, broker, outbox, inbox, HTTP plumbing, blobs, local servers."""
