"""Domain errors and the one place they become HTTP answers (HTML for pages, JSON for the API)."""

from __future__ import annotations

import logging

from flask import jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .db import db

log = logging.getLogger("exchange.errors")


class DomainError(Exception):
    """An expected refusal with a machine code and a message fit to show the user."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, code: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status


class Invalid(DomainError):
    status, code = 400, "invalid"


class Unauthenticated(DomainError):
    status, code = 401, "login_required"


class Forbidden(DomainError):
    status, code = 403, "forbidden"


class NotFound(DomainError):
    status, code = 404, "not_found"


class Conflict(DomainError):
    status, code = 409, "conflict"


class TooManyRequests(DomainError):
    status, code = 429, "too_many_requests"


def wants_json() -> bool:
    if request.path.startswith("/api/") or request.path == "/healthz":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def page_title(status: int) -> str:
    """The heading of an error page: what happened, in a few plain words."""
    titles = {
        400: _("That did not work"),
        401: _("Please log in first"),
        403: _("You cannot do this here"),
        404: _("We could not find that"),
        405: _("That did not work"),
        409: _("Things have changed"),
        413: _("That is too large"),
        415: _("That did not work"),
        429: _("Please wait a moment"),
    }
    return titles.get(status, _("Something went wrong"))


def status_sentence(status: int) -> str:
    """A sentence for a status when a refusal came without one of its own (never shown bare as a code)."""
    sentences = {
        400: _("The request could not be understood."),
        401: _("Please log in first."),
        403: _("You are not allowed to do that."),
        404: _("There is nothing here."),
        409: _("Someone changed this in the meantime. Reload the page to see it as it is now."),
        429: _("Too many requests. Wait a moment and try again."),
    }
    return sentences.get(status, _("Something went wrong on our side. It has been logged."))


def next_step(code: str, status: int) -> str:
    """What the person can do about a refusal: by its code where one fits, else by its status."""
    by_code = {
        "consent_missing": _(
            "Ask your parent or guardian to give consent, online or on the paper letter from your teacher."
        ),
        "consent_withdrawn": _("Talk to your parent or guardian, or ask your teacher what this means for you."),
        "citizenship_missing": _(
            "Open Digital citizenship from your dashboard: the lesson takes about ten minutes, then come back."
        ),
        "teacher_not_verified": _("A school admin verifies teachers on the People page of their school."),
        "expert_not_verified": _("Your checklist on the My verification page shows what a verifier still needs."),
        "not_a_member": _("Ask your teacher to add you or your class to this room."),
        "csrf_failed": _("Go back, reload the page and send the form again."),
        "too_many_requests": _("Wait a minute and try again."),
    }
    if code in by_code:
        return by_code[code]
    by_status = {
        403: _("If you think you should be able to do this, ask your teacher or your school admin."),
        404: _("The link may be old, or what it pointed to was removed."),
        409: _("Reload the page to see the current state."),
        500: _("Try again in a moment. If it happens again, tell your teacher or school admin."),
    }
    return by_status.get(status, "")


def _is_sentence(message: str, code: str) -> bool:
    text = (message or "").strip()
    return bool(text) and text != code and " " in text


def error_response(status: int, code: str, message: str):
    """Answer one error in the form the client asked for. A page shows a plain heading, the
    refusal's sentence and what to do next; the code stays in small print for support."""
    if wants_json():
        resp = jsonify({"error": {"code": code, "message": message}})
        resp.status_code = status
        return resp
    if not _is_sentence(message, code):
        message = status_sentence(status)
    try:
        return render_template(
            "error.html",
            status=status,
            code=code,
            message=message,
            title=page_title(status),
            hint=next_step(code, status),
        ), status
    except Exception:  # the error page itself failed: answer plainly rather than recurse
        log.exception("error page failed")
        return message, status, {"Content-Type": "text/plain; charset=utf-8"}


def register_error_handlers(app) -> None:
    @app.errorhandler(DomainError)
    def _domain(exc: DomainError):
        log.info("refused path=%s code=%s status=%s", request.path, exc.code, exc.status)
        if exc.status == 401 and not wants_json():  # a page: straight to the login form
            return redirect(url_for("accounts.login"))
        return error_response(exc.status, exc.code, exc.message)

    @app.errorhandler(CSRFError)
    def _csrf(exc):
        log.info("csrf refused path=%s", request.path)
        return error_response(
            400, "csrf_failed", _("Your form expired or was sent from elsewhere. Reload the page and try again.")
        )

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        messages = {
            400: _("The request could not be understood."),
            401: _("Please log in first."),
            403: _("You are not allowed to do that."),
            404: _("There is nothing here."),
            405: _("That method is not allowed here."),
            413: _("That is too large to send."),
            415: _("That content type is not accepted here."),
            429: _("Too many requests. Wait a moment and try again."),
        }
        message = messages.get(exc.code or 500, exc.description or _("Something went wrong."))
        code = (exc.name or "error").lower().replace(" ", "_")
        return error_response(exc.code or 500, code, message)

    @app.errorhandler(Exception)
    def _crash(exc: Exception):
        # Never a stack trace to the client; the log keeps it (with ids only, no user content).
        log.exception("unhandled error path=%s", request.path)
        db.session.rollback()
        return error_response(500, "server_error", _("Something went wrong on our side. It has been logged."))
