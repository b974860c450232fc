"""The render service around the engine: the work queue, blobs, progress, cancel and outputs."""
