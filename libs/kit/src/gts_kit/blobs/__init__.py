"""Content-addressed blob storage (keyed by sha256) shared by the services: the interface
and its errors in `store`, the NATS object-store implementation in `nats_store`."""
