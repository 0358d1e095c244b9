"""The one outbox every domain sends e-mail through: RFC 5322 messages, a text part and an
optional HTML part (a real and a file-writing sender behind one interface, Warehouse-style).

`EXCHANGE_MAIL_BACKEND` chooses: `files` (default) writes one `.eml`
file per message into `OUTBOX_DIR`, written aside and renamed so a relay watching the folder
never reads half a message; `smtp` hands it to `EXCHANGE_SMTP_HOST`. Logs carry file names or
message ids only, never addresses or content.
"""

from __future__ import annotations

import os
import smtplib
import tempfile
import uuid
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path
from collections.abc import Callable
from typing import Protocol

from flask import current_app, request

import logging

from .db import utcnow

log = logging.getLogger("exchange.outbox")

DEFAULT_SENDER = "Classroom Exchange <no-reply@exchange.invalid>"


def link_root() -> str:
    """Where the links in e-mails start ("https://exchange.school.example/"): `EXCHANGE_PUBLIC_URL`
    when set, so a forged Host header never reaches a family's or a teacher's inbox; else the
    address this request came to (a single school's server on its own network)."""
    public = current_app.config.get("LINK_ROOT")
    return public.rstrip("/") + "/" if public else request.url_root


class Outbox(Protocol):
    def send(self, *, to: str, subject: str, text: str, html: str | None = None) -> str:
        """Queue one message; returns an id for the log (never the address or the content)."""


Frame = Callable[[str, str, "str | None"], tuple[str, str]]
_frame: Frame | None = None


def install_frame(frame: Frame | None) -> None:
    """The district's brand around every message (the branding domain, installed by wiring):
    (subject, text, html or None) -> (text, html)."""
    global _frame
    _frame = frame


def build_message(*, sender: str, to: str, subject: str, text: str, html: str | None = None) -> EmailMessage:
    """A standards-conforming message: UTF-8 text part, optional HTML alternative, Date and Message-ID;
    in the district's brand when one is installed (every backend, every sender)."""
    if _frame is not None:
        text, html = _frame(subject, text, html)
    if not to or "@" not in to or "\n" in to or "\r" in to:
        raise ValueError("not an e-mail address")
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = " ".join(subject.split())  # no header injection through a class name
    msg["Date"] = format_datetime(utcnow())
    domain = sender.rsplit("@", 1)[-1].strip("> ") or "exchange.example"
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text, subtype="plain", charset="utf-8")
    if html is not None:
        msg.add_alternative(html, subtype="html", charset="utf-8")
    return msg


class FolderOutbox:
    """Writes each message as `<UTC time>-<random>.eml` (mode 0600) into one folder."""

    def __init__(self, folder: Path | str, sender: str = DEFAULT_SENDER) -> None:
        self.folder = Path(folder)
        self.sender = sender

    def send(self, *, to: str, subject: str, text: str, html: str | None = None) -> str:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        msg = build_message(sender=self.sender, to=to, subject=subject, text=text, html=html)
        name = f"{utcnow().strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:12]}.eml"
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(msg.as_bytes())
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return name


class SmtpOutbox:
    """Hands each message to an SMTP relay (STARTTLS and log-in when configured)."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str = DEFAULT_SENDER,
        user: str | None = None,
        password: str | None = None,
        starttls: bool = False,
    ) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.user, self.password, self.starttls = user, password, starttls

    def send(self, *, to: str, subject: str, text: str, html: str | None = None) -> str:
        msg = build_message(sender=self.sender, to=to, subject=subject, text=text, html=html)
        with smtplib.SMTP(self.host, self.port, timeout=20) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(msg)
        return msg["Message-ID"]


def outbox() -> Outbox:
    """The configured outbox: `MAIL_BACKEND` files (into `OUTBOX_DIR`) or smtp; sender `MAIL_FROM`."""
    cfg = current_app.config
    sender = cfg.get("MAIL_FROM") or DEFAULT_SENDER
    if cfg.get("MAIL_BACKEND") == "smtp":
        return SmtpOutbox(
            host=cfg.get("SMTP_HOST") or "127.0.0.1",
            port=int(cfg.get("SMTP_PORT") or 25),
            sender=sender,
            user=cfg.get("SMTP_USER"),
            password=cfg.get("SMTP_PASSWORD"),
            starttls=bool(cfg.get("SMTP_STARTTLS")),
        )
    folder = cfg.get("OUTBOX_DIR") or os.path.join(cfg["EXCHANGE_DATA_DIR"], "outbox")
    return FolderOutbox(folder, sender)


def send_email(to: str, subject: str, text: str, html: str | None = None) -> str:
    """Send one message through the configured outbox; returns the file name or Message-ID."""
    ref = outbox().send(to=to, subject=subject, text=text, html=html)
    log.info("mail queued ref=%s", ref)
    return str(ref)
