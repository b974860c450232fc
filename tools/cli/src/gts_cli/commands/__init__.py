"""Sub-commands of `gts`: each module defines `register(subparsers)` and sets `run`."""
