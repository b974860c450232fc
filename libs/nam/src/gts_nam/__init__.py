"""The .nam model file: parsing, validation and facts, shared by catalog and render."""
