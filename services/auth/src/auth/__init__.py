"""GTS auth service: TONE3000 sign-in, GTS tokens, JWKS."""
