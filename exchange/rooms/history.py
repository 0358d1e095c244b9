"""A room's history in seq order: the catch-up after a reconnect and the pages of scrollback.

Nothing is lost or doubled: a client names the last seq it saw and gets every later one.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db
from ..errors import Invalid
from ..realtime import message_payload
from ..storage import message_log
from .models import Room

# A client may name any seq; larger ones are read as this one. A seq is a 32-bit INTEGER column
# (PostgreSQL casts the parameter to it), so no room goes past it and no backend overflows on it.
MAX_SEQ = 2**31 - 1
PAGE_SIZE, PAGE_MAX = 100, 500


def history(user: User, room: Room, last_seq) -> dict:
    """Everything after last_seq in order. A client more than RESUME_LIMIT behind gets the latest page with
    `resync: true` and `first_seq`: it fills the gap after its last_seq with `history_page` (nothing is lost)."""
    if isinstance(last_seq, bool) or not isinstance(last_seq, int) or last_seq < 0:
        raise Invalid(_("last_seq must be a whole number."), code="invalid_payload")
    limit = current_app.config["RESUME_LIMIT"]
    log = message_log()
    records = log.since(room.id, min(last_seq, MAX_SEQ), limit + 1)
    resync = len(records) > limit
    if resync:
        records = log.latest(room.id, limit)
    return {"messages": _payloads(records), "resync": resync, "first_seq": records[0].seq if records else None}


def history_page(room: Room, *, after: int | None = None, before: int | None = None, limit: int = PAGE_SIZE) -> dict:
    """One page of the room's history, for catching up and scrolling back: the `limit` messages after
    `after`, or the `limit` just before `before`, always in seq order, with the cursor for the next page."""
    limit = max(1, min(limit, PAGE_MAX))
    log = message_log()
    if before is not None:
        records = log.before(room.id, min(before, MAX_SEQ), limit + 1)
        has_more = len(records) > limit
        records = records[1:] if has_more else records
        return {
            "messages": _payloads(records),
            "has_more": has_more,
            "next_before": records[0].seq if records else before,
        }
    after = min(after or 0, MAX_SEQ)
    records = log.since(room.id, after, limit + 1)
    has_more = len(records) > limit
    records = records[:limit]
    return {"messages": _payloads(records), "has_more": has_more, "next_after": records[-1].seq if records else after}


def _payloads(records) -> list[dict]:
    """Records as clients see them live (removed ones stay tombstones), authors fetched in one query."""
    ids = {r.author_id for r in records if r.author_id}
    authors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    return [message_payload(r, authors.get(r.author_id)) for r in records]
