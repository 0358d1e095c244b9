"""Accounts: users, roles, login and throttling, teacher verification by school admins."""
