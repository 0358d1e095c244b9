"""What goes over the wire: each viewer's shape of vetting. Students see a cleared expert's
public profile only; teachers and moderators a badge (state and dates); the expert their
own checklist without the evidence fields; verifiers everything.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..i18n.words import label
from ..accounts.models import User
from ..authz import allowed
from ..db import db
from ..directory.models import SchoolClass
from ..errors import NotFound
from ..ids import as_id
from .applications import CODE_OF_CONDUCT_VERSION, get_profile
from .clearance import checklist_for, current_record, evidence_rows, expert_cleared, today
from .messages import problem_message, slot_label, state_label
from .models import ExpertOffer, ExpertProfile, VettingRecord, VettingTransition, VisitRequest
from .rules.evidence import Problem
from .rules.states import OPEN_STATES, badge_view, effective_state, expert_view, verifier_view
from .visits import requests_for_expert, requests_of_teacher


def public_profile(profile: ExpertProfile) -> dict:
    """What a student sees: the public profile, nothing about vetting."""
    return {
        "id": profile.user_id,
        "display_name": profile.display_name,
        "organisation": profile.organisation,
        "expertise": profile.expertise,
        "languages": list(profile.languages or []),
        "bio": profile.bio,
    }


def badge_for(expert_id: int, day: date | None = None) -> dict:
    """What a teacher sees: cleared or not, with dates; never the evidence."""
    record = current_record(expert_id)
    if record is None:
        badge = badge_view("applied", None)
    else:
        badge = badge_view(
            record.state,
            checklist_for(record, day),
            verified_since=record.verified_since.date() if record.verified_since else None,
        )
    badge["label"] = {"verified": _("Verified adult"), "expired": _("Verification expired")}.get(
        badge["state"], _("Not verified")
    )
    return badge


def _checklist_items(view: dict) -> list[dict]:
    for item in view["items"]:
        item["label"] = slot_label(item["slot"])
        item["problems"] = [
            dict(p, message=problem_message(Problem(p["code"], p["message"], p["field"]))) for p in item["problems"]
        ]
    return view["items"]


def my_vetting(expert: User) -> dict:
    """What the expert sees of their own application: each item, what is missing, when each
    expires; not the evidence fields. A request for more information shows its reason."""
    profile = get_profile(expert.id)
    record = current_record(expert.id)
    out: dict = {
        "profile": None,
        "record": None,
        "code_of_conduct_version": CODE_OF_CONDUCT_VERSION,
        "cleared": expert_cleared(expert),
    }
    if profile is not None:
        out["profile"] = dict(
            public_profile(profile),
            code_of_conduct_version=profile.code_of_conduct_version,
            agreed_on=profile.agreed_on.isoformat(),
        )
    if record is not None:
        checklist = checklist_for(record)
        view = expert_view(record.state, checklist)
        _checklist_items(view)
        last = db.session.scalar(
            select(VettingTransition)
            .where(VettingTransition.record_id == record.id)
            .order_by(VettingTransition.id.desc())
            .limit(1)
        )
        view.update(
            id=record.id,
            state_label=state_label(view["state"]),
            state_changed_at=_iso(record.state_changed_at),
            verified_since=_iso(record.verified_since) if view["state"] == "verified" else None,
            message=last.reason
            if last is not None and last.before == "in_review" and last.after == "applied"
            else None,
        )
        out["record"] = view
    return out


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat().replace("+00:00", "Z") if dt else None


def _user_brief(user: User | None) -> dict | None:
    if user is None:
        return None
    return {"id": user.id, "name": user.full_name, "email": user.email}


def list_records(state: str | None = None) -> list[dict]:
    """Applications for verifiers, open ones first, with what is still outstanding."""
    latest = select(func.max(VettingRecord.id)).group_by(VettingRecord.expert_id)
    q = select(VettingRecord).where(VettingRecord.id.in_(latest)).order_by(VettingRecord.state_changed_at.desc())
    out = []
    day = today()
    for record in db.session.scalars(q.limit(500)):
        checklist = checklist_for(record, day)
        effective = effective_state(record.state, checklist).value
        if state and state not in (record.state, effective):
            continue
        profile = get_profile(record.expert_id)
        out.append(
            {
                "id": record.id,
                "expert": _user_brief(db.session.get(User, record.expert_id)),
                "display_name": profile.display_name if profile else None,
                "organisation": profile.organisation if profile else None,
                "stored_state": record.state,
                "state": effective,
                "state_label": state_label(effective),
                "outstanding": checklist.outstanding,
                "earliest_expiry": _day_iso(checklist.earliest_expiry),
                "state_changed_at": _iso(record.state_changed_at),
                "created_at": _iso(record.created_at),
            }
        )
    out.sort(key=lambda r: (r["stored_state"] not in OPEN_STATES,))
    return out


def _day_iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def record_detail(record: VettingRecord) -> dict:
    """Everything a verifier needs on one record: the checklist with evidence, every piece of
    evidence recorded, the moves open to them, and the history with reasons."""
    checklist = checklist_for(record)
    view = verifier_view(record.state, checklist)
    _checklist_items(view)
    profile = get_profile(record.expert_id)
    users = {}

    def name(uid):
        if uid is None:
            return None
        if uid not in users:
            u = db.session.get(User, uid)
            users[uid] = u.full_name if u else None
        return users[uid]

    for item in view["items"]:
        ev = item.get("evidence")
        checker = (ev or {}).get("checked_by", (ev or {}).get("confirmed_by"))
        if checker is not None:
            ev["checked_by_name"] = name(checker)
    view.update(
        id=record.id,
        expert=_user_brief(db.session.get(User, record.expert_id)),
        profile=dict(
            public_profile(profile),
            code_of_conduct_version=profile.code_of_conduct_version,
            agreed_on=profile.agreed_on.isoformat(),
        )
        if profile
        else None,
        state_label=state_label(view["state"]),
        state_changed_at=_iso(record.state_changed_at),
        verified_since=_iso(record.verified_since),
        created_at=_iso(record.created_at),
        evidence=[
            {
                "id": e.id,
                "kind": e.kind,
                "fields": e.fields,
                "recorded_by": {"id": e.recorded_by, "name": name(e.recorded_by)},
                "recorded_at": _iso(e.recorded_at),
            }
            for e in evidence_rows(record)
        ],
        history=[
            {
                "before": t.before,
                "after": t.after,
                "actor": {"id": t.actor_id, "name": name(t.actor_id)},
                "actor_role": t.actor_role,
                "reason": t.reason,
                "at": _iso(t.at),
            }
            for t in db.session.scalars(
                select(VettingTransition).where(VettingTransition.record_id == record.id).order_by(VettingTransition.id)
            )
        ],
    )
    return view


def expert_profile_for(viewer: User, expert_id) -> dict:
    """One expert as this viewer may see them: students and other experts the public profile
    of a cleared expert only; teachers and moderators add the badge; verifiers the record."""
    expert_id = as_id(expert_id)
    if expert_id is None:
        raise NotFound(_("No such expert."), code="no_such_expert")
    profile = get_profile(expert_id)
    expert = db.session.get(User, expert_id)
    if profile is None or expert is None or expert.role != "expert":
        raise NotFound(_("No such expert."), code="no_such_expert")
    out: dict[str, Any] = {"profile": public_profile(profile)}
    if allowed(viewer, "vetting.verify"):
        record = current_record(expert_id)
        out["badge"] = badge_for(expert_id)
        out["record_id"] = record.id if record else None
        out["vetting"] = record_detail(record) if record else None
    elif allowed(viewer, "vetting.view_badge"):
        out["badge"] = badge_for(expert_id)
    elif viewer.id != expert_id and not expert_cleared(expert):
        # A student never sees an expert who is not cleared to meet them.
        raise NotFound(_("No such expert."), code="no_such_expert")
    return out


def offer_view(offer: ExpertOffer, profile: ExpertProfile | None = None, badge: dict | None = None) -> dict:
    out = {
        "id": offer.id,
        "expert_id": offer.expert_id,
        "topic": offer.topic,
        "grade_bands": offer.grade_bands,
        "languages": offer.languages,
        "length_minutes": offer.length_minutes,
        "availability": offer.availability,
        "active": offer.active,
    }
    if profile is not None:
        out["expert"] = public_profile(profile)
    if badge is not None:
        out["badge"] = badge
    return out


def browse_offers() -> list[dict]:
    """Active offers of cleared experts, each with the expert's public profile and badge."""
    offers = list(
        db.session.scalars(
            select(ExpertOffer).where(ExpertOffer.active.is_(True)).order_by(ExpertOffer.id.desc()).limit(300)
        )
    )
    cleared: dict[int, bool] = {}
    out = []
    for offer in offers:
        if offer.expert_id not in cleared:
            cleared[offer.expert_id] = expert_cleared(db.session.get(User, offer.expert_id))
        if cleared[offer.expert_id]:
            out.append(offer_view(offer, get_profile(offer.expert_id), badge_for(offer.expert_id)))
    return out


def visit_view(req: VisitRequest) -> dict:
    """A request as the teacher and the expert see it: the class and school, no students."""
    offer = db.session.get(ExpertOffer, req.offer_id)
    cls = db.session.get(SchoolClass, req.class_id)
    teacher = db.session.get(User, req.teacher_id)
    profile = get_profile(offer.expert_id) if offer else None
    return {
        "id": req.id,
        "status": req.status,
        "status_label": label(req.status, "visit"),
        "offer_id": req.offer_id,
        "topic": offer.topic if offer else None,
        "length_minutes": offer.length_minutes if offer else None,
        "proposed_start": _iso(req.proposed_start),
        "note": req.note,
        "room_id": req.room_id,
        "class": {
            "id": cls.id,
            "name": cls.name,
            "grade_band": cls.grade_band,
            "languages": cls.languages,
            "school": cls.school.name,
            "country": cls.school.country,
            "timezone": cls.timezone,
        }
        if cls
        else None,
        "teacher": {"id": teacher.id, "name": teacher.full_name} if teacher else None,
        "expert": {"id": offer.expert_id, "display_name": profile.display_name if profile else None} if offer else None,
        "created_at": _iso(req.created_at),
        "decided_at": _iso(req.decided_at),
    }


def dashboard_for(user: User | None) -> dict:
    """The vetting card of the dashboard, by role."""
    if user is None:
        return {}
    if user.role == "expert":
        mine = my_vetting(user)
        pending = [r for r in requests_for_expert(user) if r.status == "requested"]
        return {"me": mine, "pending_requests": len(pending)}
    if user.role == "admin":
        waiting = db.session.scalar(select(func.count(VettingRecord.id)).where(VettingRecord.state.in_(OPEN_STATES)))
        return {"waiting": waiting or 0}
    if user.role == "teacher":
        return {
            "requests": [visit_view(r) for r in requests_of_teacher(user)[:5]],
            "verified": user.teacher_verified_at is not None,
        }
    return {}
