"""Seed a throwaway Classroom Exchange database for bench/fanout.py --target ours.

Run with the server's environment (EXCHANGE_DATA_DIR pointing at a fresh folder) BEFORE the
server starts. Creates fictional schools, one verified teacher, one class (grade band 9-10,
so rooms are not pre-moderated) and one open room per benchmark room, and N students with
approved memberships, spread round-robin over the rooms. Every account has the password
bench-password-1. Writes a JSON list of {username, room_id} to --out (or stdout).

  EXCHANGE_DATA_DIR=/tmp/x python bench/seed_ours.py --rooms 5 --students 100 --out clients.json
"""

import argparse
import json
import sys
import time
from datetime import timedelta

PASSWORD = "bench-password-1"


def seed(rooms, students):
    from exchange import create_app
    from exchange.schema import upgrade

    app = create_app()
    upgrade(app.config["DATABASE_URL"])
    from exchange.accounts.services import create_user, hash_password
    from exchange.db import db, utcnow
    from exchange.directory.models import ClassMembership
    from exchange.directory.services import create_class, create_school
    from exchange.rooms.admin import create_room

    password_hash = hash_password(PASSWORD)  # once: scrypt is deliberately slow
    out = []
    with app.app_context():
        schools = [
            create_school(name="Bench North School", country="NO", timezone="Europe/Oslo", languages=["en"]),
            create_school(name="Bench South School", country="AU", timezone="Australia/Sydney", languages=["en"]),
        ]
        now = utcnow()
        room_ids, class_ids = [], []
        for r in range(rooms):
            school = schools[r % len(schools)]
            teacher = create_user(
                role="teacher",
                email=f"bench.teacher{r}@bench.example",
                password="",
                password_hash=password_hash,
                first_name="Bench",
                last_name=f"Teacher {r}",
                school_id=school.id,
            )
            teacher.teacher_verified_at = utcnow()
            cls = create_class(teacher, name=f"Bench Class {r}", grade_band="9-10", languages=["en"])
            room = create_room(
                teacher,
                title=f"Bench Room {r}",
                class_ids=[cls.id],
                opens_at=now - timedelta(minutes=1),
                closes_at=now + timedelta(days=1),
            )
            if room.premoderated:
                raise SystemExit(f"room {room.id} is pre-moderated; the benchmark needs a live room")
            room_ids.append(room.id)
            class_ids.append((cls.id, school.id))
        for i in range(students):
            r = i % rooms
            class_id, school_id = class_ids[r]
            username = f"bench.student{i}"
            student = create_user(
                role="student",
                username=username,
                password="",
                password_hash=password_hash,
                first_name="Student",
                last_name=f"Bench {i}",
                school_id=school_id,
            )
            db.session.add(
                ClassMembership(class_id=class_id, user_id=student.id, status="approved", decided_at=utcnow())
            )
            out.append({"username": username, "room_id": room_ids[r]})
        db.session.commit()
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rooms", type=int, required=True)
    parser.add_argument("--students", type=int, required=True)
    parser.add_argument("--out", help="write the JSON list here instead of stdout")
    args = parser.parse_args(argv)
    if args.rooms < 1 or args.students < args.rooms:
        parser.error("need --rooms >= 1 and --students >= --rooms")
    began = time.monotonic()
    clients = seed(args.rooms, args.students)
    text = json.dumps(clients)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text + "\n")
    print(f"seeded {args.rooms} rooms, {args.students} students in {time.monotonic() - began:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
