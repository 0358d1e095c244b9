"""The one edge every Socket.IO event of every domain goes through.

`@event("name")` checks that the payload is a JSON object of sane size and that the sender is
still a valid logged-in user (suspension or a new auth epoch ends the socket), then answers
`{ok: false, error: CODE, message}` for any refusal and never lets an exception reach the
client. Logs carry event names and ids, never content.
"""

from __future__ import annotations

import functools
import json
import logging

from flask import Flask, current_app, request
from flask.ctx import RequestContext
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _

from . import changes
from .apidoc import unstorable
from .accounts.sessions import load_socket_user
from .db import db
from .errors import DomainError
from .extensions import socketio
from .ids import as_id

log = logging.getLogger("exchange.sockets")


class SocketSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, without decoding the cookie again for each Socket.IO event.

    Flask-SocketIO runs every event in a request context made from the connection's environ and
    then swaps in its own copy of the session, taken at connect (`saved_session`). Flask would first
    verify and decode the cookie for that context, on every chat message, only to drop the result:
    an event's context gets the connection's copy straight away. HTTP requests are unchanged."""

    def open_session(self, app, request):
        saved = request.environ.get("saved_session")
        if saved is not None:
            return saved
        return super().open_session(app, request)


class _EventContext(RequestContext):
    """The request context of one Socket.IO event: no URL matching. An event names no route (its
    environ is the connection's `/socket.io/` request, which matches none); matching it against
    the app's few hundred rules only to record a 404 cost about 4 % of the server under a flood.
    `request.url_rule` stays None as before; URLs can still be built (`url_for`)."""

    def match_request(self) -> None:
        return None


class ExchangeFlask(Flask):
    """Flask, with Socket.IO events' contexts made without URL matching (`_EventContext`).
    Flask-SocketIO makes one from the connection's environ per event; it marks that environ
    with the connection's saved session from its first event on."""

    def request_context(self, environ) -> RequestContext:
        if "saved_session" in environ:
            return _EventContext(self, environ)
        return super().request_context(environ)


def error(code: str, message: str) -> dict:
    return {"ok": False, "error": code, "message": message}


def _too_large(data) -> bool:
    try:
        return len(json.dumps(data, ensure_ascii=False)) > current_app.config["MESSAGE_MAX_CHARS"] * 4 + 1024
    except (TypeError, ValueError):
        return True


def event(name: str):
    """Register `fn(user, data) -> ack` as the handler of Socket.IO event `name`."""

    def decorator(fn):
        @functools.wraps(fn)
        def wrapped(data=None, *_extra):
            try:
                if not isinstance(data, dict):
                    return error("invalid_payload", _("The payload must be a JSON object."))
                if _too_large(data):
                    return error("payload_too_large", _("That is too large to send."))
                if unstorable(data):
                    return error("invalid_text", _("The text holds characters that cannot be stored."))
                room_id = as_id(data.get("room"))
                if room_id is not None:  # its counters come with the login's, in one read
                    changes.expect((changes.room_key(room_id),))
                user = load_socket_user()
                if user is None:
                    socketio.server.disconnect(request.sid, namespace="/")
                    return error("login_required", _("Please log in again."))
                return fn(user, data)
            except DomainError as exc:
                db.session.rollback()
                log.info("event refused event=%s sid=%s code=%s", name, request.sid, exc.code)
                return error(exc.code, exc.message)
            except Exception:
                db.session.rollback()
                log.exception("event failed event=%s sid=%s", name, request.sid)
                return error("server_error", _("Something went wrong on our side. It has been logged."))

        socketio.on_event(name, wrapped)
        return wrapped

    return decorator
