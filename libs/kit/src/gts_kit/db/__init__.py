"""Database plumbing: one async engine per service bound to its own schema, and migrations."""
