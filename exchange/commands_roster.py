"""`exchange roster import PATH [--school N] [--dry-run]`: a district's nightly OneRoster file.

Registered on the `exchange` group by `commands.py`, whose top-level handler turns a refusal into one
line on stderr and exit code 1. The use case is `exchange/identity/roster_import.py`; the imports
inside the command are deliberate (`exchange --help` loads neither Flask nor the database).
"""

from __future__ import annotations

from pathlib import Path

import click

from .commands_onboarding import _app


@click.group(help="OneRoster rosters from a student information system (CSV, version 1.1 or 1.2).")
def roster() -> None:
    pass


@roster.command(
    "import",
    help="Import a OneRoster CSV roster (a .zip or a folder) into one school: people, classes, enrollments "
    "and guardians (a consent invitation each). --dry-run prints what would change and changes nothing.",
)
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--school", "school_ref", default=None, help="The school's id or exact name; the only school when left out."
)
@click.option("--org", default=None, help="The roster's sourcedId of this school, when the roster holds several.")
@click.option(
    "--as", "acting", default=None, help="The e-mail of the school admin the import acts for (default: the first)."
)
@click.option(
    "--dry-run", is_flag=True, help="Print what would be created, changed and deactivated, and why; change nothing."
)
@click.option("--limit", default=200, show_default=True, help="How many changes the report lists one by one.")
def roster_import(
    path: Path, school_ref: str | None, org: str | None, acting: str | None, dry_run: bool, limit: int
) -> None:
    from sqlalchemy import select  # why: lazy, see the module docstring

    from .accounts.models import User  # why: lazy
    from .clock import today  # why: lazy
    from .db import db  # why: lazy
    from .directory.models import School  # why: lazy
    from .directory.schools import find_school  # why: lazy
    from .errors import Invalid  # why: lazy
    from flask_babel import gettext as _  # why: lazy (Flask)
    from .identity.roster_import import run_import  # why: lazy

    app = _app()
    with app.app_context():
        if school_ref:
            school = find_school(school_ref)
        else:
            schools = list(db.session.scalars(select(School).limit(2)))
            if len(schools) != 1:
                raise Invalid(_("Name the school to import into with --school (see `exchange school list`)."))
            school = schools[0]
        query = select(User).where(User.school_id == school.id, User.role == "admin", User.status == "active")
        if acting:
            query = query.where(User.email == acting.strip().lower())
        actor = db.session.scalars(query.order_by(User.id)).first()
        if actor is None:
            raise Invalid(
                _(
                    "%(school)s has no active school admin%(named)s: the import acts in a school admin's name."
                    " Create one first (exchange user create --role admin).",
                    school=school.name,
                    named=f" {acting}" if acting else "",
                )
            )
        root = app.config.get("LINK_ROOT") or app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000/"
        result = run_import(
            path,
            school,
            actor,
            apply=not dry_run,
            today=today(),
            link_base=root,
            org=org,
            progress=lambda done, total: click.echo(f"  … {done} of {total} changes", err=True),
        )
        click.echo(f"School: {school.name} (id {school.id}); acting for: {actor.email}.")
        for line in result.report_lines(max_changes=limit):
            click.echo(line)
