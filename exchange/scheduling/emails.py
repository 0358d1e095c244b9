"""The texts of scheduling mail: subjects and plain-text bodies for invitations, other
times, answers, cancellations and reminders, each time on the reader's and both classes' clocks."""

from __future__ import annotations

from flask_babel import gettext as _

from ..accounts.models import User
from .local_time import local_label
from .models import ExchangeSession
from .presenters import public_url


def subject(event: str, title: str) -> str:
    texts = {
        "invited": _("Invitation: %(title)s", title=title),
        "proposed": _("Another time proposed: %(title)s", title=title),
        "accepted": _("Accepted: %(title)s", title=title),
        "declined": _("Declined: %(title)s", title=title),
        "cancelled": _("Cancelled: %(title)s", title=title),
        "reminder": _("Reminder: %(title)s", title=title),
    }
    return texts[event]


def body(event: str, sessions: list[ExchangeSession], recipient: User, actor: User | None, note: str = "") -> str:
    first = sessions[0]
    lines = []
    intro = {
        "invited": _(
            "%(who)s invites %(cls)s to a session with %(org)s.",
            who=actor.full_name if actor else "",
            cls=first.partner_class.name,
            org=first.organiser_class.name,
        ),
        "proposed": _("%(who)s proposes another time.", who=actor.full_name if actor else ""),
        "accepted": _("%(who)s accepted. The room is ready.", who=actor.full_name if actor else ""),
        "declined": _("%(who)s declined.", who=actor.full_name if actor else ""),
        "cancelled": _("%(who)s cancelled this session. Its room is closed.", who=actor.full_name if actor else ""),
        "reminder": _("Your session starts soon."),
    }[event]
    lines += [first.title, "", intro, ""]
    if note:
        lines += [note, ""]
    zones = [(recipient.timezone or "UTC", _("your time"))]
    for c in (first.organiser_class, first.partner_class):
        zones.append((c.timezone, c.name))
    for s in sessions:
        if s.series_id:
            lines.append(_("Week %(n)d of %(size)d", n=s.occurrence + 1, size=s.series_size))
        seen = set()
        for tz, who in zones:
            if tz in seen:
                continue
            seen.add(tz)
            label = local_label(s.starts_at, s.ends_at, tz)
            lines.append(f"  {label['label']} ({label['timezone']}, {label['offset']}) · {who}")
        lines.append("")
    if first.agenda:
        lines += [_("Agenda:"), first.agenda, ""]
    if first.cultural_prompt:
        lines += [_("Cultural prompt:"), first.cultural_prompt, ""]
    base = public_url()
    if event in ("invited", "proposed"):
        lines.append(_("Answer here: %(url)s", url=base + "/invitations"))
    elif first.room_id and event in ("accepted", "reminder"):
        lines.append(_("Room: %(url)s", url=f"{base}/rooms/{first.room_id}"))
        lines.append(_("Calendar file: %(url)s", url=f"{base}/sessions/{first.id}.ics"))
    return "\n".join(lines) + "\n"
