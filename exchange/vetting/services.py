"""Vetting with the database: applications, evidence, the verifier's transitions, expiry and
reminders, and the virtual visits cleared experts offer to classes.

The rules themselves are pure (`rules.py`); this module loads records, asks the rules,
stores the outcome, audits it and, when an expert loses clearance, tells the rooms at once
through `signals.access_lost`. Every function that depends on the date takes `now`, and
the app reads the clock through `clock()` only, so tests can move time.

Composition: accepting a visit creates its room through `rooms.services.create_room`
(imported where it is used: the rooms domain imports this module for `expert_cleared`),
and visits read classes from the directory.
"""
from __future__ import annotations

import html
import logging
import re
from datetime import date, datetime, timedelta, timezone

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..db import db, utcnow
from ..errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from ..ids import as_id, lookup
from ..signals import access_lost, audit
from . import rules
from .clearance import (checklist_for, clock, current_record, evidence_rows, expert_cleared, expiry_policy,
                        to_rules_evidence, today)
from .models import (ExpertOffer, ExpertProfile, VettingEvidence, VettingRecord, VettingReminder,
                     VettingTransition, VisitRequest)

log = logging.getLogger("exchange.vetting")

CODE_OF_CONDUCT_VERSION = "2026-1"
LOST_ACCESS_CODE = "expert_not_cleared"
OPEN_STATES = ("applied", "in_review")
TERMINAL_STATES = ("revoked", "rejected")


# ---- messages the user sees ------------------------------------------------------------

def _slot_label(slot: str) -> str:
    if slot.startswith("reference_"):
        return _("Reference %(n)s", n=slot.removeprefix("reference_"))
    return {"identity": _("Identity document check"), "background": _("Background check"),
            "safeguarding_training": _("Safeguarding training")}.get(slot, slot)


def _problem_message(problem: rules.Problem) -> str:
    messages = {
        "missing": _("Not recorded yet."),
        "expired": _("Expired."),
        "unknown_document_type": _("The document type must be passport, national ID, driving licence or other."),
        "missing_checker": _("Record which verifier checked this."),
        "self_checked": _("Nobody may check their own evidence."),
        "missing_date": _("A date is missing."),
        "invalid_date": _("A date is not valid. Use the form YYYY-MM-DD."),
        "future_date": _("A date is in the future."),
        "under_age": _("The holder was not an adult on the check date."),
        "missing_provider": _("Name the provider or scheme."),
        "missing_reference_number": _("The background check needs its reference number."),
        "missing_referee_name": _("Name the referee."),
        "missing_relation": _("Say how the referee knows the applicant."),
        "duplicate_referee": _("References must come from different referees."),
        "no_language": _("Give at least one language."),
        "invalid_language": _("Use language codes such as en or fr."),
        "bio_too_long": _("The bio may have at most %(n)d characters.", n=rules.MAX_BIO_LENGTH),
        "code_of_conduct_not_agreed": _("Agree to the code of conduct."),
        "code_of_conduct_outdated": _("The code of conduct has changed; agree to the new one."),
    }
    if problem.code in messages:
        return messages[problem.code]
    for name, label in (("display_name", _("Display name")), ("organisation", _("Organisation")),
                        ("expertise", _("Expertise"))):
        if problem.code.startswith(name):
            low, high = rules.PROFILE_LIMITS[name]
            return _("%(field)s must be %(low)d to %(high)d characters.", field=label, low=low, high=high)
    return problem.message


_TRANSITION_STATUS = {"not_verifier": 403, "invalid_transition": 409, "reason_required": 400,
                      "reason_too_long": 400, "evidence_incomplete": 409, "evidence_still_valid": 409,
                      "unknown_state": 400}


def _transition_error(exc: rules.VettingError, before: str, target: str,
                      checklist: rules.VettingChecklist) -> DomainError:
    messages = {
        "not_verifier": _("Only a verifier (admin) may change a vetting record."),
        "invalid_transition": _("A vetting record cannot go from %(before)s to %(after)s.",
                                before=state_label(before), after=state_label(target)),
        "reason_required": _("Give a reason of at least %(n)d characters.", n=rules.MIN_REASON_LENGTH),
        "reason_too_long": _("Keep the reason under %(n)d characters.", n=rules.MAX_REASON_LENGTH),
        "evidence_incomplete": _("Evidence is incomplete or expired: %(items)s.",
                                 items=", ".join(_slot_label(s) for s in checklist.outstanding)),
        "evidence_still_valid": _("Expiry is recorded only when evidence has lapsed."),
        "unknown_state": _("Unknown vetting state."),
    }
    return DomainError(messages.get(exc.code, exc.message), code=exc.code, status=_TRANSITION_STATUS.get(exc.code, 400))


def state_label(state: str) -> str:
    return {"applied": _("applied"), "in_review": _("in review"), "verified": _("verified"),
            "expired": _("expired"), "suspended": _("suspended"), "revoked": _("revoked"),
            "rejected": _("rejected"), "not_verified": _("not verified")}.get(state, state)


# ---- records and evidence --------------------------------------------------------------

EVIDENCE_KINDS = tuple(k.value for k in rules.EvidenceKind)
EVIDENCE_TEXT = {  # field -> longest value kept
    "document_type": 32, "provider": 120, "reference": 80, "referee_name": 120, "relation": 120,
}
EVIDENCE_FIELDS = {
    "identity": ("document_type", "checked_on", "date_of_birth"),
    "background": ("provider", "reference", "issued_on"),
    "safeguarding_training": ("provider", "completed_on"),
    "reference": ("referee_name", "relation", "confirmed_on"),
}


def get_record(record_id) -> VettingRecord:
    record = lookup(VettingRecord, record_id)
    if record is None:
        raise NotFound(_("No such vetting record."), code="no_such_record")
    return record


def _require_verifier(actor: User) -> None:
    if actor is None or actor.role != rules.VERIFIER_ROLE or not actor.is_active:
        raise Forbidden(_("Only a verifier (admin) may do this."), code="not_verifier")


def _clean_text(value, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name=name), code="wrong_type")
    return " ".join(value.split())[:EVIDENCE_TEXT.get(name, 200)]


def _clean_day(value, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid(_("%(name)s must be a date like 2025-03-10.", name=name), code="invalid_date") from None


def record_evidence(actor: User, record_id, kind: str, data: dict, *, day: date | None = None) -> VettingEvidence:
    """A verifier records one piece of evidence they checked; refused when it is not acceptable."""
    _require_verifier(actor)
    record = get_record(record_id)
    if record.state in TERMINAL_STATES:
        raise Conflict(_("This record is closed: it was %(state)s.", state=state_label(record.state)), code="record_closed")
    if kind not in EVIDENCE_KINDS:
        raise Invalid(_("Unknown kind of evidence."), code="unknown_evidence_kind")
    fields: dict = {}
    for name in EVIDENCE_FIELDS[kind]:
        value = data.get(name)
        fields[name] = _clean_day(value, name) if name.endswith("_on") or name == "date_of_birth" else _clean_text(value, name)
    if kind == "identity":
        fields["checked_by"] = actor.id
        fields["document_type"] = fields["document_type"].lower()
    if kind == "reference":
        fields["confirmed_by"] = actor.id
    stored = {k: v.isoformat() if isinstance(v, date) else v for k, v in fields.items()}
    row = VettingEvidence(record_id=record.id, kind=kind, fields=stored, recorded_by=actor.id, recorded_at=clock())
    policy = expiry_policy()
    problems = rules.validate_evidence(to_rules_evidence(row), today=day or today(), adult_age=policy.adult_age,
                                       subject_id=record.expert_id)
    if problems:
        raise Invalid(_problem_message(problems[0]), code=problems[0].code)
    db.session.add(row)
    db.session.commit()
    # The audit log is read by moderators too: it names the kind, never the evidence itself.
    audit("vetting", actor_id=actor.id, action="vetting.evidence_record", subject_type="vetting_record",
          subject_id=record.id, after={"kind": kind, "evidence_id": row.id, "expert_id": record.expert_id})
    return row


# ---- the state machine -----------------------------------------------------------------

def _apply(record: VettingRecord, result: rules.TransitionResult, *, actor_id: int | None, now: datetime) -> VettingRecord:
    """Store one checked move, guarded against a concurrent move of the same record."""
    before, after = result.audit["before"], result.new_state.value
    values = {"state": after, "state_changed_at": now}
    if after == "verified" and (before == "in_review" or record.verified_since is None):
        values["verified_since"] = now
    done = db.session.execute(update(VettingRecord).where(VettingRecord.id == record.id, VettingRecord.state == before)
                              .values(**values).execution_options(synchronize_session=False))
    if done.rowcount != 1:
        db.session.rollback()
        raise Conflict(_("Someone else changed this record meanwhile. Reload and try again."), code="record_changed")
    db.session.add(VettingTransition(record_id=record.id, before=before, after=after, actor_id=actor_id,
                                     actor_role=result.audit["actor_role"], reason=result.audit["reason"], at=now))
    db.session.commit()
    db.session.refresh(record)
    audit("vetting", actor_id=actor_id, action=f"vetting.{after}", subject_type="vetting_record", subject_id=record.id,
          reason=result.audit["reason"], before={"state": before},
          after={"state": after, "expert_id": record.expert_id, "actor_role": result.audit["actor_role"]})
    log.info("vetting transition record=%s expert=%s %s->%s actor=%s", record.id, record.expert_id, before, after,
             actor_id if actor_id is not None else "system")
    if after != "verified":
        # Rooms re-check every room the expert is connected to and remove them at once.
        access_lost("vetting", user_id=record.expert_id, code=LOST_ACCESS_CODE)
    return record


def change_state(actor: User, record_id, target: str, reason: str, *, now: datetime | None = None) -> VettingRecord:
    """A verifier moves a record with a reason (see `rules.TRANSITIONS`); audited."""
    if actor is None or not actor.is_active:
        raise Forbidden(_("Only a verifier (admin) may do this."), code="not_verifier")
    now = now or clock()
    record = get_record(record_id)
    checklist = checklist_for(record, now.date())
    try:
        result = rules.transition(record.state, target if isinstance(target, str) else "", actor_role=actor.role,
                                  reason=reason if isinstance(reason, str) else "", checklist=checklist, now=now)
    except rules.VettingError as exc:
        raise _transition_error(exc, record.state, str(target), checklist) from None
    return _apply(record, result, actor_id=actor.id, now=now)


def expire_due(now: datetime | None = None) -> list[int]:
    """The expiry job: every verified record whose evidence has lapsed becomes "expired"
    (actor "system", audited) and the expert is removed from rooms. Returns record ids."""
    now = now or clock()
    expired = []
    for record in list(db.session.scalars(select(VettingRecord).where(VettingRecord.state == "verified")
                                          .order_by(VettingRecord.id))):
        checklist = checklist_for(record, now.date())
        if rules.cleared_to_meet_students(record.state, checklist):
            continue
        lapsed = ", ".join(checklist.outstanding) or "evidence"
        try:
            result = rules.transition("verified", "expired", actor_role=rules.SYSTEM_ROLE,
                                      reason=f"Evidence lapsed: {lapsed}", checklist=checklist, now=now)
            _apply(record, result, actor_id=None, now=now)
        except (rules.VettingError, Conflict):
            db.session.rollback()
            continue
        expired.append(record.id)
    return expired


def send_reminders(now: datetime | None = None) -> list[dict]:
    """E-mail each cleared expert about items expiring within the policy's window, once per
    item and expiry day (a renewal is reminded again). Returns what was sent."""
    from flask_babel import force_locale

    from . import notify

    now = now or clock()
    day = now.date()
    sent: list[dict] = []
    for record in list(db.session.scalars(select(VettingRecord).where(VettingRecord.state == "verified")
                                          .order_by(VettingRecord.id))):
        checklist = checklist_for(record, day)
        if not rules.cleared_to_meet_students(record.state, checklist):
            continue
        done = {(r.slot, r.expires_on) for r in db.session.scalars(
            select(VettingReminder).where(VettingReminder.record_id == record.id))}
        due = [r for r in rules.reminders_due(checklist, day) if (r.slot, r.expires_on) not in done]
        expert = db.session.get(User, record.expert_id)
        if not due or expert is None or not expert.email:
            continue
        for r in due:
            db.session.add(VettingReminder(record_id=record.id, slot=r.slot, expires_on=r.expires_on, sent_at=now))
        try:
            db.session.flush()  # the unique key makes a concurrent run skip instead of sending twice
        except IntegrityError:
            db.session.rollback()
            continue
        with force_locale(expert.locale or "en"):
            lines = [_("- %(item)s expires on %(day)s (%(n)d days left).", item=_slot_label(r.slot),
                       day=r.expires_on.isoformat(), n=r.days_left) for r in due]
            subject = _("Your Classroom Exchange verification: please renew soon")
            body = "\n".join([
                _("Hello %(name)s,", name=expert.first_name), "",
                _("Some of your vetting evidence expires soon. Students can meet you only while all of it is valid:"),
                "", *lines, "",
                _("Please send renewed evidence to your verifier before these dates. You can see your checklist at %(url)s",
                  url=current_app.config.get("PUBLIC_URL", "").rstrip("/") + "/vetting/me"),
            ])
        notify.write_email(expert.email, subject, body + "\n")
        db.session.commit()
        log.info("vetting reminder record=%s items=%d", record.id, len(due))
        sent.extend({"record_id": record.id, "expert_id": expert.id, "slot": r.slot,
                     "expires_on": r.expires_on.isoformat()} for r in due)
    return sent


_watching = False


def start_watch(app) -> None:
    """Run the expiry check and the reminders in this server process whenever the (clock's)
    day changes, looking every `VETTING_WATCH_SECONDS` (default 60; 0 turns it off).
    Evidence lapses at UTC midnight, so an expert still connected to a room then is removed
    within a minute, not at the next cron run. Access never waits for it: every join and
    message checks the effective state. Several processes may run it: each move is guarded
    and each reminder keyed, so nothing happens twice."""
    global _watching
    seconds = app.config.get("VETTING_WATCH_SECONDS", 60)
    if _watching or not seconds:
        return
    _watching = True
    from ..extensions import socketio

    def loop():
        with app.app_context():
            last_day = today()
        while True:
            socketio.sleep(seconds)
            with app.app_context():
                try:
                    day = today()
                    if day != last_day:
                        expired = expire_due()
                        sent = send_reminders()
                        last_day = day
                        log.info("vetting watch day=%s expired=%d reminders=%d", day, len(expired), len(sent))
                except Exception:  # a database hiccup must not end the watch; the next tick retries
                    log.exception("vetting watch failed")
                    db.session.rollback()
                finally:
                    db.remove()

    socketio.start_background_task(loop)


# ---- the application -------------------------------------------------------------------

def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", text or ""))


def bio_as_text(bio_html: str) -> str:
    """The stored bio back as plain text with paragraphs, for editing."""
    text = re.sub(r"</p>\s*", "\n\n", bio_html or "").replace("<br>", "\n")
    return _plain(text).strip()


def _bio_html(bio: str) -> str:
    """Sanitised HTML for the bio; plain text becomes paragraphs."""
    from ..safety import sanitize_html

    bio = (bio or "").strip()
    if "<" not in bio:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", bio) if p.strip()]
        bio = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return sanitize_html(bio)


def _refuse_unsafe(value: str, field: str, label: str) -> None:
    """Profiles are shown to children: like names, they must pass the strictest text check."""
    from ..safety import check_text

    if value and check_text(value, audience="under13").action != "allow":
        raise Invalid(_("%(field)s is not allowed here: no contact details, links or unkind words, please.",
                        field=label), code=f"{field}_refused")


def get_profile(expert_id: int) -> ExpertProfile | None:
    return db.session.scalar(select(ExpertProfile).where(ExpertProfile.user_id == expert_id))


def submit_application(expert: User, *, display_name, organisation, expertise, languages, bio="",
                       agree: bool = False, code_version: str = CODE_OF_CONDUCT_VERSION,
                       day: date | None = None) -> tuple[ExpertProfile, VettingRecord]:
    """An expert applies (or edits their profile): a new record starts in "applied"."""
    from ..directory.services import clean_languages

    if expert is None or expert.role != "expert":
        raise Forbidden(_("Only experts apply for verification."), code="not_expert")
    day = day or today()
    for name, value in (("display_name", display_name), ("organisation", organisation), ("expertise", expertise),
                        ("bio", bio)):
        if value is not None and not isinstance(value, str):
            raise Invalid(_("Field %(name)s has the wrong type.", name=name), code="wrong_type")
    if agree is not True:
        raise Invalid(_("Agree to the code of conduct."), code="code_of_conduct_not_agreed")
    langs = clean_languages(languages if languages is not None else [])
    clean = {k: " ".join((v or "").split()) for k, v in
             (("display_name", display_name), ("organisation", organisation), ("expertise", expertise))}
    bio_html = _bio_html(bio or "")
    profile_in = rules.ApplicationProfile(display_name=clean["display_name"], organisation=clean["organisation"],
                                          expertise=clean["expertise"], languages=tuple(langs), bio=bio_html,
                                          agreed_code_of_conduct_on=day, code_version=code_version or "")
    problems = rules.validate_profile(profile_in, today=day, current_code_version=CODE_OF_CONDUCT_VERSION)
    if problems:
        raise Invalid(_problem_message(problems[0]), code=problems[0].code)
    _refuse_unsafe(clean["display_name"], "display_name", _("Display name"))
    _refuse_unsafe(clean["organisation"], "organisation", _("Organisation"))
    _refuse_unsafe(clean["expertise"], "expertise", _("Expertise"))
    _refuse_unsafe(_plain(bio_html).strip(), "bio", _("Bio"))
    record = current_record(expert.id)
    if record is not None and record.state == "revoked":
        raise Forbidden(_("Your verification was revoked. Contact the platform if you think this is a mistake."),
                        code="vetting_revoked")
    now = clock()
    profile = get_profile(expert.id)
    if profile is None:
        profile = ExpertProfile(user_id=expert.id, created_at=now)
        db.session.add(profile)
    profile.display_name, profile.organisation, profile.expertise = (clean["display_name"], clean["organisation"],
                                                                     clean["expertise"])
    profile.languages, profile.bio = langs, bio_html
    profile.code_of_conduct_version, profile.agreed_on, profile.updated_at = CODE_OF_CONDUCT_VERSION, day, now
    new = record is None or record.state == "rejected"
    if new:
        record = VettingRecord(expert_id=expert.id, state="applied", state_changed_at=now, created_at=now)
        db.session.add(record)
    db.session.commit()
    audit("vetting", actor_id=expert.id, action="vetting.apply" if new else "vetting.profile_update",
          subject_type="vetting_record", subject_id=record.id, after={"state": record.state})
    return profile, record


# ---- what each viewer sees -------------------------------------------------------------

def public_profile(profile: ExpertProfile) -> dict:
    """What a student sees: the public profile, nothing about vetting."""
    return {"id": profile.user_id, "display_name": profile.display_name, "organisation": profile.organisation,
            "expertise": profile.expertise, "languages": list(profile.languages or []), "bio": profile.bio}


def badge_for(expert_id: int, day: date | None = None) -> dict:
    """What a teacher sees: cleared or not, with dates; never the evidence."""
    record = current_record(expert_id)
    if record is None:
        badge = rules.badge_view("applied", None)
    else:
        badge = rules.badge_view(record.state, checklist_for(record, day),
                                 verified_since=record.verified_since.date() if record.verified_since else None)
    badge["label"] = {"verified": _("Verified adult"), "expired": _("Verification expired")}.get(
        badge["state"], _("Not verified"))
    return badge


def _checklist_items(view: dict) -> list[dict]:
    for item in view["items"]:
        item["label"] = _slot_label(item["slot"])
        item["problems"] = [dict(p, message=_problem_message(rules.Problem(p["code"], p["message"], p["field"])))
                            for p in item["problems"]]
    return view["items"]


def my_vetting(expert: User) -> dict:
    """What the expert sees of their own application: each item, what is missing, when each
    expires; not the evidence fields. A request for more information shows its reason."""
    profile = get_profile(expert.id)
    record = current_record(expert.id)
    out: dict = {"profile": None, "record": None, "code_of_conduct_version": CODE_OF_CONDUCT_VERSION,
                 "cleared": expert_cleared(expert)}
    if profile is not None:
        out["profile"] = dict(public_profile(profile), code_of_conduct_version=profile.code_of_conduct_version,
                              agreed_on=profile.agreed_on.isoformat())
    if record is not None:
        checklist = checklist_for(record)
        view = rules.expert_view(record.state, checklist)
        _checklist_items(view)
        last = db.session.scalar(select(VettingTransition).where(VettingTransition.record_id == record.id)
                                 .order_by(VettingTransition.id.desc()).limit(1))
        view.update(id=record.id, state_label=state_label(view["state"]), state_changed_at=_iso(record.state_changed_at),
                    verified_since=_iso(record.verified_since) if view["state"] == "verified" else None,
                    message=last.reason if last is not None and last.before == "in_review" and last.after == "applied" else None)
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
        effective = rules.effective_state(record.state, checklist).value
        if state and state not in (record.state, effective):
            continue
        profile = get_profile(record.expert_id)
        out.append({"id": record.id, "expert": _user_brief(db.session.get(User, record.expert_id)),
                    "display_name": profile.display_name if profile else None,
                    "organisation": profile.organisation if profile else None,
                    "stored_state": record.state, "state": effective, "state_label": state_label(effective),
                    "outstanding": checklist.outstanding, "earliest_expiry": _day_iso(checklist.earliest_expiry),
                    "state_changed_at": _iso(record.state_changed_at), "created_at": _iso(record.created_at)})
    out.sort(key=lambda r: (r["stored_state"] not in OPEN_STATES,))
    return out


def _day_iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def record_detail(record: VettingRecord) -> dict:
    """Everything a verifier needs on one record: the checklist with evidence, every piece of
    evidence recorded, the moves open to them, and the history with reasons."""
    checklist = checklist_for(record)
    view = rules.verifier_view(record.state, checklist)
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
        id=record.id, expert=_user_brief(db.session.get(User, record.expert_id)),
        profile=dict(public_profile(profile), code_of_conduct_version=profile.code_of_conduct_version,
                     agreed_on=profile.agreed_on.isoformat()) if profile else None,
        state_label=state_label(view["state"]), state_changed_at=_iso(record.state_changed_at),
        verified_since=_iso(record.verified_since), created_at=_iso(record.created_at),
        evidence=[{"id": e.id, "kind": e.kind, "fields": e.fields, "recorded_by": {"id": e.recorded_by, "name": name(e.recorded_by)},
                   "recorded_at": _iso(e.recorded_at)} for e in evidence_rows(record)],
        history=[{"before": t.before, "after": t.after, "actor": {"id": t.actor_id, "name": name(t.actor_id)},
                  "actor_role": t.actor_role, "reason": t.reason, "at": _iso(t.at)}
                 for t in db.session.scalars(select(VettingTransition).where(VettingTransition.record_id == record.id)
                                             .order_by(VettingTransition.id))],
    )
    return view


def expert_profile_for(viewer: User, expert_id) -> dict:
    """One expert as this viewer may see them: students and other experts the public profile
    of a cleared expert only; teachers and moderators add the badge; verifiers the record."""
    from ..authz import allowed

    expert_id = as_id(expert_id)
    if expert_id is None:
        raise NotFound(_("No such expert."), code="no_such_expert")
    profile = get_profile(expert_id)
    expert = db.session.get(User, expert_id)
    if profile is None or expert is None or expert.role != "expert":
        raise NotFound(_("No such expert."), code="no_such_expert")
    out = {"profile": public_profile(profile)}
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


# ---- offers and visits -----------------------------------------------------------------

def _clean_grade_bands(values) -> list[str]:
    from ..directory.models import GRADE_BANDS

    if isinstance(values, str):
        values = [v.strip() for v in values.split(",")]
    if not isinstance(values, (list, tuple)) or not values:
        raise Invalid(_("Choose at least one grade band."), code="invalid_grade_bands")
    out = []
    for v in values:
        if v not in GRADE_BANDS:
            raise Invalid(_("Unknown grade band: %(band)s", band=str(v)[:8]), code="invalid_grade_bands")
        if v not in out:
            out.append(v)
    return [b for b in GRADE_BANDS if b in out]


def publish_offer(expert: User, *, topic, grade_bands, languages, length_minutes, availability="") -> ExpertOffer:
    """An expert offers a visit; teachers see it while the expert is cleared."""
    from ..accounts.services import validate_name
    from ..directory.services import clean_languages

    if expert is None or expert.role != "expert":
        raise Forbidden(_("Only experts publish offers."), code="not_expert")
    if get_profile(expert.id) is None:
        raise Conflict(_("Fill in your expert profile first."), code="profile_required")
    record = current_record(expert.id)
    if record is not None and record.state in TERMINAL_STATES:
        raise Forbidden(_("Your verification was %(state)s: you cannot offer visits.", state=state_label(record.state)),
                        code="expert_not_verified")
    if not isinstance(topic, str) or len(" ".join(topic.split())) < 3:
        raise Invalid(_("The topic needs at least 3 characters."), code="invalid_topic")
    topic = validate_name(topic, _("Topic"))
    if isinstance(length_minutes, bool) or not isinstance(length_minutes, int) or not 15 <= length_minutes <= 240:
        raise Invalid(_("A visit lasts 15 to 240 minutes."), code="invalid_length")
    if availability is not None and not isinstance(availability, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name="availability"), code="wrong_type")
    availability = " ".join((availability or "").split())[:500]
    _refuse_unsafe(availability, "availability", _("Availability"))
    offer = ExpertOffer(expert_id=expert.id, topic=topic, grade_bands=_clean_grade_bands(grade_bands),
                        languages=clean_languages(languages if languages is not None else []),
                        length_minutes=length_minutes, availability=availability, active=True, created_at=clock())
    db.session.add(offer)
    db.session.commit()
    audit("vetting", actor_id=expert.id, action="offer.publish", subject_type="expert_offer", subject_id=offer.id)
    return offer


def get_offer(offer_id) -> ExpertOffer:
    offer = lookup(ExpertOffer, offer_id)
    if offer is None:
        raise NotFound(_("No such offer."), code="no_such_offer")
    return offer


def set_offer_active(expert: User, offer_id, active: bool) -> ExpertOffer:
    offer = get_offer(offer_id)
    if offer.expert_id != expert.id:
        raise Forbidden(_("This is not your offer."), code="not_your_offer")
    offer.active = bool(active)
    db.session.commit()
    audit("vetting", actor_id=expert.id, action="offer." + ("activate" if active else "withdraw"),
          subject_type="expert_offer", subject_id=offer.id)
    return offer


def offer_view(offer: ExpertOffer, profile: ExpertProfile | None = None, badge: dict | None = None) -> dict:
    out = {"id": offer.id, "expert_id": offer.expert_id, "topic": offer.topic, "grade_bands": offer.grade_bands,
           "languages": offer.languages, "length_minutes": offer.length_minutes, "availability": offer.availability,
           "active": offer.active}
    if profile is not None:
        out["expert"] = public_profile(profile)
    if badge is not None:
        out["badge"] = badge
    return out


def offers_of(expert: User) -> list[ExpertOffer]:
    return list(db.session.scalars(select(ExpertOffer).where(ExpertOffer.expert_id == expert.id)
                                   .order_by(ExpertOffer.id.desc())))


def browse_offers() -> list[dict]:
    """Active offers of cleared experts, each with the expert's public profile and badge."""
    offers = list(db.session.scalars(select(ExpertOffer).where(ExpertOffer.active.is_(True))
                                     .order_by(ExpertOffer.id.desc()).limit(300)))
    cleared: dict[int, bool] = {}
    out = []
    for offer in offers:
        if offer.expert_id not in cleared:
            cleared[offer.expert_id] = expert_cleared(db.session.get(User, offer.expert_id))
        if cleared[offer.expert_id]:
            out.append(offer_view(offer, get_profile(offer.expert_id), badge_for(offer.expert_id)))
    return out


def request_visit(teacher: User, offer_id, *, class_id, proposed_start: datetime, note: str = "") -> VisitRequest:
    """A verified teacher asks a cleared expert to visit one of their classes."""
    from ..directory.models import SchoolClass

    if teacher is None or teacher.role != "teacher":
        raise Forbidden(_("Only teachers request visits."), code="not_teacher")
    if teacher.teacher_verified_at is None:
        raise Forbidden(_("Your school admin must verify you before you host experts."), code="teacher_not_verified")
    offer = get_offer(offer_id)
    expert = db.session.get(User, offer.expert_id)
    if not offer.active:
        raise Conflict(_("This offer was withdrawn."), code="offer_withdrawn")
    if not expert_cleared(expert):
        raise Forbidden(_("This expert is not verified, or their verification has expired."), code="expert_not_verified")
    cls = lookup(SchoolClass, class_id) if isinstance(class_id, int) else None
    if cls is None:
        raise NotFound(_("No such class."), code="no_such_class")
    if cls.teacher_id != teacher.id:
        raise Forbidden(_("Request visits for your own classes only."), code="not_your_class")
    if cls.grade_band not in offer.grade_bands:
        raise Invalid(_("This offer is for grades %(bands)s.", bands=", ".join(offer.grade_bands)), code="grade_band_mismatch")
    if not set(cls.languages or []) & set(offer.languages or []):
        raise Invalid(_("The class and the expert share no language."), code="no_common_language")
    if not isinstance(proposed_start, datetime) or proposed_start.tzinfo is None:
        raise Invalid(_("Give the start as a date and time with its time zone."), code="invalid_time")
    now = utcnow()  # rooms open by the wall clock, so visits are scheduled against it
    if proposed_start <= now:
        raise Invalid(_("A visit must start in the future."), code="start_in_past")
    if proposed_start > now + timedelta(days=366):
        raise Invalid(_("A visit can be requested up to a year ahead."), code="start_too_far")
    if note is not None and not isinstance(note, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name="note"), code="wrong_type")
    note = (note or "").strip()[:500]
    _refuse_unsafe(note, "note", _("Note"))
    if db.session.scalar(select(VisitRequest.id).where(VisitRequest.offer_id == offer.id, VisitRequest.class_id == cls.id,
                                                       VisitRequest.status == "requested")):
        raise Conflict(_("You already asked for this visit for this class."), code="already_requested")
    req = VisitRequest(offer_id=offer.id, teacher_id=teacher.id, class_id=cls.id,
                       proposed_start=proposed_start.astimezone(timezone.utc), note=note, status="requested",
                       created_at=now)
    db.session.add(req)
    db.session.commit()
    audit("vetting", actor_id=teacher.id, action="visit.request", subject_type="visit_request", subject_id=req.id,
          school_id=cls.school_id, after={"offer_id": offer.id, "class_id": cls.id, "expert_id": offer.expert_id})
    return req


def get_visit_request(request_id) -> VisitRequest:
    req = lookup(VisitRequest, request_id)
    if req is None:
        raise NotFound(_("No such visit request."), code="no_such_request")
    return req


def answer_visit(expert: User, request_id, accept: bool) -> VisitRequest:
    """The expert accepts (the visit room is created for the class, with them invited) or
    declines. Only a cleared expert may accept, and only for a verified teacher."""
    from ..rooms import services as rooms  # composition at this edge: rooms imports us, not the reverse at load

    req = get_visit_request(request_id)
    offer = db.session.get(ExpertOffer, req.offer_id)
    if expert is None or offer is None or offer.expert_id != expert.id:
        raise Forbidden(_("This request is not for you."), code="not_your_request")
    if req.status != "requested":
        raise Conflict(_("This request was already %(status)s.", status=_(req.status)), code="already_answered")
    now = utcnow()
    if not accept:
        req.status, req.decided_at = "declined", now
        db.session.commit()
        audit("vetting", actor_id=expert.id, action="visit.decline", subject_type="visit_request", subject_id=req.id)
        return req
    if not expert_cleared(expert):
        raise Forbidden(_("You are not verified, or your verification has expired."), code="expert_not_verified")
    teacher = db.session.get(User, req.teacher_id)
    if teacher is None or not teacher.is_active or teacher.teacher_verified_at is None:
        raise Forbidden(_("The teacher is not verified by their school."), code="teacher_not_verified")
    if req.proposed_start + timedelta(minutes=offer.length_minutes) <= now:
        raise Conflict(_("The proposed time has passed. Ask the teacher for a new request."), code="start_in_past")
    # Claim the request first so that two clicks cannot create two rooms.
    claimed = db.session.execute(update(VisitRequest).where(VisitRequest.id == req.id, VisitRequest.status == "requested")
                                 .values(status="accepted", decided_at=now).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        db.session.rollback()
        raise Conflict(_("This request was already answered."), code="already_answered")
    db.session.commit()
    try:
        room = rooms.create_room(teacher, title=f"{_('Visit')}: {offer.topic}"[:80], class_ids=[req.class_id],
                                 opens_at=req.proposed_start,
                                 closes_at=req.proposed_start + timedelta(minutes=offer.length_minutes),
                                 expert_ids=[expert.id], kind="visit")
    except Exception:
        db.session.rollback()
        db.session.execute(update(VisitRequest).where(VisitRequest.id == req.id)
                           .values(status="requested", decided_at=None).execution_options(synchronize_session=False))
        db.session.commit()
        raise
    db.session.execute(update(VisitRequest).where(VisitRequest.id == req.id).values(room_id=room.id)
                       .execution_options(synchronize_session=False))
    db.session.commit()
    db.session.refresh(req)
    audit("vetting", actor_id=expert.id, action="visit.accept", subject_type="visit_request", subject_id=req.id,
          room_id=room.id, after={"room_id": room.id, "class_id": req.class_id})
    return req


def cancel_visit(teacher: User, request_id) -> VisitRequest:
    """The teacher withdraws a request the expert has not answered yet."""
    req = get_visit_request(request_id)
    if teacher is None or req.teacher_id != teacher.id:
        raise Forbidden(_("This is not your request."), code="not_your_request")
    if req.status != "requested":
        raise Conflict(_("Only a request not yet answered can be cancelled."), code="already_answered")
    req.status, req.decided_at = "cancelled", clock()
    db.session.commit()
    audit("vetting", actor_id=teacher.id, action="visit.cancel", subject_type="visit_request", subject_id=req.id)
    return req


def visit_view(req: VisitRequest) -> dict:
    """A request as the teacher and the expert see it: the class and school, no students."""
    from ..directory.models import SchoolClass

    offer = db.session.get(ExpertOffer, req.offer_id)
    cls = db.session.get(SchoolClass, req.class_id)
    teacher = db.session.get(User, req.teacher_id)
    profile = get_profile(offer.expert_id) if offer else None
    return {"id": req.id, "status": req.status, "status_label": _(req.status), "offer_id": req.offer_id,
            "topic": offer.topic if offer else None, "length_minutes": offer.length_minutes if offer else None,
            "proposed_start": _iso(req.proposed_start), "note": req.note, "room_id": req.room_id,
            "class": {"id": cls.id, "name": cls.name, "grade_band": cls.grade_band, "languages": cls.languages,
                      "school": cls.school.name, "country": cls.school.country, "timezone": cls.timezone} if cls else None,
            "teacher": {"id": teacher.id, "name": teacher.full_name} if teacher else None,
            "expert": {"id": offer.expert_id, "display_name": profile.display_name if profile else None} if offer else None,
            "created_at": _iso(req.created_at), "decided_at": _iso(req.decided_at)}


def requests_for_expert(expert: User) -> list[VisitRequest]:
    return list(db.session.scalars(select(VisitRequest).join(ExpertOffer, ExpertOffer.id == VisitRequest.offer_id)
                                   .where(ExpertOffer.expert_id == expert.id).order_by(VisitRequest.id.desc()).limit(200)))


def requests_of_teacher(teacher: User) -> list[VisitRequest]:
    return list(db.session.scalars(select(VisitRequest).where(VisitRequest.teacher_id == teacher.id)
                                   .order_by(VisitRequest.id.desc()).limit(200)))


# ---- dashboards ------------------------------------------------------------------------

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
        return {"requests": [visit_view(r) for r in requests_of_teacher(user)[:5]],
                "verified": user.teacher_verified_at is not None}
    return {}


# ---- demo data -------------------------------------------------------------------------

SELMA = "selma.ortiz@marinelab.example"
KOFI = "kofi.mensah@skylab.example"


def load_vetting_demo(people: dict, classes: list, rooms: list, password_hash: str | None = None) -> bool:
    """Fictional vetting demo: Selma Ortiz's application in review with some evidence, and
    Kofi Mensah, a verified expert with an active offer a teacher can request. Runs once;
    returns False when already there. Kofi's password is the other demo logins' (Selma's
    hash) unless `password_hash` is given."""
    from ..accounts.services import create_user, find_by_login

    if find_by_login(KOFI) is not None:
        return False
    selma = people.get(SELMA) or find_by_login(SELMA)
    admin = next((u for u in people.values() if u.role == "admin"), None)
    if selma is None or admin is None:
        return False
    day = today()
    _, record = submit_application(
        selma, display_name="Dr. Selma Ortiz", organisation="Coral Coast Marine Lab",
        expertise="Marine biology: coral reefs, ocean warming and the animals of the reef",
        languages=["en", "es"], agree=True, day=day,
        bio="I study coral reefs at the Coral Coast Marine Lab and love showing classes what lives on a reef.\n\n"
            "Ask me about parrotfish, sea turtles and why reefs turn white.")
    change_state(admin, record.id, "in_review", "Application received; checking the evidence.")
    record_evidence(admin, record.id, "identity",
                    {"document_type": "passport", "checked_on": day - timedelta(days=3),
                     "date_of_birth": rules.add_months(day, -(42 * 12 + 5))})  # adults on any date the clock is set to
    record_evidence(admin, record.id, "safeguarding_training",
                    {"provider": "Safer Classrooms online course", "completed_on": day - timedelta(days=40)})

    kofi = create_user(role="expert", email=KOFI, password="", password_hash=password_hash or selma.password_hash,
                       first_name="Kofi", last_name="Mensah", timezone="Africa/Accra")
    db.session.commit()
    _, record = submit_application(
        kofi, display_name="Kofi Mensah", organisation="Skylab Planetarium",
        expertise="Astronomy: the night sky, planets and how rockets reach space", languages=["en", "fr"],
        agree=True, day=day,
        bio="I run the school programme of the Skylab Planetarium.\n\nI bring star maps, rocket models and many questions.")
    change_state(admin, record.id, "in_review", "Application received; checking the evidence.")
    checked = day - timedelta(days=30)
    record_evidence(admin, record.id, "identity",
                    {"document_type": "national_id", "checked_on": checked,
                     "date_of_birth": rules.add_months(day, -(47 * 12 + 10))})
    record_evidence(admin, record.id, "background",
                    {"provider": "National criminal-record check", "reference": "NCR-2026-448812", "issued_on": checked})
    record_evidence(admin, record.id, "safeguarding_training",
                    {"provider": "Safer Classrooms online course", "completed_on": checked})
    record_evidence(admin, record.id, "reference",
                    {"referee_name": "Ama Owusu", "relation": "Director of the planetarium", "confirmed_on": checked})
    record_evidence(admin, record.id, "reference",
                    {"referee_name": "Jean-Paul Mbeki", "relation": "Head teacher of a partner school", "confirmed_on": checked})
    change_state(admin, record.id, "verified", "All evidence checked and complete.")
    publish_offer(kofi, topic="A tour of the night sky", grade_bands=["6-8", "9-10", "11-12"], languages=["en", "fr"],
                  length_minutes=45, availability="Tuesdays and Thursdays, 14:00-17:00 UTC")
    return True
