"""TONE3000 API v1 client: OAuth, paginated data endpoints, rate limit and retries."""
