"""Subcommands of `exchange`: serve, db upgrade, demo, audit, scheduling, vetting, partners, retention; and
from `commands_onboarding.py`: admin create, school create and list, user create.

The imports inside the commands are deliberate: `exchange.cli.main` monkey-patches eventlet
(for `serve`) before anything else loads, and each command loads only the part of the app it
uses (`exchange db upgrade` never builds the app, only `serve` in eventlet mode loads eventlet).

A refusal a person can cause (a `DomainError`, a wrong option, a database that refuses) ends any
command with one line on stderr, never a traceback, SQL or a password hash (`ExchangeGroup`).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import signal
import socket
import sys
from datetime import datetime, timezone

import click
from werkzeug.serving import WSGIRequestHandler

from .commands_onboarding import admin, school, user
from .commands_roster import roster

log = logging.getLogger("exchange.commands")


class ExchangeGroup(click.Group):
    """The `exchange` group: every subcommand runs inside `invoke`, where an error a person can
    cause becomes one line (`Error: ...` on stderr; exit 1, or 2 for a wrong option)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # click's own would print the usage block and a hint first
            where = exc.ctx.command_path if exc.ctx else ctx.command_path
            raise OneLineUsageError(f"{exc.format_message().rstrip('.')} (see `{where} --help`).") from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            sentence = _sentence_for(exc, ctx)
            if sentence is None:
                raise  # a bug: its traceback is what a developer needs
            raise click.ClickException(sentence) from None


class OneLineUsageError(click.ClickException):
    exit_code = 2  # click's code for a wrong command line


def _sentence_for(exc: Exception, ctx: click.Context) -> str | None:
    """The line to show for a refusal or a database error; None for anything else (a bug)."""
    from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError, SQLAlchemyError  # why: lazy

    from .errors import DomainError  # why: lazy, see the module docstring (loads Flask)

    if isinstance(exc, DomainError):
        return exc.message
    if not isinstance(exc, SQLAlchemyError):
        return None
    orig = getattr(exc, "orig", None)
    state = getattr(orig, "sqlstate", None) or getattr(orig, "sqlite_errorname", None)
    # Ids only: never the statement, its parameters or the driver's message (they carry both).
    log.info(  # the person sees the sentence; operators find the ids at INFO level
        "command %r: database error %s (%s, %s)",
        ctx.invoked_subcommand or "-",
        type(exc).__name__,
        type(orig).__name__ if orig is not None else "-",
        state or "-",
    )
    text = str(orig or "").lower()
    if isinstance(exc, (OperationalError, ProgrammingError)) and (
        "no such table" in text or type(orig).__name__ == "UndefinedTable" or state == "42P01"
    ):
        return "The database has no tables yet: run `exchange db upgrade` first."
    if isinstance(exc, IntegrityError):
        return "The database refused this: it conflicts with what is stored (a duplicate or a missing record)."
    if isinstance(exc, OperationalError):
        return "The database could not be used: check DATABASE_URL and that the database is running."
    return "The database refused this; the log names the error."


def _app(serving: bool = False):
    """The app; commands other than `serve` never need eventlet, so they run in threading mode."""
    from . import create_app  # why: lazy, see the module docstring

    return create_app() if serving else create_app({"ASYNC_MODE": "threading"})


def _is_sqlite(app) -> bool:
    return app.config["DATABASE_URL"].startswith("sqlite")


@click.group(cls=ExchangeGroup, help="Classroom Exchange: moderated real-time exchange between school classes.")
def cli() -> None:
    pass


for _group in (admin, school, user, roster):
    cli.add_command(_group)


@cli.command(help="Run the server (Flask-SocketIO; async mode from EXCHANGE_ASYNC_MODE, default eventlet).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Load fictional demo data first (once).")
def serve(host: str, port: int, demo: bool) -> None:
    from .extensions import socketio  # why: lazy, see the module docstring
    from .schema import upgrade  # why: lazy, see the module docstring

    app = _app(serving=True)
    if _is_sqlite(app) or demo:
        upgrade(app.config["DATABASE_URL"])  # embedded default: the schema follows the code on start
    if demo:
        from .demo import load_demo  # why: lazy, see the module docstring

        with app.app_context():
            created = load_demo()
        click.echo("Demo data loaded." if created else "Demo data already present.")
    log = logging.getLogger("exchange.serve")

    def stop(signum, _frame):
        # Graceful: every acked message is already committed, so nothing is lost by leaving now.
        # Drop this process's presence rows so other processes see at once who is gone (the
        # supervision rule depends on it); clients reconnect to another process and resume by seq.
        log.info("signal %s: shutting down", signum)
        try:
            from .rooms.live import forget_server  # why: lazy, see the module docstring

            with app.app_context():
                forget_server()
        except Exception:  # shutting down regardless; the heartbeat expiry covers what is left
            log.exception("presence clean-up failed")
        logging.shutdown()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("serving on http://%s:%s async_mode=%s", host, port, app.config["ASYNC_MODE"])
    if app.config["ASYNC_MODE"] == "eventlet":  # its import warning is filtered in exchange/cli.py: one line here
        log.info("eventlet is deprecated upstream (bugfix-only mode); EXCHANGE_ASYNC_MODE=threading runs without it")
    click.echo(f"Classroom Exchange on http://{host}:{port}  (async mode: {app.config['ASYNC_MODE']})", err=True)
    from .safety.text import warm_up  # why: lazy, see the module docstring

    warm_up()  # compile the word lists now (~2 s once), not on a student's first message
    # The word lists are about a million objects that live as long as the process. Every full
    # garbage collection walked them all: a pause of 0.3-0.5 s in which no room moved (the paced
    # bench's p99). Frozen, collections skip them; they are never garbage anyway.
    gc.collect()
    gc.freeze()
    if app.config["ASYNC_MODE"] == "eventlet":
        _serve_eventlet(app, host, port)
    else:
        click.echo(
            "Warning: threading mode runs Werkzeug's development server; use the default eventlet mode "
            "for a school (README, Settings: EXCHANGE_ASYNC_MODE).",
            err=True,
        )
        socketio.run(
            app,
            host=host,
            port=port,
            use_reloader=False,
            allow_unsafe_werkzeug=True,
            request_handler=_werkzeug_handler(),
        )


def _werkzeug_handler():
    """Werkzeug's request handler, closing the connection once a WebSocket on it has ended.

    simple-websocket signals the end of a WebSocket by raising ConnectionError, which Werkzeug
    treats as a dropped connection without closing it: it then read the client's WebSocket close
    frame as a new HTTP request (logging "code 400, message Bad request syntax ('\\x88...')"), and
    the client, whose close frame was swallowed, waited about 3 s for an answer. Closing the
    connection at that point fixes both: the client sees the end of the stream at once."""

    class WebSocketAwareHandler(WSGIRequestHandler):
        def connection_dropped(self, error, environ=None) -> None:
            self.close_connection = True

    return WebSocketAwareHandler


def _serve_eventlet(app, host: str, port: int) -> None:
    """What socketio.run does for eventlet, plus TCP_NODELAY on the listening socket (inherited by
    every connection): without it small frames such as acks wait ~40 ms for delayed ACKs."""

    import eventlet  # why: only `serve` in eventlet mode loads eventlet
    import eventlet.wsgi  # why: as above

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = eventlet.listen((host, port), family=family)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    eventlet.wsgi.server(listener, app, log_output=False)


@cli.group(help="Database schema.")
def db() -> None:
    pass


@db.command("upgrade", help="Create or upgrade the schema to the newest migration.")
def db_upgrade() -> None:
    from .config import load_config, prepare_instance  # why: lazy, see the module docstring
    from .schema import upgrade  # why: lazy, see the module docstring

    url = prepare_instance(load_config())["DATABASE_URL"]  # a fresh machine: make the data folder first
    upgrade(url)
    click.echo("Database is up to date.")


@cli.command(help="Load fictional demo data (schools, classes, people, an open exchange room).")
def demo() -> None:
    from .demo import load_demo  # why: lazy, see the module docstring
    from .schema import upgrade  # why: lazy, see the module docstring

    app = _app()
    upgrade(app.config["DATABASE_URL"])
    with app.app_context():
        created = load_demo()
    click.echo("Demo data loaded." if created else "Demo data already present.")


@cli.group(help="The tamper-evident audit log.")
def audit() -> None:
    pass


@audit.command("verify", help="Recompute the hash chain; exit 1 if any record was edited, deleted or reordered.")
def audit_verify() -> None:
    from .storage import audit_log  # why: lazy, see the module docstring

    app = _app()
    with app.app_context():
        result = audit_log().verify()
        seq, head = audit_log().head()
    if result.ok:
        click.echo(f"Audit log OK: {result.checked} records, head {seq} {head}.")
        return
    click.echo(
        f"Audit log BROKEN at record {result.first_bad_seq}: {result.problem} ({result.checked} records checked).",
        err=True,
    )
    sys.exit(1)


@audit.command("export", help="Print the audit log (or one room's part, or a period) as JSON lines or CSV.")
@click.option("--room", type=int, default=None)
@click.option("--since", default=None, help="ISO 8601, inclusive")
@click.option("--until", default=None, help="ISO 8601, exclusive")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
def audit_export(room, since, until, fmt) -> None:
    from .csv_export import csv_text  # why: lazy, see the module docstring
    from .storage import audit_log  # why: lazy, see the module docstring

    app = _app()
    with app.app_context():
        rows = list(audit_log().records(room_id=room, since=_when(since), until=_when(until)))
    fields = (
        "seq",
        "at",
        "actor_id",
        "action",
        "subject_type",
        "subject_id",
        "room_id",
        "school_id",
        "school_ids",
        "reason",
        "before",
        "after",
        "prev_hash",
        "hash",
    )
    values = []
    for r in rows:
        record = {f: getattr(r, f) for f in fields}
        record["at"] = r.at.isoformat()
        values.append(record)
    if fmt == "csv":
        click.echo(csv_text(fields, ([v[f] for f in fields] for v in values)), nl=False)
        return
    for record in values:
        click.echo(json.dumps(record, ensure_ascii=False))


def _when(value):
    """An ISO 8601 option as an aware UTC datetime (None stays None: the real clock)."""

    if not value:
        return None
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


@cli.group(help="Sessions between classes.")
def scheduling() -> None:
    pass


@scheduling.command("remind", help="Mail reminders of sessions starting within EXCHANGE_REMINDER_HOURS (once each).")
@click.option("--now", default=None, help="ISO 8601 time to act as now.")
def scheduling_remind(now):
    from .scheduling.reminders import send_due_reminders  # why: lazy, see the module docstring

    app = _app()
    with app.app_context():
        click.echo(f"{send_due_reminders(_when(now))} reminders sent")


@cli.group(help="Expert vetting.")
def vetting() -> None:
    pass


@vetting.command("expire", help="Mark lapsed vetting records expired (audited) and remove those experts from rooms.")
def vetting_expire():
    from .vetting.expiry import expire_due  # why: lazy, see the module docstring

    app = _app()
    with app.app_context():
        ids = expire_due()
    click.echo(f"Expired {len(ids)} vetting record(s).")


@vetting.command("remind", help="Mail experts whose evidence expires soon (once per item).")
def vetting_remind():
    from .vetting.expiry import send_reminders  # why: lazy, see the module docstring

    app = _app()
    with app.app_context():
        sent = send_reminders()
    click.echo(f"Sent {sent if isinstance(sent, int) else len(sent)} reminder(s).")


@cli.group(help="Community partners: organisations and partnership agreements.")
def partners() -> None:
    pass


@partners.command(
    "remind",
    help="Mail organisations whose evidence expires within 30 days, and the signers of agreements due for renewal (once each).",
)
def partners_remind():
    from .partners import agreements, verification  # why: lazy, see the module docstring

    app = _app()
    with app.app_context():
        evidence = verification.send_reminders()
        renewals = agreements.send_reminders()
    click.echo(f"Sent {evidence} evidence reminder(s) and {renewals} agreement reminder(s).")


@cli.group(help="Data retention.")
def retention() -> None:
    pass


@retention.command("run", help="Empty messages and delete files of classes whose term ended more than N days ago.")
@click.option("--days", type=int, default=None, help="Days after the end of term (default: each school's setting).")
@click.option("--now", default=None, help="ISO 8601 date to act as now (past only).")
def retention_run(days, now):
    from .db import utcnow  # why: lazy, see the module docstring
    from .guardians.retention import run_retention  # why: lazy, see the module docstring

    app = _app()
    with app.app_context():
        result = run_retention(_when(now) or utcnow(), days_after_term=days)
    if isinstance(result, dict):
        click.echo(", ".join(f"{k}: {v}" for k, v in result.items()))
    else:
        click.echo(str(result))
