"""Models of the guardians domain."""
