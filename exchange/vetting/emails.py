"""The texts vetting mails to experts, in the expert's language."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import ngettext

from .messages import slot_label
from .rules.checklist import Reminder


def renewal_reminder(expert, due: list[Reminder]) -> tuple[str, str]:
    """Subject and body of the mail asking an expert to renew evidence that expires soon."""
    with force_locale(expert.locale or "en"):
        lines = [
            ngettext(
                "- %(item)s expires on %(day)s (%(n)d day left).",
                "- %(item)s expires on %(day)s (%(n)d days left).",
                r.days_left,
                item=slot_label(r.slot),
                day=r.expires_on.isoformat(),
                n=r.days_left,
            )
            for r in due
        ]
        subject = _("Your Classroom Exchange verification: please renew soon")
        body = "\n".join(
            [
                _("Hello %(name)s,", name=expert.first_name),
                "",
                _("Some of your vetting evidence expires soon. Students can meet you only while all of it is valid:"),
                "",
                *lines,
                "",
                _(
                    "Please send renewed evidence to your verifier before these dates. You can see your checklist at %(url)s",
                    url=current_app.config.get("PUBLIC_URL", "").rstrip("/") + "/vetting/me",
                ),
            ]
        )
    return subject, body + "\n"
