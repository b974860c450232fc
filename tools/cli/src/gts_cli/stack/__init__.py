"""The whole GTS stack on one machine: servers, the TONE3000 sandbox and the five services."""
