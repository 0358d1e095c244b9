"""OneRoster import into a real database: a 10,000-student school, dry run, real run, and the same file again.

  python bench/roster_import.py                                   # SQLite in a temp folder
  python bench/roster_import.py --database-url postgresql://postgres@127.0.0.1:5432/roster_bench
  python bench/roster_import.py --students 2000                   # smaller

Writes the fictional roster with `bench/roster_big.py`'s writer (one school; a teacher per 20 students,
classes of 25, each student in 6 of them, 1 or 2 guardians each), makes the school and its admin, then
runs `exchange.identity.roster_import.run_import` three times and prints, for each: wall time, the
changes planned and done, the consent invitations e-mailed (to `.eml` files in the temp folder), and the
process's peak RSS at the end. Nothing is asserted: the tests decide correctness.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from roster_big import write_roster  # noqa: E402

TODAY = date(2026, 3, 2)  # inside the school year roster_big writes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in a temp folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="roster-bench-"))
    os.environ["EXCHANGE_DATA_DIR"] = str(work / "data")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    roster = work / "roster"
    roster.mkdir()
    rows = write_roster(roster, args.students, 1, 6)
    print(f"roster: {', '.join(f'{k} {v:,}' for k, v in rows.items())} rows")

    from sqlalchemy import select

    from exchange import create_app
    from exchange.accounts.models import User
    from exchange.db import db
    from exchange.directory.models import School
    from exchange.directory.schools import create_school_user
    from exchange.directory.services import create_school
    from exchange.identity.roster_import import run_import
    from exchange.schema import upgrade

    app = create_app({"ASYNC_MODE": "threading"})
    upgrade(app.config["DATABASE_URL"])
    with app.app_context():
        first = db.session.scalars(select(School)).first()
        if first is None:
            org_name = next(line.split(",")[3] for line in (roster / "orgs.csv").open() if ",school," in line)
            first = create_school(name=org_name, country="NZ", timezone="Pacific/Auckland", languages=["en"])
            db.session.commit()
            create_school_user(
                role="admin",
                email="admin@bench.example.edu",
                password="bench-admin-password",
                first_name="Bench",
                last_name="Admin",
                school=f"#{first.id}",
                verified=False,
            )
            db.session.commit()
        school = db.session.get(School, first.id)
        actor = db.session.scalars(select(User).where(User.role == "admin", User.school_id == school.id)).first()
        for label, apply in (("dry run", False), ("first import", True), ("same file again", True)):
            t = time.perf_counter()
            result = run_import(roster, school, actor, apply=apply, today=TODAY, link_base="http://127.0.0.1:5000/")
            seconds = time.perf_counter() - t
            planned = len(result.plan.changes)
            done = sum(result.done.values())
            print(
                f"{label}: {seconds:.1f} s; {planned:,} changes planned, {done:,} done, {len(result.failed)} refused, "
                f"{result.invitations:,} consent invitations, {len(result.plan.problems)} problems"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MiB; database: {app.config['DATABASE_URL'].split('@')[-1]}")


if __name__ == "__main__":
    main()
