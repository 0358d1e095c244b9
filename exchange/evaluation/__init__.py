"""What came of the exchanges (issue 20): reflections and feedback after a session, and the impact
dashboard with its charts. It reads the other domains' records and nothing imports it."""
