"""In-process signals that let a domain announce an event without importing its listeners.

`audited` carries every event the audit log must keep (who, what, subject, why, before,
after); the moderation domain connects the tamper-evident writer in the app factory.
"""

from blinker import Namespace

_signals = Namespace()

# sender: the domain name; kwargs: actor_id, action, subject_type, subject_id, reason, before, after, room_id, school_id
audited = _signals.signal("audited")


def audit(
    domain: str,
    *,
    actor_id,
    action: str,
    subject_type: str,
    subject_id,
    reason: str = "",
    before=None,
    after=None,
    room_id=None,
    school_id=None,
    school_ids=None,
) -> None:
    audited.send(
        domain,
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        reason=reason,
        before=before,
        after=after,
        room_id=room_id,
        school_id=school_id,
        school_ids=school_ids,
    )


# sender: "accounts"; kwargs: login_session_id, user_id. Sent when a login ends (log out, or
# every login of a user on suspension: login_session_id None); the rooms domain closes the
# sockets of that login at once, on every server process.
login_ended = _signals.signal("login_ended")


def end_login(*, user_id: int, login_session_id: int | None) -> None:
    login_ended.send("accounts", user_id=user_id, login_session_id=login_session_id)


# sender: the domain name; kwargs: user_id, code. Sent when someone may no longer be in some
# rooms (vetting expired or revoked, guardian consent withdrawn, account suspended); the rooms
# domain re-checks their membership at once and removes them from rooms they lost.
access_changed = _signals.signal("access_changed")


def access_lost(domain: str, *, user_id: int, code: str) -> None:
    access_changed.send(domain, user_id=user_id, code=code)


# sender: "guardians"; kwargs: user_id (the child), actor_id (the admin who approved), request_id.
# Sent when an approved erasure request has emptied the child's messages and files; each
# listener forgets what its domain keeps of the child's words and returns its counts as a dict
# (moderation: {"flags": n}), which the erasure adds to the request's result.
child_erased = _signals.signal("child_erased")

# sender: "guardians"; kwargs: user_id (the child). Sent when a guardian asks for the child's data:
# each listener returns what else its domain keeps that the child wrote (exhibition comments,
# reflections...) as a list of dicts {type, room_id, room_title, at, body}, so the export is whole
# without guardians importing the domains above it.
child_data = _signals.signal("child_data")


def collect_child_writings(domain: str, *, user_id: int) -> list[dict]:
    rows: list[dict] = []
    for _receiver, result in child_data.send(domain, user_id=user_id):
        rows.extend(result or [])
    return sorted(rows, key=lambda r: (r.get("at") or "", r.get("type") or ""))


def erase_child(domain: str, *, user_id: int, actor_id: int, request_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _receiver, result in child_erased.send(domain, user_id=user_id, actor_id=actor_id, request_id=request_id):
        for key, n in (result or {}).items():
            counts[key] = counts.get(key, 0) + n
    return counts


# ---- a session held (issue 22, reply slips and notices by text) ----------------------------
# sender: "rooms"; kwargs: room_id, actor_id. Sent once a room's teacher or moderator has closed
# it (after the commit); guardians text the families who chose text messages that their child's
# class met ("session_held"), once per child and room.
room_closed = _signals.signal("room_closed")


def announce_room_closed(*, room_id: int, actor_id: int | None) -> None:
    room_closed.send("rooms", room_id=room_id, actor_id=actor_id)
