"""The retention policy: some days after a class's term ends, the messages and files of every
room the class took part in go. A school sets its own number of days; `exchange retention run`
and the admin's button apply it. Running again purges nothing new."""

from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import SchoolClass
from ..errors import Invalid
from ..signals import audit
from ..storage import message_log
from . import rules, shared_work
from .history import records_of
from .models import RetentionPolicy, RetentionRun
from .students import rooms_of_classes

log = logging.getLogger("exchange.guardians")


def default_retention_days() -> int:
    return int(current_app.config.get("RETENTION_DAYS", 365))


def retention_days(school_id: int | None) -> int:
    policy = (
        db.session.scalar(select(RetentionPolicy).where(RetentionPolicy.school_id == school_id)) if school_id else None
    )
    return policy.days_after_term if policy else default_retention_days()


def set_retention(admin: User, days) -> RetentionPolicy:
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 3650:
        raise Invalid(_("Days after the end of term must be a whole number from 0 to 3650."), code="invalid_days")
    policy = db.session.scalar(select(RetentionPolicy).where(RetentionPolicy.school_id == admin.school_id))
    before = policy.days_after_term if policy else None
    if policy is None:
        policy = RetentionPolicy(school_id=admin.school_id, days_after_term=days)
        db.session.add(policy)
    policy.days_after_term, policy.updated_by, policy.updated_at = days, admin.id, utcnow()
    db.session.commit()
    audit(
        "guardians",
        actor_id=admin.id,
        action="retention.settings",
        subject_type="school",
        subject_id=admin.school_id,
        school_id=admin.school_id,
        before={"days_after_term": before},
        after={"days_after_term": days},
    )
    return policy


def run_retention(
    now: datetime | None = None,
    *,
    days_after_term: int | None = None,
    school_id: int | None = None,
    actor_id: int | None = None,
) -> dict:
    """Purge the rooms of every class whose term ended more than N days before `now`.

    N is `days_after_term` when given, else the school's policy, else EXCHANGE_RETENTION_DAYS.
    Message bodies are emptied (meta `retention`), file blobs deleted; one audit record per room.
    Running again finds nothing new to purge.
    """
    now = now or utcnow()
    q = select(SchoolClass).where(SchoolClass.term_end.is_not(None))
    if school_id is not None:
        q = q.where(SchoolClass.school_id == school_id)
    due = [
        c
        for c in db.session.scalars(q)
        if rules.retention_due(
            c.term_end, days_after_term if days_after_term is not None else retention_days(c.school_id), now
        )
    ]
    school_of: dict[int, int] = {}  # room id -> the school whose policy purged it
    for c in due:
        for room in rooms_of_classes([c.id]):
            school_of.setdefault(room.id, c.school_id)
    log_ = message_log()
    purged, total_messages, total_files = [], 0, 0
    for room_id in sorted(school_of):
        n = 0
        for r in records_of(room_id):
            if r.meta.get("retention") or (r.kind != "message" and not r.body):
                continue
            log_.redact(room_id, r.seq, "", dict(r.meta, retention=True, removed=True))
            n += 1
        files = shared_work.erase(shared_work.ids_in_rooms([room_id]), actor_id=actor_id, reason="retention")
        if n or files:
            purged.append(room_id)
            total_messages += n
            total_files += files
            audit(
                "guardians",
                actor_id=actor_id,
                action="retention.purge_room",
                subject_type="room",
                subject_id=room_id,
                room_id=room_id,
                school_id=school_of[room_id],
                after={"messages": n, "files": files, "as_of": now.isoformat()},
            )
    run = RetentionRun(
        ran_at=utcnow(),
        as_of=now,
        actor_id=actor_id,
        school_id=school_id,
        rooms=len(purged),
        messages=total_messages,
        files=total_files,
    )
    db.session.add(run)
    db.session.commit()
    audit(
        "guardians",
        actor_id=actor_id,
        action="retention.run",
        subject_type="retention_run",
        subject_id=run.id,
        school_id=school_id,
        after={"rooms": len(purged), "messages": total_messages, "files": total_files, "classes": [c.id for c in due]},
    )
    log.info("retention run=%s rooms=%d messages=%d files=%d", run.id, len(purged), total_messages, total_files)
    return {
        "run_id": run.id,
        "as_of": now.isoformat().replace("+00:00", "Z"),
        "classes": [c.id for c in due],
        "rooms": purged,
        "messages": total_messages,
        "files": total_files,
    }


def recent_runs(school_id: int | None, limit: int = 5) -> list[RetentionRun]:
    return list(
        db.session.scalars(
            select(RetentionRun)
            .where(or_(RetentionRun.school_id == school_id, RetentionRun.school_id.is_(None)))
            .order_by(RetentionRun.id.desc())
            .limit(limit)
        )
    )
