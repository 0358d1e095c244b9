"""E-mail for invitations, changes, cancellations and reminders, through the shared outbox
(`exchange/outbox.py`: `.eml` files in OUTBOX_DIR by default, or SMTP)."""

from __future__ import annotations

from ..outbox import send_email as _outbox_send


def send_email(to: str, subject: str, body: str) -> str:
    """Send one plain-text message through the shared outbox."""
    return _outbox_send(to, subject, body)
