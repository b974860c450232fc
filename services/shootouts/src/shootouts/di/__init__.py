"""DI tracks: uploads probed, deduplicated per owner, stored in the DI bucket."""
