"""Directory: schools, classes, class membership and join codes, public profiles."""
