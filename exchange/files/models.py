"""Models of the files domain."""
