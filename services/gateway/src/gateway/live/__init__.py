"""Live progress: render and job events fanned out from NATS to the owner's WebSockets."""
