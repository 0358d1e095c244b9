"""Classroom Exchange: moderated, supervised real-time exchange between school classes.

`create_app(config)` is the only place where settings, the database, extensions, domains
and their edges are wired together. Nothing imports the factory.
"""
from __future__ import annotations

import logging
from pathlib import Path

# Flask is imported inside the functions: `exchange serve` must monkey-patch eventlet before
# any other module loads, and importing this package comes first.
ROOT = Path(__file__).resolve().parent.parent

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")


def create_app(config: dict | None = None):
    from flask import Flask

    from .config import load_config

    from .ids import IdConverter

    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.url_map.converters["int"] = IdConverter  # ids outside 1..2^31-1 name no row: 404, not a driver overflow
    app.config.update(load_config())
    if config:
        app.config.update(config)
    app.json.ensure_ascii = False
    if app.config.get("PROXY_COUNT"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = app.config["PROXY_COUNT"]  # client address and scheme from the trusted proxy only
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from . import clock

    clock.configure(app.config.get("EXCHANGE_FAKE_NOW"), testing=bool(app.config.get("TESTING")))

    from .db import db

    db.configure(app.config["DATABASE_URL"])
    app.teardown_appcontext(db.remove)

    from .storage import init_storage

    init_storage(app, session=db.session, now=clock.now)
    _init_extensions(app)
    _register_domains(app)

    from .auditing import wire_audit

    wire_audit()
    from .wiring import wire

    wire(app)
    from .errors import register_error_handlers

    register_error_handlers(app)
    from . import ratelimits

    ratelimits.init_app(app)
    _security_headers(app)
    return app


def _init_extensions(app) -> None:
    from flask import g, request
    from flask_babel import format_datetime

    from .accounts.sessions import load_user_from_session
    from .authz import current_user
    from .extensions import babel, csrf, socketio

    csrf.init_app(app)

    from flask import has_request_context

    def pick_locale():
        if not has_request_context():  # commands and background tasks speak the default
            return None
        user = g.get("user")
        if user is not None and user.locale:
            return user.locale
        return request.accept_languages.best_match(["en"]) or "en"

    def pick_timezone():
        user = g.get("user") if has_request_context() else None
        return user.timezone if user is not None else None

    babel.init_app(app, locale_selector=pick_locale, timezone_selector=pick_timezone)
    queue = {}
    if app.config["REDIS_URL"]:
        import socketio as python_socketio

        # Our own manager so that the Redis pool is large enough: redis-py allows 100 connections
        # by default and each in-flight publish holds one; past that, publishes fail and retry.
        queue["client_manager"] = python_socketio.RedisManager(
            app.config["REDIS_URL"], channel=app.config["SOCKETIO_CHANNEL"],
            redis_options={"max_connections": app.config["REDIS_MAX_CONNECTIONS"]})
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        **queue,
        max_http_buffer_size=app.config["SOCKET_MAX_BYTES"],
        ping_interval=10, ping_timeout=10,
        logger=False, engineio_logger=False,
    )

    @app.before_request
    def _who_is_asking():
        g.user = load_user_from_session()

    from flask_babel import get_locale

    def text_direction() -> str:
        return "rtl" if str(get_locale() or "en")[:2] in ("ar", "he", "fa", "ur") else "ltr"

    app.jinja_env.globals.update(current_user=current_user, get_locale=get_locale, text_direction=text_direction)
    app.jinja_env.filters["localtime"] = lambda dt, fmt="medium": format_datetime(dt, fmt) if dt else ""


def _register_domains(app) -> None:
    from .accounts.views import bp as accounts_bp
    from .dashboard.views import bp as dashboard_bp
    from .directory.views import bp as directory_bp
    from .health import bp as health_bp

    from .files.views import bp as files_bp
    from .guardians.views import bp as guardians_bp
    from .moderation.views import bp as moderation_bp
    from .scheduling.views import bp as scheduling_bp
    from .vetting.views import bp as vetting_bp

    for bp in (health_bp, accounts_bp, directory_bp, dashboard_bp, moderation_bp, vetting_bp, scheduling_bp,
               files_bp, guardians_bp):
        app.register_blueprint(bp)
    from . import rooms
    from .moderation import events as _moderation_events  # noqa: F401  (registers handlers)

    rooms.init_app(app)


def _security_headers(app) -> None:
    from flask import g, request

    @app.after_request
    def _headers(resp):
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.path.startswith("/api/") or g.get("user") is not None:
            resp.headers.setdefault("Cache-Control", "no-store")
        return resp
