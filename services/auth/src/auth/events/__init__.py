"""What auth answers over NATS."""
