"""Exhibitions: a teacher curates a room's approved work for an audience; visitors see what the
audience and the authors' consents allow (`rules`). Items are read live from the files and the
message log, so work a moderator removed leaves every exhibition at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import signals
from ..accounts.models import User
from ..clock import now
from ..db import db
from ..errors import Conflict, Forbidden, Invalid, NotFound, Unauthenticated
from ..files.access import get_file
from ..files.models import FileUpload
from ..guardians.consent import consent_states
from ..guardians.models import GuardianLink
from ..rooms.membership import can_control, get_room, member_role
from ..rooms.models import Room
from ..storage import BlobNotFound, blob_store, message_log
from . import rules
from .texts import checked_text
from .models import Exhibition, ExhibitionItem

log = logging.getLogger("exchange.showcase")


@dataclass(frozen=True)
class ItemView:
    """One item as a visitor sees it (curators also see the items the audience does not)."""

    id: int
    kind: str
    author: str
    caption: str
    text: str  # the message, for message items
    file_id: str | None
    filename: str
    is_image: bool
    shows_face: bool
    left_out: str | None  # why the audience does not see it (curators only)


def refusal_text(code: str) -> str:
    return {
        "not_published": _("This exhibition is not open yet."),
        "login_required": _("Please log in to see this exhibition."),
        "no_family_consent": _(
            "This exhibition is for the families of the school whose children take part in exchanges. "
            "Ask the school if you think you should see it."
        ),
        "not_in_audience": _("This exhibition is not shown to you."),
    }.get(code, _("This exhibition is not shown to you."))


def get_exhibition(exhibition_id: object) -> Exhibition:
    if isinstance(exhibition_id, bool) or not isinstance(exhibition_id, int) or not 0 < exhibition_id < 2**31:
        raise NotFound(_("No such exhibition."), code="no_such_exhibition")
    row = db.session.get(Exhibition, exhibition_id)
    if row is None:
        raise NotFound(_("No such exhibition."), code="no_such_exhibition")
    return row


def _family_of_school(user: User, school_id: int | None) -> bool:
    """A guardian of a student of this school whose guardians agreed to exchanges."""
    if school_id is None:
        return False
    children = list(
        db.session.scalars(
            select(User.id)
            .join(GuardianLink, GuardianLink.student_id == User.id)
            .where(GuardianLink.guardian_user_id == user.id, User.school_id == school_id)
        )
    )
    states = consent_states(children)
    return any(states[c][rules.FAMILY_SCOPE].status == "granted" for c in children)


def visitor(user: User | None, ex: Exhibition, room: Room | None = None) -> rules.Visitor:
    if user is None:
        return rules.Visitor(role=None)
    room = room or get_room(ex.room_id)
    role = member_role(user, room)
    family = user.role == "guardian" and _family_of_school(user, ex.school_id)
    return rules.Visitor(role=user.role, room_role=role, curates=can_control(user, room), family_of_school=family)


def facts(ex: Exhibition) -> rules.ExhibitionFacts:
    return rules.ExhibitionFacts(audience=ex.audience, status=ex.status)


def open_exhibition(user: User | None, exhibition_id: object) -> tuple[Exhibition, rules.Visitor]:
    """The exhibition and who is looking, or a refusal in a sentence (404 for an unknown id)."""
    ex = get_exhibition(exhibition_id)
    v = visitor(user, ex)
    code = rules.refusal(v, facts(ex))
    if code is not None:
        log.info("exhibition refused exhibition=%s user=%s code=%s", ex.id, user.id if user else None, code)
        if code == "login_required":
            raise Unauthenticated(refusal_text(code))
        raise Forbidden(refusal_text(code), code=code)
    return ex, v


def curated(user: User, exhibition_id: object) -> Exhibition:
    """The exhibition, when this person may edit it (a supervisor of its room)."""
    ex = get_exhibition(exhibition_id)
    if not can_control(user, get_room(ex.room_id)):
        raise Forbidden(_("Only the room's teachers may change this exhibition."), code="forbidden")
    return ex


def _checked_text(value: object, field: str, limit: int, *, required: bool) -> str:
    return checked_text(value, field, limit, required=required, code="invalid_exhibition")


def create(user: User, room_id: object, *, title: object, description: object, audience: object) -> Exhibition:
    room = get_room(room_id)
    if not can_control(user, room):
        raise Forbidden(_("Only the room's teachers may make an exhibition of its work."), code="forbidden")
    if audience not in rules.AUDIENCES:
        raise Invalid(
            _("Choose who the exhibition is for: the partnership, the school or the public."), code="invalid_audience"
        )
    if audience == "school" and user.school_id is None:
        raise Invalid(_("Only a teacher of a school can make an exhibition for the school."), code="invalid_audience")
    ex = Exhibition(
        room_id=room.id,
        curator_id=user.id,
        school_id=user.school_id,
        audience=str(audience),
        title=_checked_text(title, _("Title"), rules.MAX_TITLE, required=True),
        description=_checked_text(description, _("Description"), rules.MAX_DESCRIPTION, required=False),
        created_at=now(),
    )
    db.session.add(ex)
    db.session.flush()
    _audit(user, ex, "exhibition.create", after={"audience": ex.audience})
    db.session.commit()
    log.info("exhibition created exhibition=%s room=%s audience=%s", ex.id, room.id, ex.audience)
    return ex


def _audit(user: User, ex: Exhibition, action: str, **kw) -> None:
    signals.audit(
        "showcase",
        actor_id=user.id,
        action=action,
        subject_type="exhibition",
        subject_id=ex.id,
        room_id=ex.room_id,
        school_id=ex.school_id,
        **kw,
    )


def _message(room_id: int, seq: int):
    record = message_log().by_seq(room_id, seq)
    if record is None or record.kind != "message" or not record.body or record.meta.get("removed"):
        return None
    return record


def add_item(user: User, exhibition_id: object, payload: dict) -> ExhibitionItem:
    """Add an approved file of the room, or a delivered message, with a caption."""
    ex = curated(user, exhibition_id)
    count = db.session.scalar(select(func.count()).where(ExhibitionItem.exhibition_id == ex.id)) or 0
    if count >= rules.MAX_ITEMS:
        raise Conflict(_("An exhibition holds up to %(n)d pieces of work.", n=rules.MAX_ITEMS), code="too_many_items")
    kind = payload.get("kind")
    caption = _checked_text(payload.get("caption"), _("Caption"), rules.MAX_CAPTION, required=False)
    item = ExhibitionItem(exhibition_id=ex.id, kind=kind, caption=caption, position=count, added_at=now())
    if kind == "file":
        f = get_file(payload.get("file_id"))
        if f.room_id != ex.room_id or f.status != "approved" or f.staff_only:
            raise Invalid(_("Only approved work shared in this room can be shown."), code="not_shareable")
        item.file_id, item.author_id = f.id, f.uploader_id
        # A picture counts as showing a face unless the teacher says it does not: the safe default.
        item.shows_face = f.kind == "image" and payload.get("shows_face", True) is not False
    elif kind == "message":
        seq = payload.get("seq")
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
            raise Invalid(_("Name the message by its number in the room."), code="invalid_item")
        record = _message(ex.room_id, seq)
        if record is None:
            raise Invalid(_("Only messages delivered in this room can be shown."), code="not_shareable")
        item.seq, item.author_id = seq, record.author_id
    else:
        raise Invalid(_("An item is a file or a message."), code="invalid_item")
    db.session.add(item)
    db.session.flush()
    _audit(user, ex, "exhibition.item_add", after={"item": item.id, "kind": kind})
    db.session.commit()
    return item


def remove_item(user: User, exhibition_id: object, item_id: object) -> None:
    ex = curated(user, exhibition_id)
    item = db.session.get(ExhibitionItem, item_id) if isinstance(item_id, int) and 0 < item_id < 2**31 else None
    if item is None or item.exhibition_id != ex.id:
        raise NotFound(_("No such piece of work in this exhibition."), code="no_such_item")
    _audit(user, ex, "exhibition.item_remove", before={"item": item.id, "kind": item.kind})
    db.session.delete(item)
    db.session.commit()


def set_status(user: User, exhibition_id: object, status: str) -> Exhibition:
    """Publish (the audience sees it) or withdraw (only its curators do)."""
    ex = curated(user, exhibition_id)
    if status not in ("published", "withdrawn"):
        raise Invalid(_("An exhibition is published or withdrawn."), code="invalid_status")
    if ex.status == status:
        return ex
    before = ex.status
    ex.status = status
    if status == "published":
        ex.published_at = now()
    _audit(user, ex, f"exhibition.{'publish' if status == 'published' else 'withdraw'}", before={"status": before})
    db.session.commit()
    log.info("exhibition %s exhibition=%s", status, ex.id)
    return ex


def items(ex: Exhibition, v: rules.Visitor) -> list[ItemView]:
    """The exhibition's work for this visitor: what its audience may see (curators see all, marked)."""
    rows = list(
        db.session.scalars(
            select(ExhibitionItem)
            .where(ExhibitionItem.exhibition_id == ex.id)
            .order_by(ExhibitionItem.position, ExhibitionItem.id)
        )
    )
    author_ids = {r.author_id for r in rows if r.author_id}
    authors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(author_ids)))} if author_ids else {}
    students = [a for a, u in authors.items() if u.role == "student"]
    states = consent_states(students) if students else {}
    files = {
        f.id: f
        for f in db.session.scalars(select(FileUpload).where(FileUpload.id.in_([r.file_id for r in rows if r.file_id])))
    }
    out: list[ItemView] = []
    for r in rows:
        author = authors.get(r.author_id) if r.author_id else None
        granted = frozenset(s for s, st in states.get(r.author_id or 0, {}).items() if st.status == "granted")
        work = rules.WorkFacts(author_role=author.role if author else None, granted=granted, shows_face=r.shows_face)
        left_out = rules.left_out_reason(ex.audience, work)
        text, f = "", None
        if r.kind == "message":
            record = _message(ex.room_id, r.seq or 0)
            if record is None:
                left_out = "removed"
            else:
                text = record.body
        else:
            f = files.get(r.file_id or "")
            if f is None or f.status != "approved" or f.staff_only:
                left_out = "removed"
        if left_out is not None and not v.curates:
            continue
        name = rules.shown_name(author.first_name, author.last_name, author.role, ex.audience) if author else ""
        out.append(
            ItemView(
                id=r.id,
                kind=r.kind,
                author=name,
                caption=r.caption,
                text=text,
                file_id=f.id if f is not None and left_out != "removed" else None,
                filename=f.filename if f is not None else "",
                is_image=f is not None and f.kind == "image",
                shows_face=r.shows_face,
                left_out=left_out,
            )
        )
    return out


def item_image(user: User | None, exhibition_id: object, item_id: object) -> tuple[FileUpload, bytes]:
    """The bytes of an item's picture, for a visitor who sees that item (403/404 otherwise)."""
    ex, v = open_exhibition(user, exhibition_id)
    shown = {i.id: i for i in items(ex, v)}
    item = shown.get(item_id) if isinstance(item_id, int) else None
    if item is None or item.file_id is None or (item.left_out and not v.curates):
        raise NotFound(_("No such picture in this exhibition."), code="no_such_item")
    f = get_file(item.file_id)
    try:
        return f, blob_store().get(f.blob_id or "")
    except BlobNotFound:
        log.error("blob missing upload=%s exhibition=%s", f.id, ex.id)
        raise NotFound(_("This picture is no longer available."), code="file_missing") from None


def listed(user: User | None) -> list[Exhibition]:
    """The published exhibitions this person may see, and the ones they curate, newest first."""
    rows = db.session.scalars(
        select(Exhibition).order_by(Exhibition.created_at.desc(), Exhibition.id.desc()).limit(500)
    )
    # who the person is to an exhibition depends on its room and school only: asked once per pair
    seen: dict[tuple[int, int | None], rules.Visitor] = {}
    out = []
    for ex in rows:
        if user is None:
            if ex.status == "published" and ex.audience == "public":
                out.append(ex)
            continue
        key = (ex.room_id, ex.school_id)
        if key not in seen:
            seen[key] = visitor(user, ex)
        if rules.may_view(seen[key], facts(ex)):
            out.append(ex)
    return out
