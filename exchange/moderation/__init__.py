"""Moderation: flags (automatic and reported), the review queue, actions, holds and the audit log."""
