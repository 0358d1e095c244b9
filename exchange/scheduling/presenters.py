"""What goes over the wire: the dicts that pages, the API and sockets get for classes,
profiles, partner matches and sessions. Built from rows; no rules decided here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from flask import current_app, has_request_context, request
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import SchoolClass
from . import session_rooms
from .access import side_of
from .local_time import iso, local_label
from .matching import PartnerMatch
from .models import BUSY, ExchangeSession, SessionProposal


def public_url() -> str:
    """The site's address for links in mails and calendars: the request's, or PUBLIC_URL outside one."""
    if current_app.config.get("LINK_ROOT"):  # EXCHANGE_PUBLIC_URL: never the request's Host header
        return str(current_app.config["LINK_ROOT"]).rstrip("/")
    if has_request_context():
        return request.url_root.rstrip("/")
    return (current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000").rstrip("/")


# ---- classes and their profiles -------------------------------------------------------


def holiday_ranges(days: Iterable[str]) -> list[tuple[str, str]]:
    """Sorted ISO dates folded back into (first, last) runs, as a school calendar shows them."""
    out: list[list[date]] = []
    for d in sorted({date.fromisoformat(x) for x in days}):
        if out and d - out[-1][1] == timedelta(days=1):
            out[-1][1] = d
        else:
            out.append([d, d])
    return [(a.isoformat(), b.isoformat()) for a, b in out]


def profile_view(cls: SchoolClass) -> dict:
    return {
        "class_id": cls.id,
        "name": cls.name,
        "grade_band": cls.grade_band,
        "languages": list(cls.languages or []),
        "topics": list(cls.topics or []),
        "timezone": cls.timezone,
        "school_days": list(cls.school_days or []),
        "day_start": cls.day_start.strftime("%H:%M"),
        "day_end": cls.day_end.strftime("%H:%M"),
        "term_start": cls.term_start.isoformat() if cls.term_start else None,
        "term_end": cls.term_end.isoformat() if cls.term_end else None,
        "holidays": list(cls.holidays or []),
        "holiday_ranges": [list(r) for r in holiday_ranges(cls.holidays or [])],
    }


def public_class(cls: SchoolClass) -> dict:
    """What another school sees of a class: no teacher, no students."""
    return {
        "id": cls.id,
        "name": cls.name,
        "school": cls.school.name,
        "country": cls.school.country,
        "region": cls.school.region or "",
        "grade_band": cls.grade_band,
        "languages": list(cls.languages or []),
        "topics": list(cls.topics or []),
        "timezone": cls.timezone,
    }


def class_view(cls: SchoolClass) -> dict:
    """A class in a session: name, school and country only (students and other schools see this)."""
    return {
        "id": cls.id,
        "name": cls.name,
        "school": cls.school.name,
        "country": cls.school.country,
        "timezone": cls.timezone,
    }


def _on_both_clocks(start: datetime, end: datetime, a: SchoolClass, b: SchoolClass) -> list[dict]:
    return [
        dict(local_label(start, end, a.timezone), class_id=a.id, class_name=a.name),
        dict(local_label(start, end, b.timezone), class_id=b.id, class_name=b.name),
    ]


# ---- partner search -------------------------------------------------------------------


def partner_match_view(m: PartnerMatch, cls: SchoolClass, other: SchoolClass, window_limit: int) -> dict:
    """One ranked partner with its common school time on both clocks."""
    windows = [
        {
            "start": iso(w.start),
            "end": iso(w.end),
            "minutes": w.minutes,
            "local": _on_both_clocks(w.start, w.end, cls, other),
        }
        for w in m.windows[:window_limit]
    ]
    return {
        "class": public_class(other),
        "score": m.score,
        "shared_languages": sorted(m.shared_languages),
        "shared_topics": sorted(m.shared_topics),
        "grade_fit": m.grade_fit,
        "overlap_minutes": m.overlap.total_minutes,
        "window_count": len(m.windows),
        "windows": windows,
        "has_overlap": m.overlap.has_overlap,
        "async_suggested": m.async_suggested,
    }


def partner_search_view(cls: SchoolClass, first_day: date, weeks: int, results: list[dict]) -> dict:
    last_day = first_day + timedelta(days=7 * weeks - 1)
    return {
        "class": public_class(cls),
        "first_day": first_day.isoformat(),
        "last_day": last_day.isoformat(),
        "weeks": weeks,
        "results": results,
    }


# ---- sessions -------------------------------------------------------------------------


def slot_view(index: int, start: datetime, end: datetime, org: SchoolClass, partner: SchoolClass) -> dict:
    """One occurrence of a session not yet proposed, on both clocks."""
    return {
        "occurrence": index,
        "starts_at": iso(start),
        "ends_at": iso(end),
        "local": _on_both_clocks(start, end, org, partner),
    }


def session_view(s: ExchangeSession, viewer: User) -> dict:
    side = side_of(viewer, s)
    now = utcnow()
    pending = s.status == "proposed"
    my_turn = pending and side is not None and s.awaiting == side
    out = {
        "id": s.id,
        "kind": s.kind,
        "title": s.title,
        "agenda": s.agenda,
        "cultural_prompt": s.cultural_prompt,
        "status": s.status,
        "awaiting": s.awaiting if pending else None,
        "my_side": side,
        "starts_at": iso(s.starts_at),
        "ends_at": iso(s.ends_at),
        "minutes": int((s.ends_at - s.starts_at).total_seconds()) // 60,
        "series": {"id": s.series_id, "occurrence": s.occurrence, "size": s.series_size} if s.series_id else None,
        "sequence": s.sequence,
        "organiser_class": class_view(s.organiser_class),
        "partner_class": class_view(s.partner_class),
        "local": _on_both_clocks(s.starts_at, s.ends_at, s.organiser_class, s.partner_class),
        "viewer_local": local_label(s.starts_at, s.ends_at, viewer.timezone or "UTC"),
        "room_id": s.room_id,
        "room_url": f"/rooms/{s.room_id}" if s.room_id else None,
        "room_state": session_rooms.room_state(s) if s.room_id else None,
        "ics_url": f"/sessions/{s.id}.ics",
        "actions": {
            "accept": my_turn,
            "decline": my_turn,
            "propose": pending and side is not None and s.kind == "live",
            "cancel": side is not None and s.status in BUSY and s.ends_at > now,
        },
    }
    if viewer.role == "teacher" or viewer.role == "admin":
        out["organiser"] = {"id": s.organiser_class.teacher_id, "name": s.organiser_class.teacher.full_name}
        out["partner_teacher"] = {"id": s.partner_class.teacher_id, "name": s.partner_class.teacher.full_name}
    if side is not None:
        out["proposals"] = [
            {
                "by": p.side,
                "starts_at": iso(p.starts_at),
                "ends_at": iso(p.ends_at),
                "note": p.note,
                "outcome": p.outcome,
                "at": iso(p.created_at),
            }
            for p in db.session.scalars(
                select(SessionProposal).where(SessionProposal.session_id == s.id).order_by(SessionProposal.id)
            )
        ]
    return out


def session_payload(s: ExchangeSession, event: str) -> dict:
    """What a socket learns: ids, status and times; no names of people, no e-mail."""
    return {
        "event": event,
        "session": s.id,
        "status": s.status,
        "title": s.title,
        "kind": s.kind,
        "starts_at": iso(s.starts_at),
        "ends_at": iso(s.ends_at),
        "room_id": s.room_id,
        "sequence": s.sequence,
        "series_id": s.series_id,
        "awaiting": s.awaiting,
    }
