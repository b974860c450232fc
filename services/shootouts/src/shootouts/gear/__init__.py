"""The local read model of each user's gear, kept from the catalog's events."""
