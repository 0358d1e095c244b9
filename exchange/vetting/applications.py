"""An expert's application: their public profile (checked as strictly as children's names,
since children read it) and the code of conduct they agree to; a first application opens
a vetting record in "applied".
"""

from __future__ import annotations

import html
import re
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db
from ..directory.services import clean_languages
from ..errors import Forbidden, Invalid
from ..safety import check_field, sanitize_html
from ..signals import audit
from .clearance import clock, current_record, today
from .messages import problem_message
from .models import ExpertProfile, VettingRecord
from .rules.profile import ApplicationProfile, validate_profile


CODE_OF_CONDUCT_VERSION = "2026-1"


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", text or ""))


def bio_as_text(bio_html: str) -> str:
    """The stored bio back as plain text with paragraphs, for editing."""
    text = re.sub(r"</p>\s*", "\n\n", bio_html or "").replace("<br>", "\n")
    return _plain(text).strip()


def _bio_html(bio: str) -> str:
    """Sanitised HTML for the bio; plain text becomes paragraphs."""
    bio = (bio or "").strip()
    if "<" not in bio:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", bio) if p.strip()]
        bio = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return sanitize_html(bio)


def refuse_unsafe(value: str, field: str, label: str) -> None:
    """Profiles are shown to children: like names, they must pass the strictest text check."""
    if value and check_field(value, audience="under13").action != "allow":
        raise Invalid(
            _("%(field)s is not allowed here: no contact details, links or unkind words, please.", field=label),
            code=f"{field}_refused",
        )


def get_profile(expert_id: int) -> ExpertProfile | None:
    return db.session.scalar(select(ExpertProfile).where(ExpertProfile.user_id == expert_id))


def submit_application(
    expert: User,
    *,
    display_name,
    organisation,
    expertise,
    languages,
    bio="",
    agree: bool = False,
    code_version: str = CODE_OF_CONDUCT_VERSION,
    day: date | None = None,
) -> tuple[ExpertProfile, VettingRecord]:
    """An expert applies (or edits their profile): a new record starts in "applied"."""
    if expert is None or expert.role != "expert":
        raise Forbidden(_("Only experts apply for verification."), code="not_expert")
    day = day or today()
    for name, value in (
        ("display_name", display_name),
        ("organisation", organisation),
        ("expertise", expertise),
        ("bio", bio),
    ):
        if value is not None and not isinstance(value, str):
            raise Invalid(_("Field %(name)s has the wrong type.", name=name), code="wrong_type")
    if agree is not True:
        raise Invalid(_("Agree to the code of conduct."), code="code_of_conduct_not_agreed")
    langs = clean_languages(languages if languages is not None else [])
    clean = {
        k: " ".join((v or "").split())
        for k, v in (("display_name", display_name), ("organisation", organisation), ("expertise", expertise))
    }
    bio_html = _bio_html(bio or "")
    profile_in = ApplicationProfile(
        display_name=clean["display_name"],
        organisation=clean["organisation"],
        expertise=clean["expertise"],
        languages=tuple(langs),
        bio=bio_html,
        agreed_code_of_conduct_on=day,
        code_version=code_version or "",
    )
    problems = validate_profile(profile_in, today=day, current_code_version=CODE_OF_CONDUCT_VERSION)
    if problems:
        raise Invalid(problem_message(problems[0]), code=problems[0].code)
    refuse_unsafe(clean["display_name"], "display_name", _("Display name"))
    refuse_unsafe(clean["organisation"], "organisation", _("Organisation"))
    refuse_unsafe(clean["expertise"], "expertise", _("Expertise"))
    refuse_unsafe(_plain(bio_html).strip(), "bio", _("Bio"))
    record = current_record(expert.id)
    if record is not None and record.state == "revoked":
        raise Forbidden(
            _("Your verification was revoked. Contact the platform if you think this is a mistake."),
            code="vetting_revoked",
        )
    now = clock()
    profile = get_profile(expert.id)
    if profile is None:
        profile = ExpertProfile(user_id=expert.id, created_at=now)
        db.session.add(profile)
    profile.display_name, profile.organisation, profile.expertise = (
        clean["display_name"],
        clean["organisation"],
        clean["expertise"],
    )
    profile.languages, profile.bio = langs, bio_html
    profile.code_of_conduct_version, profile.agreed_on, profile.updated_at = CODE_OF_CONDUCT_VERSION, day, now
    new = record is None or record.state == "rejected"
    if record is None or new:
        record = VettingRecord(expert_id=expert.id, state="applied", state_changed_at=now, created_at=now)
        db.session.add(record)
    db.session.commit()
    audit(
        "vetting",
        actor_id=expert.id,
        action="vetting.apply" if new else "vetting.profile_update",
        subject_type="vetting_record",
        subject_id=record.id,
        after={"state": record.state},
    )
    return profile, record
