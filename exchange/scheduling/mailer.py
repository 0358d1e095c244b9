"""E-mail for invitations, changes, cancellations and reminders, through the shared outbox
(`exchange/outbox.py`: `.eml` files in OUTBOX_DIR by default, or SMTP)."""
from __future__ import annotations

import logging
from datetime import datetime

from ..outbox import send_email as _outbox_send

log = logging.getLogger("exchange.scheduling.mailer")


def send_email(to: str, subject: str, body: str) -> str:
    """Send one plain-text message through the shared outbox."""
    return _outbox_send(to, subject, body)


def send_due_reminders(now: datetime | None = None) -> int:
    """Mail a reminder to each teacher of each session starting within EXCHANGE_REMINDER_HOURS,
    once per person and session; returns how many were sent. For `exchange scheduling remind`."""
    from .services import send_due_reminders as run

    return run(now)
