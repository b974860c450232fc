"""HTTP controllers: each translates a request into one domain call."""
