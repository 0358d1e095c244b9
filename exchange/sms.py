"""The one way any domain sends a text message (SMS), for families without internet at home: a
gateway chosen by configuration behind one interface, as the mail outbox does (`outbox.py`).

`EXCHANGE_SMS_BACKEND` chooses: `files` (default) writes one JSON file per message into
`SMS_DIR` (written aside and renamed, so a relay watching the folder never reads half a
message); `http` posts `{to, body}` to `EXCHANGE_SMS_URL` with a bearer token. Logs carry
message ids only, never a number or the text.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Protocol

from flask import current_app

from .db import utcnow

log = logging.getLogger("exchange.sms")

TIMEOUT_SECONDS = 10  # a gateway that hangs must not hold a teacher's request for long
BODY_LIMIT = 480  # three SMS segments: our texts are short, and a longer one costs families money


class SmsFailed(Exception):
    """The gateway did not take the message (unreachable, refused, timed out)."""


class Texter(Protocol):
    def send(self, *, to: str, body: str) -> str:
        """Hand one text to the gateway; returns an id for the log (never the number or the text)."""


def _checked(to: str, body: str) -> None:
    if not to.startswith("+") or not to[1:].isdigit() or not 8 <= len(to) <= 16:
        raise ValueError("not an E.164 number")
    if not body or len(body) > BODY_LIMIT:
        raise ValueError("a text message holds 1 to 480 characters")


class FolderTexter:
    """Writes each message as `<UTC time>-<random>.json` (mode 0600) into one folder."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    def send(self, *, to: str, body: str) -> str:
        _checked(to, body)
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        now = utcnow()
        name = f"{now.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:12]}.json"
        record = {"to": to, "body": body, "at": now.isoformat().replace("+00:00", "Z")}
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(record, out, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return name


class HttpTexter:
    """Posts each message as JSON to an HTTP gateway, authenticated with a bearer token."""

    def __init__(self, *, url: str, token: str, timeout: float = TIMEOUT_SECONDS) -> None:
        self.url, self.token, self.timeout = url, token, timeout

    def send(self, *, to: str, body: str) -> str:
        _checked(to, body)
        ref = uuid.uuid4().hex[:16]  # ours, so a failure can be traced without the number
        request = urllib.request.Request(
            self.url,
            data=json.dumps({"to": to, "body": body, "ref": ref}, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310 - an admin's URL
                reply = answer.read(4096)
        except urllib.error.HTTPError as exc:
            log.error("sms gateway refused ref=%s status=%s", ref, exc.code)
            raise SmsFailed(f"the gateway answered {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            log.error("sms gateway unreachable ref=%s error=%s", ref, type(exc).__name__)
            raise SmsFailed("the gateway could not be reached") from None
        try:
            given = json.loads(reply or b"{}").get("id")
        except (ValueError, AttributeError):
            given = None
        return str(given)[:64] if isinstance(given, (str, int)) and not isinstance(given, bool) else ref


def texter() -> Texter:
    """The configured gateway: `SMS_BACKEND` files (into `SMS_DIR`) or http (`SMS_URL`, `SMS_TOKEN`);
    the settings are checked when the server starts (`config.load_config`)."""
    cfg = current_app.config
    if cfg.get("SMS_BACKEND") == "http":
        return HttpTexter(url=cfg["SMS_URL"], token=cfg["SMS_TOKEN"])
    folder = cfg.get("SMS_DIR") or os.path.join(cfg["EXCHANGE_DATA_DIR"], "sms")
    return FolderTexter(folder)


def send_sms(to_e164: str, body: str) -> str:
    """Send one text through the configured gateway; returns the file name or the gateway's id.
    Raises `SmsFailed` when the gateway did not take it (already logged)."""
    ref = texter().send(to=to_e164, body=body)
    log.info("sms queued ref=%s", ref)
    return ref
