"""Who sees an exhibition, which of its work each audience may see, and how a student is named.
Pure: services hand in plain facts (roles, consents as sets of granted scopes) and act on the answer.

The three audiences, from narrowest to widest:

- ``partnership``: the people of the room (both classes, their teachers, the room's guests) and
  moderators. The work already crossed to the partner class under the room's consents.
- ``school``: also the families of the curator's school whose child takes part in exchanges (a
  guardian of a student of that school with the ``exchanges`` consent granted); not the public.
- ``public``: anyone with the link, without logging in. A student's work appears only when their
  guardian granted ``public_showing``, and a picture showing a face only when ``public_faces`` is
  granted too. Students are always named by first name and initial.

Drafts and withdrawn exhibitions are seen only by those who may curate them.
"""

from __future__ import annotations

from dataclasses import dataclass

AUDIENCES = ("partnership", "school", "public")
STATUSES = ("draft", "published", "withdrawn")
ITEM_KINDS = ("file", "message")
MAX_ITEMS = 60
MAX_TITLE, MAX_DESCRIPTION, MAX_CAPTION, MAX_COMMENT = 200, 2000, 300, 500
FAMILY_SCOPE = "exchanges"
PUBLIC_SCOPE, FACES_SCOPE = "public_showing", "public_faces"


@dataclass(frozen=True)
class Visitor:
    """Someone looking at an exhibition: how they relate to its room and its school."""

    role: str | None  # the account's role; None for a visitor who is not logged in
    room_role: str | None = None  # rooms.member_role in the exhibition's room
    curates: bool = False  # may edit it: a supervisor of its room
    family_of_school: bool = False  # a guardian of a consenting student of the exhibition's school


@dataclass(frozen=True)
class ExhibitionFacts:
    audience: str
    status: str


@dataclass(frozen=True)
class WorkFacts:
    """One piece of work: who made it and what their guardians agreed to."""

    author_role: str | None  # student, teacher, expert... (None: the author's account is gone)
    granted: frozenset[str]  # the author's granted consent scopes (students only; empty for adults)
    shows_face: bool = False


def may_view(v: Visitor, e: ExhibitionFacts) -> bool:
    """Whether this visitor may open the exhibition at all."""
    if v.curates or v.role == "moderator":
        return True
    if e.status != "published":
        return False
    if e.audience == "public":
        return True
    if v.room_role is not None:
        return True
    return e.audience == "school" and v.role == "guardian" and v.family_of_school


def refusal(v: Visitor, e: ExhibitionFacts) -> str | None:
    """None when the visitor may open it; else why not, as a code the edge turns into a sentence."""
    if may_view(v, e):
        return None
    if e.status != "published":
        return "not_published"
    if v.role is None:
        return "login_required"
    if v.role == "guardian":
        return "no_family_consent"
    return "not_in_audience"


def shown_in(audience: str, work: WorkFacts) -> bool:
    """Whether a piece of work appears to this exhibition's audience (curators see every item, marked)."""
    if audience != "public" or work.author_role != "student":
        return work.author_role is not None
    if PUBLIC_SCOPE not in work.granted:
        return False
    return not work.shows_face or FACES_SCOPE in work.granted


def left_out_reason(audience: str, work: WorkFacts) -> str | None:
    """For the curator: why an item is not shown to the audience ("no_public_consent", "no_face_consent")."""
    if shown_in(audience, work):
        return None
    if work.author_role is None:
        return "author_gone"
    if PUBLIC_SCOPE not in work.granted:
        return "no_public_consent"
    return "no_face_consent"


def shown_name(first_name: str, last_name: str, role: str | None, audience: str) -> str:
    """Students: first name and initial, always (other schools and the public never see more).
    Adults: their full name, except in public, where a teacher is also first name and initial."""
    initial = (last_name or "")[:1]
    short = f"{first_name} {initial}." if initial else first_name
    if role == "student" or audience == "public":
        return short
    return f"{first_name} {last_name}".strip()


def comment_state(action: str, must_be_read: bool) -> tuple[str, bool]:
    """(status, flag?) for a comment from the filter's verdict: allow shows it (a pupil's report of
    harm goes to a person too); redact shows it masked, and a masked harm goes to a person too;
    hold waits for review; block never gets here."""
    if action in ("allow", "redact"):
        return "visible", must_be_read
    return "held", True
