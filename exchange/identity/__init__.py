"""Who a district's people are, from outside: OpenID Connect sign-in and OneRoster rosters (issue 19).

The reader of roster files and the planner of what an import changes are pure (no Flask, no
database), so they are tested and timed on their own; the edges (the command, the upload page,
the sign-in views) apply their results through the accounts, directory and guardians services.
"""
