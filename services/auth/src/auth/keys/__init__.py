"""Key material: the JWT signing keys and the AES-GCM keys for TONE3000 grants."""
