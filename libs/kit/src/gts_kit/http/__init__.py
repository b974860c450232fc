"""HTTP plumbing shared by the services: health, metrics, problem+json, request ids, logs."""
