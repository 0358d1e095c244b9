"""Vetting: adult verification of experts, evidence with expiry, revocation, expert offers."""
