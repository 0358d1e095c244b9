"""Who sees, reviews and removes a shared file, and the daily limits, as pure functions.

No Flask and no database here: services pass plain facts (the viewer's role in the room and
the classes of the room they belong to or teach; the file's uploader, class and status).

The rule: a file from a student first reaches only the student's own side of the room (the
uploader, their classmates, their teacher, their school's admin) and the moderators. Others
in the room (the partner class and its teacher, experts) see it once the student's teacher or
a moderator approves it, unless the room's policy lets students' files through at once.
Files from teachers, experts and moderators are approved at once (they are still inspected).
A teacher's partnership resource may be kept for the room's supervisors (`staff_only`).
"""

from __future__ import annotations

from dataclasses import dataclass

SUPERVISORS = frozenset({"teacher", "moderator", "admin"})
GONE = frozenset({"rejected", "removed"})


@dataclass(frozen=True)
class Viewer:
    """Someone in relation to one room."""

    id: int
    room_role: str | None  # rooms.member_role: None when not a member
    class_ids: frozenset[int] = frozenset()  # accepted classes of the room they belong to or teach
    school_id: int | None = None


@dataclass(frozen=True)
class FileFacts:
    uploader_id: int
    uploader_school_id: int | None
    class_id: int | None  # the uploader's class in the room
    status: str  # pending | approved | rejected | removed
    staff_only: bool = False  # a partnership resource kept for the teachers


def needs_approval(uploader_room_role: str, policy_requires: bool, audience: str) -> bool:
    """Students' files wait for their teacher unless the room's policy says otherwise.

    Rooms with under-13s always review students' files: the policy cannot lift that.
    """
    if uploader_room_role != "student":
        return False
    return True if audience == "under13" else bool(policy_requires)


def initial_status(uploader_room_role: str, policy_requires: bool, audience: str, doubted: bool = False) -> str:
    """`doubted`: only the content filter's trained second opinion held the file's name; a pupil's
    file then waits for their teacher whatever the room's policy (an adult's is flagged instead)."""
    if doubted and uploader_room_role == "student":
        return "pending"
    return "pending" if needs_approval(uploader_room_role, policy_requires, audience) else "approved"


def may_review(viewer: Viewer, f: FileFacts) -> bool:
    """The uploader's own teacher, their school's admin, or a moderator decides on a student's file."""
    if viewer.room_role is None or viewer.id == f.uploader_id:
        return False
    if viewer.room_role == "moderator":
        return True
    if viewer.room_role == "teacher":
        return f.class_id is not None and f.class_id in viewer.class_ids
    if viewer.room_role == "admin":
        return f.uploader_school_id is not None and viewer.school_id == f.uploader_school_id
    return False


def home_side(viewer: Viewer, f: FileFacts) -> bool:
    """The uploader, their classmates in this room, and their reviewers."""
    if viewer.room_role is None:
        return False
    if viewer.id == f.uploader_id or may_review(viewer, f):
        return True
    return viewer.room_role == "student" and f.class_id is not None and f.class_id in viewer.class_ids


def may_list(viewer: Viewer, f: FileFacts) -> bool:
    """Whether the file appears in the viewer's list (rejected and removed ones as a notice only)."""
    if viewer.room_role is None:
        return False
    if f.staff_only and viewer.room_role not in SUPERVISORS:
        return False
    if f.status == "approved":
        return True
    if f.status == "pending":
        return home_side(viewer, f)
    return viewer.id == f.uploader_id or may_review(viewer, f)


def may_download(viewer: Viewer, f: FileFacts) -> bool:
    return f.status not in GONE and may_list(viewer, f)


def may_remove(viewer: Viewer, f: FileFacts) -> bool:
    """Moderators and the uploader's reviewers always; a room's other supervisors once it reached their class."""
    if f.status in GONE or viewer.room_role is None:
        return False
    if may_review(viewer, f):
        return True
    return viewer.room_role in SUPERVISORS and f.status == "approved"


def download_refusal(viewer: Viewer, f: FileFacts) -> str | None:
    """None when the viewer may download; else the error code (the caller maps it to 403/410)."""
    if viewer.room_role is None:
        return "not_a_member"
    if f.status in GONE:
        return "file_" + f.status  # the bytes are deleted: gone for everyone
    if not may_list(viewer, f):
        return "awaiting_approval"
    return None


def daily_refusal(count_today: int, bytes_today: int, new_size: int, *, max_files: int, max_bytes: int) -> str | None:
    """None when one more file of new_size fits today's limits (new_size 0: checking before reading)."""
    if count_today >= max_files:
        return "daily_file_limit"
    if bytes_today + new_size > max_bytes:
        return "daily_byte_limit"
    return None


def inline(kind: str) -> bool:
    """Images may be shown in the page; everything else is served as an attachment."""
    return kind == "image"
