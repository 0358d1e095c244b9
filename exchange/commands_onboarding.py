"""Subcommands of `exchange` that start a school from zero: admin create, school create and list,
user create. Registered on the `exchange` group by `commands.py`, whose top-level handler turns
a refusal into one line on stderr and exit code 1.

Thin edges: the use cases are in `exchange/directory/schools.py`. The imports inside the commands
are deliberate, as in `commands.py`: `exchange --help` loads neither Flask nor the database.
"""

from __future__ import annotations

import logging
import sys

import click

ROLES = ("admin", "teacher", "student", "expert", "moderator", "guardian")

_password = click.option(
    "--password",
    default=None,
    help="At least 10 characters; asked for (hidden) on a terminal when left out, out of the shell history.",
)


def _password_or_prompt(password: str | None) -> str:
    """The password given, or typed twice (hidden) on a terminal; a script must pass --password."""
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise click.UsageError("Missing option '--password'.")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _app():
    """The app in threading mode; on SQLite (the embedded default) the schema follows the code
    first, as `exchange serve` does, so that a fresh data folder needs no `exchange db upgrade`."""
    from . import create_app  # why: lazy, see the module docstring
    from .schema import upgrade  # why: lazy, see the module docstring

    app = create_app({"ASYNC_MODE": "threading"})
    if app.config["DATABASE_URL"].startswith("sqlite"):
        alembic = logging.getLogger("alembic")
        level = alembic.level
        alembic.setLevel(logging.WARNING)  # its progress lines are for `exchange db upgrade`, not here
        try:
            upgrade(app.config["DATABASE_URL"])
        finally:
            alembic.setLevel(level)
    return app


@click.group(help="The platform administrator (an admin of no school).")
def admin() -> None:
    pass


@admin.command("create", help="Create a platform administrator: every school's audit records, platform moderators.")
@click.option("--email", required=True)
@_password
@click.option("--first-name", default="Platform", show_default=True)
@click.option("--last-name", default="Administrator", show_default=True)
def admin_create(email: str, password: str | None, first_name: str, last_name: str) -> None:
    from .directory.schools import create_platform_admin  # why: lazy, see the module docstring

    password = _password_or_prompt(password)
    with _app().app_context():
        user = create_platform_admin(email=email, password=password, first_name=first_name, last_name=last_name)
        click.echo(f"Created platform administrator {user.login_name} with id {user.id}.")


@click.group(help="Schools.")
def school() -> None:
    pass


@school.command("create", help="Create a school; prints its id and name.")
@click.option("--name", required=True, help="Unique: commands name a school by it (or by its id).")
@click.option("--country", required=True, help="ISO 3166 two-letter code, e.g. NO, KE, AU.")
@click.option("--timezone", required=True, help="IANA time zone, e.g. Europe/Oslo.")
@click.option("--region", default="", help="State, county or city (optional).")
@click.option("--languages", default="en", show_default=True, help="Comma-separated codes, e.g. en,es.")
def school_create(name: str, country: str, timezone: str, region: str, languages: str) -> None:
    from .directory.schools import create_school  # why: lazy, see the module docstring

    with _app().app_context():
        s = create_school(name=name, country=country, timezone=timezone, region=region, languages=languages)
        click.echo(f"Created school {s.id}: {s.name} ({s.country}, {s.timezone}, languages {', '.join(s.languages)}).")


@school.command("list", help="List the schools: id, name, country, time zone, languages.")
def school_list() -> None:
    from .directory.schools import list_schools  # why: lazy, see the module docstring

    with _app().app_context():
        schools = list_schools()
        if not schools:
            click.echo("No schools yet: create one with `exchange school create`.")
            return
        rows = [(str(s.id), s.name, s.country, s.timezone, ",".join(s.languages), s.region) for s in schools]
        header = ("id", "name", "country", "timezone", "languages", "region")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for r in [header, *rows]:
            click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())


@click.group(help="User accounts, for scripts.")
def user() -> None:
    pass


@user.command("create", help="Create a user account; teachers, students and school admins need --school.")
@click.option("--role", required=True, help="One of: " + ", ".join(ROLES) + ".")
@click.option("--email", default=None, help="Adults log in with an e-mail address.")
@click.option("--username", default=None, help="Students may log in with a username instead.")
@_password
@click.option("--first-name", default="New", show_default=True)
@click.option("--last-name", default="User", show_default=True)
@click.option("--school", "school_ref", default=None, help="The school's id or exact name (`exchange school list`).")
@click.option("--school-id", default=None, type=int, hidden=True, help="Older spelling of --school with an id.")
@click.option("--verified", is_flag=True, help="For teachers: mark as verified by their school.")
def user_create(role, email, username, password, first_name, last_name, school_ref, school_id, verified) -> None:
    from .directory.schools import create_school_user  # why: lazy, see the module docstring

    if school_ref and school_id is not None:
        raise click.UsageError("Give --school or --school-id, not both.")
    password = _password_or_prompt(password)
    with _app().app_context():
        u = create_school_user(
            role=role.strip().lower(),
            email=email,
            username=username,
            password=password,
            first_name=first_name,
            last_name=last_name,
            school=school_ref or (f"#{school_id}" if school_id is not None else None),
            verified=verified,
        )
        where = f" of school {u.school_id}" if u.school_id else ""
        click.echo(f"Created {u.role} {u.login_name}{where} with id {u.id}.")
