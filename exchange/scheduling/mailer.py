"""E-mail for invitations, changes, cancellations and reminders, through a configurable outbox.

`EXCHANGE_MAIL_BACKEND` picks the sender: `files` (default) writes one RFC 5322 `.eml`
file per message into `OUTBOX_DIR` (the `outbox` folder of the data folder), which a
relay or a person can pick up; `smtp` hands the message to `EXCHANGE_SMTP_HOST`. Logs
carry the message id only: never addresses, subjects or bodies.
"""
from __future__ import annotations

import logging
import os
import smtplib
import uuid
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app

log = logging.getLogger("exchange.scheduling.mailer")

DEFAULT_FROM = "Classroom Exchange <no-reply@exchange.invalid>"


def _message(to: str, subject: str, body: str) -> EmailMessage:
    if not to or "@" not in to or "\n" in to or "\r" in to:
        raise ValueError("not an e-mail address")
    msg = EmailMessage()
    msg["From"] = current_app.config.get("MAIL_FROM") or DEFAULT_FROM
    msg["To"] = to
    msg["Subject"] = " ".join(subject.split())  # no header injection through a title
    msg["Date"] = format_datetime(datetime.now(timezone.utc))
    msg["Message-ID"] = make_msgid(domain="exchange.invalid")
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(body)  # UTF-8, encoded as the library sees fit
    return msg


def _write_file(msg: EmailMessage) -> str:
    outbox = Path(current_app.config.get("OUTBOX_DIR") or Path(current_app.config["EXCHANGE_DATA_DIR"]) / "outbox")
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    name = f"{stamp}-{uuid.uuid4().hex}.eml"
    tmp = outbox / f".{name}.tmp"
    # Written aside and renamed, so a relay watching the folder never reads half a message.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(msg.as_bytes())
    os.replace(tmp, outbox / name)
    return name


def _send_smtp(msg: EmailMessage) -> None:
    cfg = current_app.config
    host = cfg.get("SMTP_HOST") or "127.0.0.1"
    port = int(cfg.get("SMTP_PORT") or 25)
    with smtplib.SMTP(host, port, timeout=20) as smtp:
        if cfg.get("SMTP_STARTTLS"):
            smtp.starttls()
        if cfg.get("SMTP_USER"):
            smtp.login(cfg["SMTP_USER"], cfg.get("SMTP_PASSWORD") or "")
        smtp.send_message(msg)


def send_email(to: str, subject: str, body: str) -> str:
    """Send one plain-text message; returns its Message-ID. Raises on a bad address."""
    msg = _message(to, subject, body)
    backend = current_app.config.get("MAIL_BACKEND") or "files"
    if backend == "smtp":
        _send_smtp(msg)
        log.info("mail sent backend=smtp message_id=%s", msg["Message-ID"])
    else:
        name = _write_file(msg)
        log.info("mail written backend=files file=%s", name)
    return str(msg["Message-ID"])


def send_due_reminders(now: datetime | None = None) -> int:
    """Mail a reminder to each teacher of each session starting within EXCHANGE_REMINDER_HOURS,
    once per person and session; returns how many were sent. For `exchange scheduling remind`."""
    from .services import send_due_reminders as run

    return run(now)
