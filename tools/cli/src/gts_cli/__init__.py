"""The gts command: local stack, offline render, benchmarks, demo."""
