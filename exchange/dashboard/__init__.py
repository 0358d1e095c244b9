"""The home page of each role: what this person can do next (reads other domains' services)."""
