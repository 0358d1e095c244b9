"""A minimal outbox for vetting e-mail: one RFC 5322 `.eml` file per message in `OUTBOX_DIR`.

Meant to move into a shared outbox module (one sender for every domain); until then it
writes files only, aside then renamed, so a relay watching the folder never reads half a
message. Logs carry the file name only, never addresses, subjects or bodies.
"""
from __future__ import annotations

import logging
import os
import uuid
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app

log = logging.getLogger("exchange.vetting.notify")

DEFAULT_FROM = "Classroom Exchange <no-reply@exchange.invalid>"


def outbox_dir() -> Path:
    cfg = current_app.config
    return Path(cfg.get("OUTBOX_DIR") or Path(cfg["EXCHANGE_DATA_DIR"]) / "outbox")


def write_email(to: str, subject: str, body: str) -> str:
    """Put one plain-text e-mail into the outbox; returns the file name."""
    if not to or "@" not in to or "\n" in to or "\r" in to:
        raise ValueError("not an e-mail address")
    msg = EmailMessage()
    msg["From"] = current_app.config.get("MAIL_FROM") or DEFAULT_FROM
    msg["To"] = to
    msg["Subject"] = " ".join(subject.split())  # no header injection through a title
    msg["Date"] = format_datetime(datetime.now(timezone.utc))
    msg["Message-ID"] = make_msgid(domain="exchange.invalid")
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(body)
    folder = outbox_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S%fZ')}-vetting-{uuid.uuid4().hex[:12]}.eml"
    tmp = folder / f".{name}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(msg.as_bytes())
    os.replace(tmp, folder / name)
    log.info("outbox wrote file=%s", name)
    return name
