"""GTS render service and DSP engine."""
