"""Vetting e-mail (expiry reminders) through the shared outbox."""

from __future__ import annotations

from ..outbox import send_email


def write_email(to: str, subject: str, body: str) -> str:
    """Put one plain-text e-mail into the outbox; returns the file name (or Message-ID with SMTP)."""
    return send_email(to, subject, body)
