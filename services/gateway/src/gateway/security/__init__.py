"""Edge security: access-token verification against the auth JWKS, CSRF, auth rate limit."""
