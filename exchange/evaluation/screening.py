"""The written answers of a reflection, a survey or a rubric, through the room's safety verdict.

One rule for the three: the words pass `rooms.messaging.room_text_verdict` (the writer's age group,
the room's schools' lists); masked words stay masked, and like a pupil's report of harm they are kept
and flagged for a person (`rooms.messaging.must_be_read`); words the filter holds or blocks are not kept
and become a flag of the writer's school, not of the room (the partner teacher never reads a child's
answer), for its admins and the platform's moderators. Whether a block refuses the whole answer is
the caller's choice (a survey and a rubric do; a reflection keeps its face).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from .. import ports
from ..accounts.models import User
from ..rooms.messaging import flag_verdict as delivered_verdict
from ..rooms.messaging import must_be_read, room_text_verdict
from ..rooms.models import Room

log = logging.getLogger("exchange.evaluation")


@dataclass
class Screened:
    kept: dict[str, str] = field(default_factory=dict)  # question -> words as they may be shown
    held: bool = False  # some words went to a moderator instead
    blocked: bool = False  # some words broke the rules outright


def screen(
    user: User,
    room: Room,
    words: dict[str, str],
    *,
    subject_type: str,
    subject_prefix: str,
    flag_verdict: str | None = None,
) -> Screened:
    """Each answer's verdict; flags for held and blocked words (subject id: prefix and question;
    `flag_verdict` "hold" files a blocked answer as held, for one that is kept without its words)."""
    out = Screened()
    for key, text in words.items():
        verdict, reasons = room_text_verdict(user, room, text)
        stopped = verdict.action in ("hold", "block")
        if stopped or must_be_read(verdict):  # held or blocked, or kept and read by a person (masked harm, a report)
            name = (flag_verdict or verdict.action) if stopped else delivered_verdict(verdict)
            ports.flags().raise_flag(
                room_id=None,
                school_id=user.school_id,
                source="safety",
                verdict=name,
                author_id=user.id,
                body=text,
                reasons=reasons,
                context=[],
                subject_type=subject_type,
                subject_id=f"{subject_prefix}:{key}",
            )
            said = verdict.action if stopped else name
            log.info("%s.%s room=%s user=%s question=%s", subject_type, said, room.id, user.id, key)
        if stopped:
            out.held = True
            out.blocked = out.blocked or verdict.action == "block"
            continue
        out.kept[key] = verdict.text if verdict.action == "redact" else text
    return out
