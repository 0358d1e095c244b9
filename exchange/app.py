"""The app factory: the one place where settings, the database, extensions, domains and their
edges are wired together. `exchange/__init__.py` loads it lazily (eventlet comes first for
`exchange serve`); `create_app` may be called many times in one process, one app per test.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timezone
from pathlib import Path

import socketio as python_socketio
from flask import Flask, current_app, g, has_request_context, request, session
from flask.json.provider import DefaultJSONProvider
from flask_babel import format_date, format_datetime, get_locale
from werkzeug.middleware.proxy_fix import ProxyFix

from . import changes, clock, ratelimits, rooms, safety
from .accounts import language as account_language
from .accounts.sessions import load_user_from_session
from .accounts.views import bp as accounts_bp
from .activities.views import bp as activities_bp
from .auditing import wire_audit
from .blocking import run_blocking
from .authz import current_user
from .config import load_config, prepare_instance
from .dashboard.views import bp as dashboard_bp
from .db import db
from .directory.models import School
from .directory.views import bp as directory_bp
from .evaluation.views import bp as evaluation_bp
from .showcase.views import bp as showcase_bp
from .branding.views import bp as branding_bp
from .partners.views import bp as partners_bp
from .guardians.citizenship_views import bp as citizenship_bp
from .guardians.texting_views import bp as texting_bp
from .conversations.views import bp as conversations_bp
from .conversations.api import bp as conversations_api_bp
from .errors import register_error_handlers
from .slow_clients import bound_queues
from .sockets import ExchangeFlask, SocketSessionInterface
from .extensions import babel, csrf, socketio
from .files.views import bp as files_bp
from .guardians.views import bp as guardians_bp
from .identity.views import bp as identity_bp
from .health import bp as health_bp
from .i18n import catalogues, negotiate, words
from .ids import IdConverter

# Socket.IO handlers register on import; imported here, before the first `socketio.init_app`, so that
# Flask-SocketIO keeps them for every app made later (a handler registered while a server exists is
# given to that server only, and the next app created would not answer the event).
from .moderation import events as _moderation_events  # noqa: F401
from .rooms import events as _rooms_events  # noqa: F401
from .moderation.views import bp as moderation_bp
from .scheduling.views import bp as scheduling_bp
from .storage import init_storage
from .vetting.views import bp as vetting_bp
from .wiring import wire

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def create_app(config: dict | None = None) -> Flask:
    """The application, from the environment overlaid with `config`.

    A config with TESTING set (see `exchange.config.config_for_tests`) is used as given: nothing is
    written to disk for it. Otherwise (the server, the commands) the data folder and the secret
    key are made if missing, as on a fresh machine."""
    settings = load_config()
    if config:
        settings.update(config)
    if not (config or {}).get("TESTING"):
        prepare_instance(settings)
    app = ExchangeFlask("exchange", template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.url_map.converters["int"] = IdConverter  # ids outside 1..2^31-1 name no row: 404, not a driver overflow
    app.config.update(settings)
    if not isinstance(app.json, DefaultJSONProvider):
        raise TypeError(f"expected Flask's default JSON provider, got {type(app.json).__name__}")
    app.json.ensure_ascii = False
    app.session_interface = SocketSessionInterface()
    if app.config.get("PROXY_COUNT"):
        n = app.config["PROXY_COUNT"]  # client address and scheme from the trusted proxy only
        # Flask documents wrapping `wsgi_app` so; its stubs declare a method, which mypy won't let be assigned.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    clock.configure(app.config.get("EXCHANGE_FAKE_NOW"), testing=bool(app.config.get("TESTING")))

    app.config["LANGUAGES"] = _prepare_catalogues()
    db.configure(app.config["DATABASE_URL"], app)
    app.teardown_appcontext(db.remove)

    init_storage(app, session=db.session, now=clock.now, offload=run_blocking)
    _init_extensions(app)
    _register_domains(app)
    wire_audit()
    wire(app)
    changes.install()  # every write to the send path's facts bumps its counters
    # the content filter's trained second opinion, and the deployment's floor for its holds
    safety.use_model(app.config["SAFETY_MODEL"], floor=app.config.get("SAFETY_MODEL_FLOOR"))
    register_error_handlers(app)
    ratelimits.init_app(app)
    _security_headers(app)
    return app


def _pick_locale():
    """The reader's choice (profile, else the picker's for a visitor), else the browser's, else the school's."""
    if not has_request_context():  # commands and background tasks speak the default
        return None
    if "locale" not in g:
        user = g.get("user")
        chosen = user.locale if user is not None else session.get("lang")
        g.locale = negotiate.choose(
            chosen, list(request.accept_languages), _school_languages(user), current_app.config["LANGUAGES"]
        )
    return g.locale


def _school_languages(user) -> list[str]:
    if user is None or user.school_id is None:
        return []
    school = db.session.get(School, user.school_id)
    return list(school.languages or []) if school is not None else []


def _pick_timezone():
    user = g.get("user") if has_request_context() else None
    return user.timezone if user is not None and user.timezone else None


def _text_direction() -> str:
    return negotiate.direction(str(get_locale() or "en"))


def _prepare_catalogues() -> list[str]:
    """Build the .mo of any catalogue edited since (a fresh checkout has none); a read-only install
    that shipped them is fine, one that did not speaks English and says so in the log."""
    try:
        catalogues.compile_all()
    except OSError as exc:
        log.warning("translation catalogues not compiled (%s); run scripts/i18n compile", type(exc).__name__)
    built = (lang for lang in catalogues.languages() if catalogues.po_path(lang).with_suffix(".mo").exists())
    return sorted({"en", *built})


def _localtime(value: datetime | str | None, fmt: str = "medium") -> str:
    """A stored UTC time (or its ISO text) in the viewer's locale and time zone."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return format_datetime(value, fmt)


def _localdate(value: date | str | None, fmt: str = "medium") -> str:
    """A calendar day (no time zone: a day is the same everywhere) in the viewer's locale."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return str(value)
    return format_date(value, fmt)


def _who_is_asking() -> None:
    g.user = load_user_from_session()


def _init_extensions(app) -> None:
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_pick_locale, timezone_selector=_pick_timezone)
    queue = {}
    if app.config["REDIS_URL"]:
        # Our own manager so that the Redis pool is large enough: redis-py allows 100 connections
        # by default and each in-flight publish holds one; past that, publishes fail and retry.
        queue["client_manager"] = python_socketio.RedisManager(
            app.config["REDIS_URL"],
            channel=app.config["SOCKETIO_CHANNEL"],
            redis_options={"max_connections": app.config["REDIS_MAX_CONNECTIONS"]},
        )
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        **queue,
        max_http_buffer_size=app.config["SOCKET_MAX_BYTES"],
        ping_interval=10,
        ping_timeout=10,
        logger=False,
        engineio_logger=False,
    )
    bound_queues(socketio.server, app.config["SOCKET_QUEUE_LIMIT"])
    app.before_request(_who_is_asking)
    app.jinja_env.globals.update(
        current_user=current_user,
        get_locale=get_locale,
        text_direction=_text_direction,
        ui_languages=account_language.language_choices,
    )
    app.jinja_env.filters["localtime"] = _localtime
    app.jinja_env.filters["localdate"] = _localdate
    app.jinja_env.filters["label"] = words.label


def _register_domains(app) -> None:
    for bp in (
        health_bp,
        accounts_bp,
        directory_bp,
        dashboard_bp,
        moderation_bp,
        vetting_bp,
        scheduling_bp,
        files_bp,
        guardians_bp,
        identity_bp,
        activities_bp,
        evaluation_bp,
        showcase_bp,
        branding_bp,
        partners_bp,
        citizenship_bp,
        texting_bp,
        conversations_bp,
        conversations_api_bp,
    ):
        app.register_blueprint(bp)
    rooms.init_app(app)


def _headers(resp):
    resp.headers.setdefault("Content-Security-Policy", CSP)
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("X-Frame-Options", "DENY")
    resp.headers.setdefault("Referrer-Policy", "same-origin")
    resp.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.path.startswith("/api/") or g.get("user") is not None:
        resp.headers.setdefault("Cache-Control", "no-store")
    return resp


def _security_headers(app) -> None:
    app.after_request(_headers)
