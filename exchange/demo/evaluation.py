"""Demo data of a partnership's evaluation: the demo room's survey before and after, with answers
from both classes, a teacher's self-assessment and a school admin's review that awards the Quality
label, so that the room's surveys page and /impact show figures on a first visit. Fictional."""

from __future__ import annotations

from datetime import timedelta

from ..accounts.models import User
from ..db import db, utcnow
from ..evaluation import rubric
from ..evaluation.models import RubricAssessment, SurveyAnswer, SurveyRound
from ..rooms.models import Room

# student -> (before scales, before line, after scales, after line); None: not answered (yet)
ANSWERS = {
    "nora.berg": (
        {"knowledge": 1, "comfort": 2, "similarity": 2},
        "Sydney is by the sea.",
        {"knowledge": 3, "comfort": 4, "similarity": 3},
        "They have lessons outside because it is warm in February.",
    ),
    "elias.haugen": ({"knowledge": 2, "comfort": 2, "similarity": 1}, "", None, ""),
    "mia.thompson": (
        {"knowledge": 1, "comfort": 3, "similarity": 2},
        "Norway has fjords and a lot of snow.",
        {"knowledge": 3, "comfort": 4, "similarity": 3},
        "In Oslo it gets dark at three in the afternoon in winter.",
    ),
    "jack.nguyen": (
        {"knowledge": 2, "comfort": 2, "similarity": 2},
        "",
        {"knowledge": 3, "comfort": 3, "similarity": 3},
        "They eat brown cheese on bread for lunch.",
    ),
}
SELF = (
    {"collaboration": 3, "innovation": 2, "curriculum": 3, "technology": 2, "results": 2, "safety": 3},
    {
        "collaboration": "Mixed teams of both classes compared weather diaries every week.",
        "curriculum": "Part of our geography unit on climate zones.",
        "safety": "The classes agreed on chat rules in the first session.",
    },
)
REVIEW = (
    {"collaboration": 3, "innovation": 2, "curriculum": 3, "technology": 2, "results": 3, "safety": 3},
    {
        "collaboration": "Both teachers planned every session together.",
        "results": "The shared weather poster was shown to families at both schools.",
    },
)


def load_evaluation_demo(people: dict[str, User], room: Room) -> None:
    astrid = people["astrid.lunde@fjordvik.example"]
    reviewer = people["admin@wattlecreek.example"]
    now = utcnow()
    before = SurveyRound(room_id=room.id, phase="before", opened_by=astrid.id, opened_at=now - timedelta(minutes=4))
    after = SurveyRound(room_id=room.id, phase="after", opened_by=astrid.id, opened_at=now - timedelta(minutes=2))
    db.session.add_all([before, after])
    db.session.flush()
    students = {u.username: u for u in db.session.query(User).filter(User.username.in_(list(ANSWERS)))}
    for username, (scales_before, line_before, scales_after, line_after) in ANSWERS.items():
        student = students[username]
        for survey_round, scales, line in ((before, scales_before, line_before), (after, scales_after, line_after)):
            if scales is None:
                continue
            db.session.add(
                SurveyAnswer(
                    round_id=survey_round.id,
                    room_id=room.id,
                    user_id=student.id,
                    school_id=student.school_id,
                    phase=survey_round.phase,
                    scales=scales,
                    texts={"one_thing": line} if line else {},
                    answered_at=survey_round.opened_at + timedelta(minutes=1),
                )
            )
    for author, kind, (scores, notes) in ((astrid, "self", SELF), (reviewer, "review", REVIEW)):
        db.session.add(
            RubricAssessment(
                room_id=room.id,
                author_id=author.id,
                kind=kind,
                scores=scores,
                notes=notes,
                label=kind == "review" and rubric.awarded(scores),
                created_at=now,
            )
        )
    db.session.commit()
