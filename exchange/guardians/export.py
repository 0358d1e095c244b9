"""Data rights, the first half: a guardian sees and downloads everything the platform keeps that
their child wrote or uploaded. Audited (`data.export`); the CSV shape is `rules.export_csv`."""

from __future__ import annotations

from ..accounts.models import User
from ..db import utcnow
from ..signals import audit, collect_child_writings
from . import shared_work, slips
from .history import child_messages
from .students import guarded_child, rooms_of_student


def child_files(student_id: int) -> list[dict]:
    """Every file the child uploaded, whatever its review state, with the room it went to."""
    return shared_work.by_author(student_id, {r.id: r.title for r in rooms_of_student(student_id)})


def export_child(guardian: User, student_id) -> dict:
    """Everything the platform keeps that the child wrote or uploaded, for their guardian."""
    student = guarded_child(guardian, student_id)
    data = {
        "student": {"id": student.id, "first_name": student.first_name, "last_name": student.last_name},
        "exported_at": utcnow().isoformat().replace("+00:00", "Z"),
        "messages": child_messages(student.id),
        "files": child_files(student.id),
        "writings": collect_child_writings("guardians", user_id=student.id),
        **slips.family_replies(student.id),  # "texts" and "paper_replies": what the family answered
    }
    audit(
        "guardians",
        actor_id=guardian.id,
        action="data.export",
        subject_type="student",
        subject_id=student.id,
        school_id=student.school_id,
        after={
            "messages": len(data["messages"]),
            "files": len(data["files"]),
            "writings": len(data["writings"]),
            "texts": len(data["texts"]),
            "paper_replies": len(data["paper_replies"]),
        },
    )
    return data
