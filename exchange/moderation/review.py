"""The review queue as people read it: each flag with its author (as the viewer may see them),
class, school, room, the rule in plain words, the whole message, the conversation around it,
and only the actions this viewer may take on it in its current state.

Everything is read in a few batched queries for the whole page (authors, rooms, schools,
classes), plus the message archive around each flagged line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ..accounts.models import User
from ..accounts.services import display_name
from ..db import db
from ..directory.models import ClassMembership, School, SchoolClass
from ..rooms.context import messages_after, messages_around, supervised_rooms_select
from ..rooms.membership import can_control, current_state
from ..rooms.models import Room, RoomClass
from .models import Flag
from .presenters import flag_view
from .rule_texts import flag_sentences, rule_sentence
from .services import OPEN_STATES

# The order the buttons appear in; the keyboard shortcuts name the same actions.
ACTION_ORDER = ("approve", "remove", "dismiss", "warn", "mute", "kick", "suspend", "lock", "escalate")
DANGER = frozenset({"remove", "kick", "suspend"})


@dataclass
class Line:
    """One line of the conversation around a flagged message."""

    seq: int | None
    author_id: int | None
    body: str
    removed: bool = False
    flagged: bool = False  # the line the flag is about
    held: bool = False  # never delivered: held or blocked
    name: str = ""


@dataclass
class Item:
    flag: Flag
    view: dict
    author: str = ""
    author_role: str = ""
    class_name: str = ""
    school: str = ""
    room_title: str = ""
    sentences: list[str] = field(default_factory=list)
    report_note: str = ""
    fired_words: str = ""  # what the filter matched, as written (the teach form's default phrase)
    claimed_by: str = ""
    claimed_by_me: bool = False
    lines: list[Line] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    may_claim: bool = False

    @property
    def is_open(self) -> bool:
        return self.flag.status in OPEN_STATES


def _by_id(model, ids: Iterable[int | None]) -> dict:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {row.id: row for row in db.session.scalars(select(model).where(model.id.in_(wanted)))}


def _classes_of(users: dict[int, User]) -> dict[int, list[SchoolClass]]:
    """Each person's classes: a student's approved classes, a teacher's own."""
    out: dict[int, list[SchoolClass]] = {}
    ids = list(users)
    if not ids:
        return out
    for m in db.session.scalars(
        select(ClassMembership).where(ClassMembership.user_id.in_(ids), ClassMembership.status == "approved")
    ):
        out.setdefault(m.user_id, []).append(m.school_class)
    for c in db.session.scalars(select(SchoolClass).where(SchoolClass.teacher_id.in_(ids))):
        out.setdefault(c.teacher_id, []).append(c)
    return out


def _room_classes(room_ids: set[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    if room_ids:
        rows = db.session.execute(
            select(RoomClass.room_id, RoomClass.class_id).where(
                RoomClass.room_id.in_(room_ids), RoomClass.status == "accepted"
            )
        )
        for room_id, class_id in rows:
            out.setdefault(room_id, set()).add(class_id)
    return out


def _seq_of(flag: Flag) -> int | None:
    subject = flag.subject_id or ""
    return int(subject) if flag.subject_type == "message" and subject.isdigit() else None


def _anchor(flag: Flag) -> int:
    """The last line a held or blocked message's author saw: the newest seq of its snapshot."""
    return max((int(c.get("seq") or 0) for c in flag.context or [] if isinstance(c, dict)), default=0)


def _line(r, *, flagged: bool = False) -> Line:
    return Line(r.seq, r.author_id, r.body, bool(r.meta.get("removed")), flagged=flagged)


def _lines(flag: Flag, room: Room | None) -> list[Line]:
    """The conversation around the flagged line, from the archive (names are filled in later)."""
    if flag.subject_type != "message" or room is None:
        return []
    seq = _seq_of(flag)
    if seq is not None:
        around = [_line(r, flagged=r.seq == seq) for r in messages_around(room.id, seq)]
        return around or [Line(seq, flag.author_id, flag.body, flagged=True)]
    # Held or blocked: never in the room. The lines before it (up to the last one its author
    # saw), the attempt itself, then what was said afterwards.
    anchor = _anchor(flag)
    before = [_line(r) for r in messages_around(room.id, anchor, after=0)] if anchor else []
    after = [_line(r) for r in messages_after(room.id, anchor)]
    return before + [Line(None, flag.author_id, flag.body, flagged=True, held=True)] + after


def _fired_words(flag: Flag) -> str:
    """The words that fired, as written: the first reason that is not personal data."""
    for r in flag.reasons or []:
        span = r.get("span") if isinstance(r, dict) else None
        if (
            isinstance(span, list)
            and len(span) == 2
            and all(isinstance(x, int) for x in span)
            and span[1] > span[0]
            and not str(r.get("category", "")).startswith("pii_")
        ):
            return (flag.body or "")[span[0] : span[1]]
    return ""


def _actions(viewer: User, flag: Flag, room: Room | None, author: User | None, controls: bool) -> list[str]:
    """The actions this viewer may take on this flag now (what the services would accept)."""
    if flag.status not in OPEN_STATES:
        return []
    if flag.claimed_by is not None and flag.claimed_by != viewer.id:
        return []  # someone else is handling it
    seq = _seq_of(flag)
    out = []
    if flag.verdict == "hold" and flag.subject_type == "message" and room is not None:
        out.append("approve")
    if flag.subject_type == "file" or (
        flag.subject_type == "message" and room is not None and (flag.verdict == "hold" or seq is not None)
    ):
        out.append("remove")
    out.append("dismiss")
    if author is not None:
        out.append("warn")
        if room is not None and controls:
            out.append("mute")
        if room is not None:
            out.append("kick")
        if viewer.role in ("moderator", "admin") and author.status == "active" and author.id != viewer.id:
            out.append("suspend")
    if room is not None and controls and current_state(room) != "locked":
        out.append("lock")
    if flag.status != "escalated" and viewer.role != "admin":
        out.append("escalate")
    return [a for a in ACTION_ORDER if a in out]


def items_for(viewer: User, flags: list[Flag]) -> list[Item]:
    """The page's items, in the queue's order."""
    rooms: dict[int, Room] = _by_id(Room, (f.room_id for f in flags))
    authors: dict[int, User] = _by_id(User, (f.author_id for f in flags))
    classes = _classes_of(authors)
    room_classes = _room_classes(set(rooms))
    schools: dict[int, School] = _by_id(School, [f.school_id for f in flags] + [u.school_id for u in authors.values()])
    controls = {room_id: can_control(viewer, room) for room_id, room in rooms.items()}
    claimers: dict[int, User] = _by_id(User, (f.claimed_by for f in flags))

    items = []
    for flag in flags:
        room = rooms.get(flag.room_id) if flag.room_id is not None else None
        author = authors.get(flag.author_id) if flag.author_id is not None else None
        item = Item(flag=flag, view=flag_view(flag))
        if author is not None:
            item.author, item.author_role = display_name(author, viewer), author.role
            mine = classes.get(author.id, [])
            in_room = [c for c in mine if room is not None and c.id in room_classes.get(room.id, set())]
            chosen = in_room or mine
            item.class_name = chosen[0].name if chosen else ""
        school_id = flag.school_id if flag.school_id is not None else (author.school_id if author else None)
        school = schools.get(school_id) if school_id is not None else None
        item.school = school.name if school is not None else ""
        item.room_title = room.title if room is not None else ""
        item.sentences = flag_sentences(flag.category, flag.reasons)
        if flag.source == "premoderation" and not flag.reasons:
            item.sentences = [rule_sentence("premoderation")]
        if flag.source == "report":
            item.report_note = next(
                (str(r.get("note", "")) for r in flag.reasons or [] if isinstance(r, dict) and r.get("note")), ""
            )
        item.fired_words = _fired_words(flag)
        claimer = claimers.get(flag.claimed_by) if flag.claimed_by is not None else None
        item.claimed_by = display_name(claimer, viewer) if claimer is not None else ""
        item.claimed_by_me = flag.claimed_by == viewer.id
        item.lines = _lines(flag, room)
        item.actions = _actions(viewer, flag, room, author, controls.get(flag.room_id or -1, False))
        item.may_claim = bool(item.actions) and flag.claimed_by is None
        items.append(item)

    # The names on the context lines, read at once, as the viewer may see them.
    lines = [line for item in items for line in item.lines]
    people = _by_id(User, (line.author_id for line in lines))
    for line in lines:
        person = people.get(line.author_id) if line.author_id is not None else None
        line.name = display_name(person, viewer) if person is not None else ""
    return items


def filter_options(room_ids: list[int] | None, school_id: int | None) -> tuple[list[Room], list[School]]:
    """The rooms and schools a reviewer may review, by name, for the filters. A teacher or a
    school's moderator: their supervised rooms and the schools taking part in them; a school's
    admin: the rooms their school's flags come from; the platform: rooms with flags, every school."""
    if room_ids is not None:
        room_set = set(room_ids)
        school_set = set(
            db.session.scalars(
                select(SchoolClass.school_id)
                .join(RoomClass, RoomClass.class_id == SchoolClass.id)
                .where(RoomClass.room_id.in_(room_set or [-1]), RoomClass.status == "accepted")
                .distinct()
            )
        )
        schools = list(_by_id(School, school_set).values())
    else:
        scope = select(Flag.room_id).where(Flag.room_id.is_not(None))
        if school_id is not None:
            scope = scope.where(Flag.school_id == school_id)
        room_set = set(db.session.scalars(scope.distinct()))
        if school_id is not None:
            schools = list(_by_id(School, [school_id]).values())
        else:
            schools = list(db.session.scalars(select(School).order_by(School.name).limit(500)))
    rooms = sorted(_by_id(Room, room_set).values(), key=lambda r: (r.title.lower(), r.id))
    return rooms, sorted(schools, key=lambda s: (s.name.lower(), s.id))


def waiting_count(user: User) -> int:
    """How many flags wait for this reviewer: one COUNT, scoped as their queue is (`queue_scope`),
    with the supervised rooms as a subquery rather than read room by room."""
    q = select(func.count(Flag.id)).where(Flag.status.in_(OPEN_STATES))
    if user.role == "admin":
        if user.school_id is not None:
            q = q.where(Flag.school_id == user.school_id)
    elif not (user.role == "moderator" and user.platform_wide):
        q = q.where(Flag.room_id.in_(supervised_rooms_select(user)))
    return int(db.session.scalar(q) or 0)
