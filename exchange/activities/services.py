"""The activity library's rules: who sees which activity, attaching one to a room, ratings, and a
teacher's submission with the editor's review.

Shipped activities are read from `library/` once per process; submitted ones come from the
database. Both are `catalog.Activity`, so searching, showing and attaching treat them alike.
A submission's texts pass the same safety check as chat (`exchange.safety.check_text`) before an
editor sees them: a teacher's words reach children through the room's prompt panel.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import safety, signals
from ..accounts.models import User
from ..clock import now
from ..db import db
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..i18n import catalogues
from ..rooms.membership import can_control, current_state, get_room
from ..rooms.models import Room
from . import catalog
from .models import ActivityRating, RoomActivity, SubmittedActivity

log = logging.getLogger("exchange.activities")
EDITOR_ROLE = "admin"  # a platform administrator (no school) reviews submissions


def interface_languages() -> tuple[str, ...]:
    return tuple(sorted({"en", *catalogues.languages()}))


@lru_cache(maxsize=1)
def _shipped() -> tuple[catalog.Activity, ...]:
    return tuple(catalog.shipped(interface_languages()))


def shipped() -> tuple[catalog.Activity, ...]:
    return _shipped()


def _shipped_one(slug: str) -> catalog.Activity | None:
    return next((a for a in shipped() if a.slug == slug), None)


def is_editor(user: User | None) -> bool:
    return user is not None and user.role == EDITOR_ROLE and user.platform_wide


def _from_row(row: SubmittedActivity) -> catalog.Activity:
    return catalog.activity_from(row.document, interface_languages())


def published() -> list[catalog.Activity]:
    """Every activity a teacher may find: the shipped ones and the published submissions."""
    rows = db.session.scalars(select(SubmittedActivity).where(SubmittedActivity.status == "published"))
    return [*shipped(), *(_from_row(r) for r in rows)]


def visible_to(user: User | None) -> list[catalog.Activity]:
    """Published ones, and a teacher's own submissions while they wait (or were sent back)."""
    found = published()
    if user is not None:
        mine = db.session.scalars(
            select(SubmittedActivity).where(
                SubmittedActivity.author_id == user.id, SubmittedActivity.status != "published"
            )
        )
        found += [_from_row(r) for r in mine]
    return found


def submission(slug: str) -> SubmittedActivity | None:
    return db.session.scalar(select(SubmittedActivity).where(SubmittedActivity.slug == slug))


def get(slug: object, user: User | None) -> catalog.Activity:
    """An activity this person may see, or a clear 404 (an unpublished one is its author's and the editors')."""
    if not isinstance(slug, str) or len(slug) > 100:
        raise NotFound(_("There is no such activity."), code="no_such_activity")
    found = _shipped_one(slug)
    if found is not None:
        return found
    row = submission(slug)
    if row is None or not (row.status == "published" or (user and (row.author_id == user.id or is_editor(user)))):
        raise NotFound(_("There is no such activity."), code="no_such_activity")
    return _from_row(row)


def status_of(slug: str) -> str:
    """ "published" for a shipped activity, else the submission's status."""
    row = submission(slug) if _shipped_one(slug) is None else None
    return row.status if row else "published"


# ---- ratings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingSummary:
    average: float | None
    count: int
    mine: int | None


def ratings(slugs: list[str], user: User | None) -> dict[str, RatingSummary]:
    """Average stars and count per activity, and the reader's own, in two queries."""
    rows = db.session.execute(
        select(ActivityRating.slug, func.avg(ActivityRating.stars), func.count())
        .where(ActivityRating.slug.in_(slugs))
        .group_by(ActivityRating.slug)
    ).all()
    mine: dict[str, int] = {}
    if user is not None:
        mine = dict(
            db.session.execute(
                select(ActivityRating.slug, ActivityRating.stars).where(
                    ActivityRating.user_id == user.id, ActivityRating.slug.in_(slugs)
                )
            ).all()
        )
    found = {slug: RatingSummary(round(float(avg), 1), int(n), mine.get(slug)) for slug, avg, n in rows}
    return {slug: found.get(slug, RatingSummary(None, 0, mine.get(slug))) for slug in slugs}


def _verified(user: User, message: str) -> None:
    """Rating and sharing speak to every teacher on the platform: a verified teacher's voice only."""
    if user.role == "teacher" and user.teacher_verified_at is None:
        raise Forbidden(message, code="teacher_not_verified")


def rate(user: User, slug: object, stars: object) -> RatingSummary:
    """A teacher's stars; rating again replaces them. Only published activities are rated."""
    _verified(user, _("Your school admin must verify you before you rate activities."))
    activity = get(slug, user)
    if status_of(activity.slug) != "published":
        raise Invalid(_("An activity can be rated once it is published."), code="not_published")
    if not isinstance(stars, int) or isinstance(stars, bool) or not 1 <= stars <= 5:
        raise Invalid(_("Choose from one to five stars."), code="invalid_stars")
    row = db.session.scalar(
        select(ActivityRating).where(ActivityRating.slug == activity.slug, ActivityRating.user_id == user.id)
    )
    if row is None:
        row = ActivityRating(slug=activity.slug, user_id=user.id, stars=stars)
        db.session.add(row)
    row.stars, row.updated_at = stars, now()
    db.session.commit()
    log.info("activity.rate slug=%s user=%s", activity.slug, user.id)
    return ratings([activity.slug], user)[activity.slug]


# ---- a room's activity -------------------------------------------------------------------


def attached(room_id: int) -> RoomActivity | None:
    return db.session.scalar(select(RoomActivity).where(RoomActivity.room_id == room_id))


def _room_run_by(user: User, room_id: object) -> Room:
    """The room, if this person supervises it (only they choose what it follows)."""
    room = get_room(room_id)
    if not can_control(user, room):
        raise Forbidden(_("You can only choose the activity of a room you run."), code="not_supervisor")
    return room


def attach(user: User, slug: object, room_id: object) -> tuple[Room, catalog.Activity]:
    """Follow an activity in a room the teacher runs; attaching another replaces it."""
    activity = get(slug, user)
    if status_of(activity.slug) != "published":
        raise Invalid(_("Only a published activity can be used in a room."), code="not_published")
    room = _room_run_by(user, room_id)
    row = attached(room.id)
    before = row.slug if row else None
    if row is None:
        row = RoomActivity(room_id=room.id, slug=activity.slug, attached_by=user.id)
        db.session.add(row)
    row.slug, row.attached_by, row.attached_at = activity.slug, user.id, now()
    signals.audit(
        "activities",
        actor_id=user.id,
        action="activity.attach",
        subject_type="room",
        subject_id=room.id,
        before={"activity": before},
        after={"activity": activity.slug},
        room_id=room.id,
    )
    db.session.commit()
    return room, activity


def detach(user: User, room_id: object) -> Room:
    room = _room_run_by(user, room_id)
    row = attached(room.id)
    if row is not None:
        signals.audit(
            "activities",
            actor_id=user.id,
            action="activity.detach",
            subject_type="room",
            subject_id=room.id,
            before={"activity": row.slug},
            room_id=room.id,
        )
        db.session.delete(row)
        db.session.commit()
    return room


def room_activity(room_id: int) -> catalog.Activity | None:
    """The activity a room follows, or None (also when its submission was withdrawn since)."""
    row = attached(room_id)
    if row is None:
        return None
    found = _shipped_one(row.slug)
    if found is not None:
        return found
    sub = submission(row.slug)
    return _from_row(sub) if sub is not None and sub.status == "published" else None


# ---- submissions and review --------------------------------------------------------------

_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def _slug_for(title: str, number: int) -> str:
    base = _SLUG_CHARS.sub("-", catalog.folded(title)).strip("-")[:60] or "activity"
    return f"t{number}-{base}"


def _safety_refusal(document: dict) -> str | None:
    """The first text a child must not read: checked as an adult's words to a young audience."""
    for language, texts in document["texts"].items():

        def harmful(text: str, language: str = language) -> bool:
            # The lists of the text's own language (and English, always): "Put" is English here.
            return safety.check_field(text, audience="under13", languages=[language]).action in ("block", "hold")

        for key in ("title", "summary", "safety_note"):
            if texts[key] and harmful(texts[key]):
                return key
        for key in catalog.LISTS:
            if any(harmful(item) for item in texts[key]):
                return key
    return None


def submit(user: User, raw: dict) -> SubmittedActivity:
    """A teacher's activity, checked like the shipped ones, waiting for an editor."""
    _verified(user, _("Your school admin must verify you before you share activities."))
    if not isinstance(raw, dict):
        raise Invalid(_("Send the activity as a JSON object."), code="invalid_body")
    number = (db.session.scalar(select(func.max(SubmittedActivity.id))) or 0) + 1
    texts = raw.get("texts")
    first_title = (
        next((t.get("title") for t in texts.values() if isinstance(t, dict)), "") if isinstance(texts, dict) else ""
    )
    candidate = dict(raw, slug=_slug_for(first_title if isinstance(first_title, str) else "", number))
    try:
        activity = catalog.activity_from(candidate, interface_languages())
    except catalog.ActivityInvalid as exc:
        raise Invalid(invalid_sentence(exc), code="invalid_activity") from None
    document = catalog.as_document(activity)
    flagged = _safety_refusal(document)
    if flagged:
        log.info("activity.submit refused user=%s field=%s", user.id, flagged)
        raise Invalid(
            _("Part of the activity (%(part)s) did not pass the safety check. Please reword it.", part=flagged),
            code="unsafe_text",
        )
    if submission(activity.slug) is not None:
        raise Conflict(_("Please try again."), code="slug_taken")
    row = SubmittedActivity(slug=activity.slug, author_id=user.id, school_id=user.school_id, document=document)
    db.session.add(row)
    db.session.flush()
    signals.audit(
        "activities",
        actor_id=user.id,
        action="activity.submit",
        subject_type="activity",
        subject_id=row.slug,
        school_id=user.school_id,
    )
    db.session.commit()
    log.info("activity.submit slug=%s user=%s", row.slug, user.id)
    return row


def invalid_sentence(exc: catalog.ActivityInvalid) -> str:
    if exc.code == "too_long":
        return _("The activity's %(part)s is too long.", part=exc.field)
    if exc.code == "too_many":
        return _("The activity's %(part)s has too many items (at most 12).", part=exc.field)
    if exc.field == "duration_minutes":
        return _("The duration must be between 10 and 120 minutes.")
    if exc.field == "grade_bands":
        return _("Choose at least one grade band.")
    if exc.field == "sdgs":
        return _("Sustainable Development Goals are numbered 1 to 17.")
    if exc.field == "texts" and exc.code == "unknown_language":
        return _("Write the activity in one of the interface's languages.")
    return _("The activity's %(part)s is missing or not valid.", part=exc.field)


def waiting() -> list[SubmittedActivity]:
    return list(
        db.session.scalars(
            select(SubmittedActivity).where(SubmittedActivity.status == "submitted").order_by(SubmittedActivity.id)
        )
    )


def review(editor: User, slug: object, decision: object, note: object = "") -> SubmittedActivity:
    """An editor publishes a submission, or sends it back with a note the author reads."""
    if not is_editor(editor):
        raise Forbidden(_("Only a platform editor reviews activities."), code="forbidden")
    row = submission(slug) if isinstance(slug, str) else None
    if row is None:
        raise NotFound(_("There is no such activity."), code="no_such_activity")
    if decision not in ("publish", "reject"):
        raise Invalid(_("Choose to publish or to send back."), code="invalid_decision")
    text = note.strip() if isinstance(note, str) else ""
    if decision == "reject" and not text:
        raise Invalid(_("Say what the author should change."), code="reason_required")
    if len(text) > 1000:
        raise Invalid(_("The note may have at most 1,000 characters."), code="too_long")
    if row.status != "submitted":
        raise Conflict(_("This activity was already reviewed."), code="already_reviewed")
    before = row.status
    row.status = "published" if decision == "publish" else "rejected"
    row.review_note, row.reviewed_by, row.reviewed_at = text, editor.id, now()
    signals.audit(
        "activities",
        actor_id=editor.id,
        action=f"activity.{decision}",
        subject_type="activity",
        subject_id=row.slug,
        reason=text,
        before={"status": before},
        after={"status": row.status},
        school_id=row.school_id,
    )
    db.session.commit()
    return row


def rooms_to_attach(user: User, rooms: list[Room]) -> list[Room]:
    """Of the rooms a person is in, those they run and that have not closed yet."""
    return [r for r in rooms if current_state(r) != "closed" and can_control(user, r)]


def activity_title(slug: str, language: str | None = None) -> str:
    """An activity's title for a table or chart (its slug when it is gone)."""
    found = _shipped_one(slug)
    if found is None:
        row = submission(slug)
        found = _from_row(row) if row is not None else None
    return found.in_language(language or str(get_locale() or "en")).title if found is not None else slug
