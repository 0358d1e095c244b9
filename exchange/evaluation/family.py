"""A child's reflections and survey answers are their data too: their guardian's export shows the
words (`signals.child_data`), and an approved erasure takes them (`signals.child_erased`). The faces
and scale marks stay in the counts, with no words and no name (the row keeps only ids)."""

from __future__ import annotations

import logging

from flask_babel import gettext as _
from sqlalchemy import select

from .. import signals
from ..db import db
from ..rooms.models import Room
from .models import Reflection, SurveyAnswer

log = logging.getLogger("exchange.evaluation")


def _at(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z") if moment else ""


def child_writings(_sender, *, user_id: int, **_kw) -> list[dict]:
    titles = {room_id: title for room_id, title in db.session.execute(select(Room.id, Room.title))}
    rows: list[dict] = []
    for r in db.session.scalars(select(Reflection).where(Reflection.user_id == user_id)):
        for text in (r.answers or {}).values():
            rows.append(
                {
                    "type": "reflection",
                    "label": _("Reflection after a session"),
                    "room_id": r.room_id,
                    "room_title": titles.get(r.room_id, ""),
                    "at": _at(r.updated_at),
                    "body": text,
                }
            )
    for a in db.session.scalars(select(SurveyAnswer).where(SurveyAnswer.user_id == user_id)):
        for text in (a.texts or {}).values():
            rows.append(
                {
                    "type": "survey_answer",
                    "label": _("Answer to a partnership survey"),
                    "room_id": a.room_id,
                    "room_title": titles.get(a.room_id, ""),
                    "at": _at(a.answered_at),
                    "body": text,
                }
            )
    return rows


def erase_child(_sender, *, user_id: int, **_kw) -> dict[str, int]:
    reflections = list(db.session.scalars(select(Reflection).where(Reflection.user_id == user_id)))
    answers = list(db.session.scalars(select(SurveyAnswer).where(SurveyAnswer.user_id == user_id)))
    n = 0
    for r in reflections:
        n += len(r.answers or {})
        r.answers = {}
    for a in answers:
        n += len(a.texts or {})
        a.texts = {}
    db.session.commit()
    log.info("evaluation erased child=%s texts=%d", user_id, n)
    return {"reflection_texts": n}


def wire() -> None:
    signals.child_data.connect(child_writings)
    signals.child_erased.connect(erase_child)
