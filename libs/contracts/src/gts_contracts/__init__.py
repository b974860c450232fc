"""GTS message contracts: msgspec Structs, subjects, streams, schemas."""
