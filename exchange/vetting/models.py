"""Models of the vetting domain."""
