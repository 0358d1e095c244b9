"""Comments on an exhibition: the same safety verdict as a chat line in its room, and the same
review. Allowed words show at once; masked harm shows masked and goes to a person; a hold waits
for the room's teachers or a moderator; a block is refused in a sentence and flagged.

Public exhibitions take no comments: their page carries the work, never what children wrote about
it under their names to anyone with the link.
"""

from __future__ import annotations

import logging

from flask_babel import gettext as _
from sqlalchemy import select

from .. import ports, signals
from ..accounts.models import User
from ..clock import now
from ..db import db
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..moderation import services as moderation
from ..moderation.services import OPEN_STATES
from ..moderation.models import Flag
from ..moderation.subjects import SubjectHandler, register
from ..rooms.membership import get_room, teacher_ids
from ..rooms.models import Room
from ..rooms.messaging import flag_verdict, must_be_read, room_text_verdict
from . import rules
from .exhibitions import curated, get_exhibition, open_exhibition
from .models import Exhibition, ExhibitionComment, ExhibitionItem

log = logging.getLogger("exchange.showcase")
SUBJECT = "comment"  # a flag's subject_type (16 characters at most)
WRITING = "exhibition_comment"  # its type in a family's data export


def may_comment(v: rules.Visitor, ex: Exhibition) -> bool:
    if ex.audience == "public" or ex.status != "published" or v.role is None:
        return False
    return v.curates or v.room_role is not None or v.family_of_school


def post(user: User, exhibition_id: object, body: object) -> ExhibitionComment:
    ex, v = open_exhibition(user, exhibition_id)
    if not may_comment(v, ex):
        raise Forbidden(_("Comments are not open to you on this exhibition."), code="comments_closed")
    if not isinstance(body, str) or not body.strip():
        raise Invalid(_("Write a comment first."), code="invalid_comment")
    body = body.strip()
    if len(body) > rules.MAX_COMMENT:
        raise Invalid(_("A comment may have up to %(n)d characters.", n=rules.MAX_COMMENT), code="invalid_comment")
    room = get_room(ex.room_id)
    verdict, reasons = room_text_verdict(user, room, body)
    if verdict.action == "block":
        _flag(user, ex, body, reasons, "block", None)
        db.session.commit()
        log.info("comment blocked exhibition=%s user=%s", ex.id, user.id)
        raise Invalid(
            _("This comment was not posted: it breaks the rules for this exhibition. A moderator was told."),
            code="blocked",
        )
    status, flagged = rules.comment_state(verdict.action, must_be_read(verdict))
    row = ExhibitionComment(
        exhibition_id=ex.id,
        author_id=user.id,
        body=verdict.text if verdict.action == "redact" else body,
        status=status,
        created_at=now(),
    )
    db.session.add(row)
    db.session.flush()
    if flagged:
        row.flag_id = _flag(user, ex, body, reasons, "hold" if status == "held" else flag_verdict(verdict), row.id)
    db.session.commit()
    log.info("comment posted exhibition=%s comment=%s status=%s", ex.id, row.id, row.status)
    return row


def _flag(user: User, ex: Exhibition, body: str, reasons: list, verdict: str, comment_id: int | None) -> int:
    flag = ports.flags().raise_flag(
        room_id=ex.room_id,
        school_id=user.school_id if user.school_id is not None else ex.school_id,
        source="safety",
        verdict=verdict,
        author_id=user.id,
        body=body,
        reasons=reasons,
        context=[],
        subject_type=SUBJECT,
        subject_id=str(comment_id) if comment_id is not None else None,
        notify_user_ids=teacher_ids(get_room(ex.room_id)),
    )
    return int(flag.id)


def shown(ex: Exhibition, v: rules.Visitor) -> list[tuple[ExhibitionComment, User | None]]:
    """Visible comments for everyone who may read them; curators and moderators also see held ones."""
    if ex.audience == "public":
        return []
    statuses = ["visible", "held"] if v.curates or v.role == "moderator" else ["visible"]
    rows = list(
        db.session.scalars(
            select(ExhibitionComment)
            .where(ExhibitionComment.exhibition_id == ex.id, ExhibitionComment.status.in_(statuses))
            .order_by(ExhibitionComment.created_at, ExhibitionComment.id)
        )
    )
    ids = {r.author_id for r in rows}
    authors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    return [(r, authors.get(r.author_id)) for r in rows]


def _comment(comment_id: object) -> ExhibitionComment:
    row = (
        db.session.get(ExhibitionComment, comment_id)
        if isinstance(comment_id, int) and 0 < comment_id < 2**31
        else None
    )
    if row is None:
        raise NotFound(_("No such comment."), code="no_such_comment")
    return row


def decide(user: User, exhibition_id: object, comment_id: object, decision: object) -> ExhibitionComment:
    """A curator shows a held comment or removes any comment; its flag, if any, closes with it."""
    ex = curated(user, exhibition_id)
    row = _comment(comment_id)
    if row.exhibition_id != ex.id:
        raise NotFound(_("No such comment."), code="no_such_comment")
    if decision not in ("show", "remove"):
        raise Invalid(_("Show or remove a comment."), code="invalid_decision")
    if row.status == "removed":
        raise Conflict(_("This comment was already removed."), code="already_removed")
    flag = db.session.get(Flag, row.flag_id) if row.flag_id is not None else None
    if flag is not None and flag.status in OPEN_STATES:  # the queue's copy closes first (one winner)
        moderation.resolve(
            user,
            flag,
            "approved" if decision == "show" else "removed",
            _("Decided on the exhibition page."),
            action="approve" if decision == "show" else "remove",
            audited=False,
        )
    _apply(user, row, "visible" if decision == "show" else "removed", audited=True)
    db.session.commit()
    return row


def _apply(user: User, row: ExhibitionComment, status: str, *, audited: bool) -> None:
    """Show or remove; audited here unless the queue's action writes the one record."""
    if row.status == "removed":
        return  # removed stays removed
    before = row.status
    row.status, row.decided_by, row.decided_at = status, user.id, now()
    if status == "removed":
        row.body = ""  # the words go with it; the flag keeps its snapshot for the review
    if not audited:
        return
    ex = get_exhibition(row.exhibition_id)
    signals.audit(
        "showcase",
        actor_id=user.id,
        action="exhibition.comment_" + ("show" if status == "visible" else "remove"),
        subject_type=SUBJECT,
        subject_id=row.id,
        before={"status": before},
        room_id=ex.room_id,
        school_id=ex.school_id,
    )


def _from_flag(status: str):
    def act(actor: User, subject_id: str) -> None:
        row = _comment(int(subject_id)) if subject_id.isdigit() else None
        if row is not None:
            _apply(actor, row, status, audited=False)  # moderation writes the action's record

    return act


def child_writings(_sender, *, user_id: int, **_kw) -> list[dict]:
    """A child's comments, for their guardian's data export (removed ones have no words left)."""
    rows = db.session.execute(
        select(ExhibitionComment, Exhibition.room_id, Room.title)
        .join(Exhibition, Exhibition.id == ExhibitionComment.exhibition_id)
        .join(Room, Room.id == Exhibition.room_id)
        .where(ExhibitionComment.author_id == user_id, ExhibitionComment.status != "removed")
        .order_by(ExhibitionComment.id)
    )
    return [
        {
            "type": WRITING,
            "label": _("Comment on an exhibition"),
            "room_id": room_id,
            "room_title": title,
            "at": c.created_at.isoformat().replace("+00:00", "Z"),
            "body": c.body,
        }
        for c, room_id, title in rows
    ]


def erase_child(_sender, *, user_id: int, **_kw) -> dict[str, int]:
    """An approved erasure: the child's comments lose their words, and their work leaves exhibitions."""
    comments = list(
        db.session.scalars(
            select(ExhibitionComment).where(
                ExhibitionComment.author_id == user_id, ExhibitionComment.status != "removed"
            )
        )
    )
    for c in comments:
        c.body, c.status = "", "removed"
    items = list(db.session.scalars(select(ExhibitionItem).where(ExhibitionItem.author_id == user_id)))
    for item in items:
        db.session.delete(item)
    db.session.commit()
    log.info("showcase erased child=%s comments=%d items=%d", user_id, len(comments), len(items))
    return {"exhibition_comments": len(comments), "exhibition_items": len(items)}


def wire() -> None:
    """The review queue's approve and remove act on the comment a flag is about; a child's comments are
    in their guardian's export and go with an approved erasure."""
    register(SUBJECT, SubjectHandler(approve=_from_flag("visible"), remove=_from_flag("removed")))
    signals.child_data.connect(child_writings)
    signals.child_erased.connect(erase_child)
