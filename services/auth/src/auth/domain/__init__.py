"""What the auth service does, free of HTTP: users, sign-in, sessions, TONE3000 grants."""
