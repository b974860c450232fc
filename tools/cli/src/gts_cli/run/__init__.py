"""What each `gts` command does: `run/<command>.py` implements `commands/<command>.py`."""
