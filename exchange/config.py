"""Settings from the environment, with the embedded defaults a single school needs.

Every setting has a documented default (README "Settings"), so `exchange serve` works on
a fresh machine with no configuration: SQLite file, files on disk, in-process Socket.IO.
`load_config` only reads; `prepare_instance` makes the data folder and the secret on disk,
for the server and the commands, never for an app built from a test config.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from limits import parse as parse_limit


def _int(env: dict, name: str, default: int) -> int:
    value = env.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:  # a typo in deployment config must fail loudly at start
        raise SystemExit(f"{name} must be an integer, got {value!r}") from exc


def _at_least(env: dict, name: str, default: int, low: int) -> int:
    value = _int(env, name, default)
    if value < low:
        raise SystemExit(f"{name} must be at least {low}, got {value}")
    return value


def _days(env: dict, name: str, default: int) -> int:
    """A number of days from 1 to 366: a link that dies at once, or lives for years, is a typo."""
    days = _int(env, name, default)
    if not 1 <= days <= 366:
        raise SystemExit(f"{name} must be a number of days from 1 to 366, got {days}")
    return days


def _limit(env: dict, name: str, default: str) -> str:
    """A rate limit in the `limits` notation ("5 per 5 seconds"), checked at start."""
    value = (env.get(name) or "").strip() or default
    try:
        parse_limit(value)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a limit such as '10 per 15 minutes', got {value!r}") from exc
    return value


def _share(env: dict, name: str) -> float | None:
    """A probability from 0.5 to 1.0, or None when unset (a hold threshold below even odds is a typo)."""
    value = (env.get(name) or "").strip()
    if not value:
        return None
    try:
        share = float(value)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a number from 0.5 to 1.0, got {value!r}") from exc
    if not 0.5 <= share <= 1.0:
        raise SystemExit(f"{name} must be a number from 0.5 to 1.0, got {value!r}")
    return share


def _bool(env: dict, name: str, default: bool) -> bool:
    value = env.get(name)
    if value in (None, ""):
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _sms_backend(env: dict) -> str:
    """`files` or `http`; `http` needs its address and token, or every text would be lost in silence."""
    backend = (env.get("EXCHANGE_SMS_BACKEND") or "files").strip().lower()
    if backend not in ("files", "http"):
        raise SystemExit(f"EXCHANGE_SMS_BACKEND must be files or http, got {backend!r}")
    if backend == "http" and not (_public_url(env.get("EXCHANGE_SMS_URL")) and env.get("EXCHANGE_SMS_TOKEN")):
        raise SystemExit("EXCHANGE_SMS_BACKEND=http needs EXCHANGE_SMS_URL (an http(s) address) and EXCHANGE_SMS_TOKEN")
    return backend


def persistent_secret(data_dir: Path) -> str:
    """Return the secret key kept in the data folder, creating it (mode 0600) on first run."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def prepare_instance(config: dict) -> dict:
    """Make what a served instance keeps on disk: the data folder, and the secret key (written
    once, mode 0600) unless SECRET_KEY is set. Returns `config` with SECRET_KEY filled in."""
    data_dir = Path(config["EXCHANGE_DATA_DIR"])
    data_dir.mkdir(parents=True, exist_ok=True)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = persistent_secret(data_dir)
    return config


def config_for_tests(data_dir: Path, **overrides) -> dict:
    """Settings for an app built inside the test process: everything in `data_dir`, SQLite there,
    threading mode (no eventlet), no Redis or MongoDB, a secret that lives in memory only."""
    data_dir = Path(data_dir)
    config = {
        "TESTING": True,
        "SECRET_KEY": secrets.token_urlsafe(32),
        "EXCHANGE_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'exchange.db'}",
        "UPLOAD_DIR": str(data_dir / "uploads"),
        "OUTBOX_DIR": str(data_dir / "outbox"),
        "SMS_DIR": str(data_dir / "sms"),
        "ASYNC_MODE": "threading",
        "REDIS_URL": None,
        "MONGO_URL": None,
        "VETTING_WATCH_SECONDS": 0,  # no background watch thread in the test process
    }
    config.update(overrides)
    return config


def _public_url(value: str | None) -> str | None:
    """An http(s) address with a host, or None (then links follow the request's own address)."""
    value = (value or "").strip()
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        return None
    return value


def load_config(env: dict | None = None) -> dict:
    """Build the Flask config mapping from an environment mapping (os.environ by default).

    Pure: it reads the environment and touches nothing on disk (see `prepare_instance`)."""
    env = dict(os.environ if env is None else env)
    data_dir = Path(env.get("EXCHANGE_DATA_DIR") or "./instance").resolve()
    database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'exchange.db'}"
    if database_url.startswith("postgres://"):  # the old Heroku-style scheme
        database_url = "postgresql://" + database_url[len("postgres://") :]
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://") :]
    return {
        "EXCHANGE_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "REDIS_URL": env.get("REDIS_URL") or None,
        "REDIS_MAX_CONNECTIONS": _int(env, "EXCHANGE_REDIS_MAX_CONNECTIONS", 2000),
        "SOCKETIO_CHANNEL": env.get("EXCHANGE_SOCKETIO_CHANNEL") or "exchange-socketio",
        "MONGO_URL": env.get("MONGO_URL") or None,
        "MONGO_DB": env.get("MONGO_DB") or "exchange",
        "SECRET_KEY": env.get("SECRET_KEY") or None,  # None: `prepare_instance` keeps one in the data folder
        "UPLOAD_DIR": str(Path(env.get("EXCHANGE_UPLOAD_DIR") or data_dir / "uploads").resolve()),
        "OUTBOX_DIR": str(Path(env.get("EXCHANGE_OUTBOX_DIR") or data_dir / "outbox").resolve()),
        # The address people reach the server at, for links in e-mails (invitations, consent).
        "LINK_ROOT": _public_url(env.get("EXCHANGE_PUBLIC_URL")),
        "ASYNC_MODE": env.get("EXCHANGE_ASYNC_MODE") or "eventlet",
        # Size limits: HTTP bodies, chat messages, Socket.IO packets.
        "MAX_CONTENT_LENGTH": _int(env, "EXCHANGE_MAX_REQUEST_BYTES", 12 * 1024 * 1024),
        "MAX_FORM_BYTES": _int(env, "EXCHANGE_MAX_FORM_BYTES", 64 * 1024),
        "MESSAGE_MAX_CHARS": _int(env, "EXCHANGE_MESSAGE_MAX_CHARS", 2000),
        "SOCKET_MAX_BYTES": _int(env, "EXCHANGE_SOCKET_MAX_BYTES", 2 * 1024 * 1024),
        "SOCKET_QUEUE_LIMIT": _at_least(env, "EXCHANGE_SOCKET_QUEUE_LIMIT", 1000, 10),
        # Group commit: chat appends arriving within this many ms share one commit; 0 = one each.
        "MESSAGE_GROUP_COMMIT_MS": _int(env, "EXCHANGE_MESSAGE_GROUP_COMMIT_MS", 2),
        # Rate limits (exchange/ratelimits.py), shared by all processes through Redis when set.
        # Chat per user: a burst, and a sustained rate on average (one moving window).
        "RATE_BURST": _int(env, "EXCHANGE_RATE_BURST", 8),
        "RATE_PER_MINUTE": _int(env, "EXCHANGE_RATE_PER_MINUTE", 40),
        "TYPING_LIMIT": _limit(env, "EXCHANGE_TYPING_LIMIT", "5 per 5 seconds"),
        # Wrong guesses of a secret: class codes (per address and user), logins across accounts
        # (per address), invitation and calendar-feed links (per address). Right ones are free.
        "JOIN_CODE_LIMIT": _limit(env, "EXCHANGE_JOIN_CODE_LIMIT", "30 per 15 minutes"),
        "LOGIN_ADDRESS_LIMIT": _limit(env, "EXCHANGE_LOGIN_ADDRESS_LIMIT", "50 per 15 minutes"),
        "SECRET_LINK_LIMIT": _limit(env, "EXCHANGE_SECRET_LINK_LIMIT", "20 per 15 minutes"),
        # Failed-login throttling.
        "LOGIN_MAX_FAILURES": _int(env, "EXCHANGE_LOGIN_MAX_FAILURES", 5),
        "LOGIN_LOCK_SECONDS": _int(env, "EXCHANGE_LOGIN_LOCK_SECONDS", 900),
        "RESUME_LIMIT": _int(env, "EXCHANGE_RESUME_LIMIT", 500),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env, "EXCHANGE_COOKIE_SECURE", False),
        "SESSION_COOKIE_NAME": "exchange_session",
        "PERMANENT_SESSION_LIFETIME": _int(env, "EXCHANGE_SESSION_HOURS", 12) * 3600,
        # The login's lifetime is kept on the server (login_sessions); re-sending the cookie on every
        # response would let a late answer to an earlier request overwrite a newer cookie (and its flash).
        "SESSION_REFRESH_EACH_REQUEST": False,
        "WTF_CSRF_TIME_LIMIT": None,  # tied to the session instead; a teacher's tab stays open all lesson
        "BABEL_DEFAULT_LOCALE": env.get("EXCHANGE_DEFAULT_LOCALE") or "en",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        # The content filter's trained second opinion (exchange/safety/model.py) on every path: on
        # unless set off (it raised held-out recall at no rise in false alarms; README, "Trained
        # second opinion"; it costs about 0.1 ms of CPU per message).
        "SAFETY_MODEL": _bool(env, "EXCHANGE_SAFETY_MODEL", True),
        # No hold by the second opinion below this probability (unset: the export's own cuts, 0.92 and up
        # for longer texts since 2026-12-07; 0.975 gives back the cuts before that day).
        "SAFETY_MODEL_FLOOR": _share(env, "EXCHANGE_SAFETY_MODEL_FLOOR"),
        "LINK_DOMAINS": tuple(
            d.strip().lower() for d in (env.get("EXCHANGE_LINK_DOMAINS") or "").split(",") if d.strip()
        ),
        # Outgoing mail: files in OUTBOX_DIR by default (read them, print them), or SMTP.
        "MAIL_BACKEND": env.get("EXCHANGE_MAIL_BACKEND") or "files",
        "MAIL_FROM": env.get("EXCHANGE_MAIL_FROM") or "Classroom Exchange <no-reply@exchange.invalid>",
        "SMTP_HOST": env.get("EXCHANGE_SMTP_HOST") or "127.0.0.1",
        "SMTP_PORT": _int(env, "EXCHANGE_SMTP_PORT", 25),
        "SMTP_USER": env.get("EXCHANGE_SMTP_USER") or None,
        "SMTP_PASSWORD": env.get("EXCHANGE_SMTP_PASSWORD") or None,
        "SMTP_STARTTLS": _bool(env, "EXCHANGE_SMTP_STARTTLS", False),
        # Text messages (exchange/sms.py): files in SMS_DIR by default, or an HTTP gateway; the
        # gateway's replies come to /api/v1/sms/inbound with SMS_INBOUND_TOKEN (unset: refused).
        "SMS_BACKEND": _sms_backend(env),
        "SMS_DIR": str(Path(env.get("EXCHANGE_SMS_DIR") or data_dir / "sms").resolve()),
        "SMS_URL": _public_url(env.get("EXCHANGE_SMS_URL")),
        "SMS_TOKEN": env.get("EXCHANGE_SMS_TOKEN") or None,
        "SMS_INBOUND_TOKEN": env.get("EXCHANGE_SMS_INBOUND_TOKEN") or None,
        # The injected clock (exchange/clock.py): EXCHANGE_FAKE_NOW works only with EXCHANGE_TESTING=1.
        "EXCHANGE_FAKE_NOW": env.get("EXCHANGE_FAKE_NOW") or None,
        "VETTING_POLICY": env.get("EXCHANGE_VETTING_POLICY") or "",
        "VETTING_WATCH_SECONDS": _int(env, "EXCHANGE_VETTING_WATCH_SECONDS", 60),
        # Files: per-user daily limits, per-type limits (capped by the request limit), optional ClamAV
        "FILES_PER_DAY": _int(env, "EXCHANGE_FILES_PER_DAY", 20),
        "FILE_BYTES_PER_DAY": _int(env, "EXCHANGE_FILE_BYTES_PER_DAY", 50 * 1024 * 1024),
        "MAX_IMAGE_BYTES": _int(env, "EXCHANGE_MAX_IMAGE_BYTES", 15 * 1024 * 1024),
        "MAX_PDF_BYTES": _int(env, "EXCHANGE_MAX_PDF_BYTES", 20 * 1024 * 1024),
        "MAX_TEXT_BYTES": _int(env, "EXCHANGE_MAX_TEXT_BYTES", 1024 * 1024),
        "MAX_AUDIO_BYTES": _int(env, "EXCHANGE_MAX_AUDIO_BYTES", 30 * 1024 * 1024),
        "MAX_IMAGE_PIXELS": _int(env, "EXCHANGE_MAX_IMAGE_PIXELS", 40_000_000),
        "CLAMAV": env.get("EXCHANGE_CLAMAV") or None,
        "CLAMAV_TIMEOUT": _int(env, "EXCHANGE_CLAMAV_TIMEOUT", 30),
        # Guardians and data rights
        "RETENTION_DAYS": _int(env, "EXCHANGE_RETENTION_DAYS", 365),
        "GUARDIAN_INVITATION_DAYS": _days(env, "EXCHANGE_GUARDIAN_INVITATION_DAYS", 14),
        # Onboarding: how long a teacher's or admin's invitation link lives; school applications per address
        "STAFF_INVITATION_DAYS": _days(env, "EXCHANGE_STAFF_INVITATION_DAYS", 14),
        "SCHOOL_APPLICATION_LIMIT": _limit(env, "EXCHANGE_SCHOOL_APPLICATION_LIMIT", "5/hour"),
        # Sessions
        "REMINDER_HOURS": _int(env, "EXCHANGE_REMINDER_HOURS", 24),
        "SESSION_GRACE_MINUTES": _int(env, "EXCHANGE_SESSION_GRACE_MINUTES", 10),
        "ASYNC_DAYS": _int(env, "EXCHANGE_ASYNC_DAYS", 5),
        "PROXY_COUNT": _int(env, "EXCHANGE_PROXY_COUNT", 0),  # trusted reverse proxies in front (nginx: 1)
        "PUBLIC_URL": env.get("EXCHANGE_PUBLIC_URL") or "http://127.0.0.1:5000",
        "TESTING": _bool(env, "EXCHANGE_TESTING", False),
    }
