"""Models of the scheduling domain."""
