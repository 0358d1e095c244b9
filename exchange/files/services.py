"""Files in rooms with the database: upload, teacher approval, removal, listing, downloads.

The path of one upload: membership, room state and today's limits are checked before the
body is read; `safety.inspect_upload` decides the type from the bytes and hands back a
cleaned copy; the cleaned name passes the text filter; an optional ClamAV scan; the bytes go
to the blob store under a random id; a row records the result; one audit record; then live
notices to those who may see the file (see `rules`).

Composes `rooms.services` (membership, room state) and `moderation.services` (flags for
dangerous uploads and reports) through their plain functions; never their edges.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import ClassMembership, SchoolClass
from ..errors import Conflict, DomainError, Forbidden, Invalid, NotFound, TooManyRequests
from ..moderation import services as moderation
from ..realtime import emit, room_channel, user_channel
from ..rooms import services as rooms
from ..rooms.models import Room
from ..safety import UploadRejected, check_text, inspect_upload
from ..safety.filenames import safe_filename
from ..safety.uploads import UploadLimits
from ..signals import audit
from ..storage import BlobNotFound, blob_store
from . import clamav, rules
from .models import FileUpload, RoomFilePolicy

log = logging.getLogger("exchange.files")

MiB = 1024 * 1024
MULTIPART_SLACK = 64 * 1024    # headers and boundaries around the file in a multipart body
FILE_ID_RE = re.compile(r"[A-Za-z0-9_-]{22}")
FLAGGED_REFUSALS = frozenset({"polyglot", "virus_found"})  # a moderator should see the attempt


class Gone(DomainError):
    status, code = 410, "gone"


class ScanFailed(DomainError):
    status, code = 503, "scan_unavailable"


# ---- settings ------------------------------------------------------------------------

def setting(key: str, default):
    """A setting from the app config; until config.py carries it, from EXCHANGE_<key> in the environment."""
    value = current_app.config.get(key)
    if value is None:
        value = os.environ.get("EXCHANGE_" + key) or None
    if value is None:
        return default
    if isinstance(default, (int, float)) and not isinstance(value, (int, float)):
        try:
            return type(default)(value)
        except ValueError:
            log.warning("setting %s is not a number; using the default", key)
            return default
    return value


def upload_limits() -> UploadLimits:
    """Per-kind limits from the settings, none above what the global HTTP cap lets through."""
    base = UploadLimits()
    cap = current_app.config.get("MAX_CONTENT_LENGTH")
    ceiling = max(cap - MULTIPART_SLACK, 1024) if cap else None

    def limit(key: str, default: int) -> int:
        value = setting(key, default)
        if value <= 0:
            log.warning("setting %s must be positive; using the default", key)
            value = default
        return min(value, ceiling) if ceiling else value

    return UploadLimits(
        max_image_bytes=limit("MAX_IMAGE_BYTES", base.max_image_bytes),
        max_pdf_bytes=limit("MAX_PDF_BYTES", base.max_pdf_bytes),
        max_text_bytes=limit("MAX_TEXT_BYTES", base.max_text_bytes),
        max_audio_bytes=limit("MAX_AUDIO_BYTES", base.max_audio_bytes),
        max_pixels=max(setting("MAX_IMAGE_PIXELS", base.max_pixels), 1),
    )


def largest_upload() -> int:
    """The most bytes any accepted file may have."""
    limits = upload_limits()
    return max(limits.max_bytes(k) for k in ("image", "pdf", "text", "audio"))


def request_cap() -> int:
    """The most bytes an upload request body may have; past this it is refused before it is read."""
    return largest_upload() + MULTIPART_SLACK


def daily_limits() -> tuple[int, int]:
    return setting("FILES_PER_DAY", 20), setting("FILE_BYTES_PER_DAY", 50 * MiB)


# ---- lookups -------------------------------------------------------------------------

def get_file(file_id) -> FileUpload:
    if not isinstance(file_id, str) or not FILE_ID_RE.fullmatch(file_id):
        raise NotFound(_("No such file."), code="no_such_file")
    f = db.session.get(FileUpload, file_id)
    if f is None:
        raise NotFound(_("No such file."), code="no_such_file")
    return f


def policy_requires_approval(room: Room) -> bool:
    row = db.session.get(RoomFilePolicy, room.id)
    return True if row is None else row.student_files_need_approval


def policy_view(room: Room) -> dict:
    requires = policy_requires_approval(room)
    return {"student_files_need_approval": requires or room.audience == "under13",
            "locked_by_audience": room.audience == "under13"}


def _class_ids_in(user: User, room: Room, role: str | None) -> frozenset[int]:
    """Accepted classes of the room this user belongs to (students) or teaches (teachers)."""
    if role is None:
        return frozenset()
    classes = rooms.accepted_classes(room)
    if role == "teacher":
        return frozenset(c.id for c in classes if c.teacher_id == user.id)
    if role == "student" and classes:
        return frozenset(db.session.scalars(select(ClassMembership.class_id).where(
            ClassMembership.user_id == user.id, ClassMembership.status == "approved",
            ClassMembership.class_id.in_([c.id for c in classes]))))
    return frozenset()


def viewer_for(user: User, room: Room) -> rules.Viewer:
    role = rooms.member_role(user, room)
    return rules.Viewer(id=user.id, room_role=role, class_ids=_class_ids_in(user, room, role), school_id=user.school_id)


def facts(f: FileUpload) -> rules.FileFacts:
    return rules.FileFacts(uploader_id=f.uploader_id, uploader_school_id=f.uploader.school_id if f.uploader else None,
                           class_id=f.class_id, status=f.status)


def _iso(dt):
    return dt.isoformat().replace("+00:00", "Z") if dt else None


def uploader_view(user: User | None) -> dict | None:
    """Students appear by first name and initial, as in the chat: a room mixes schools."""
    if user is None:
        return None
    return {"id": user.id, "name": user.short_name if user.role == "student" else user.full_name, "role": user.role}


def file_payload(f: FileUpload) -> dict:
    """What live notices carry about a file (no blob id, no hash)."""
    return {"room": f.room_id, "file": {
        "id": f.id, "filename": f.filename, "mime": f.mime, "kind": f.kind, "size": f.size,
        "width": f.width, "height": f.height, "uploader": uploader_view(f.uploader), "status": f.status,
        "created_at": _iso(f.created_at)}}


def file_view(f: FileUpload, viewer: rules.Viewer) -> dict:
    """One file as this viewer sees it in a list, with what they may do with it."""
    out = dict(file_payload(f)["file"], room=f.room_id, stripped=list(f.stripped or []))
    fx = facts(f)
    out["may_download"] = rules.may_download(viewer, fx)
    out["may_review"] = f.status == "pending" and rules.may_review(viewer, fx)
    out["may_remove"] = rules.may_remove(viewer, fx)
    out["download_url"] = f"/files/{f.id}" if out["may_download"] else None
    out["decided_at"] = _iso(f.decided_at)
    out["reason"] = f.reason if f.status in rules.GONE else ""
    return out


# ---- uploading -----------------------------------------------------------------------

def _today(user: User) -> tuple[int, int]:
    """Files and bytes this user uploaded in the last 24 hours (every room, every outcome)."""
    since = utcnow() - timedelta(hours=24)
    count, total = db.session.execute(select(func.count(FileUpload.id), func.coalesce(func.sum(FileUpload.size), 0))
                                      .where(FileUpload.uploader_id == user.id, FileUpload.created_at >= since)).one()
    return int(count), int(total)


def _check_daily(user: User, new_size: int) -> None:
    max_files, max_bytes = daily_limits()
    count, total = _today(user)
    refusal = rules.daily_refusal(count, total, new_size, max_files=max_files, max_bytes=max_bytes)
    if refusal == "daily_file_limit":
        raise TooManyRequests(_("You have shared %(n)d files today, the most allowed. Try again tomorrow.", n=max_files),
                              code=refusal)
    if refusal == "daily_byte_limit":
        raise TooManyRequests(_("This file would take you over today's limit of %(mb)s MB. Try again tomorrow.",
                                mb=f"{max_bytes / MiB:.0f}"), code=refusal)


def precheck_upload(user: User, room: Room) -> str:
    """Everything that can be refused before reading the body: membership, room state, limits."""
    role = rooms.member_role(user, room)
    if role is None:
        raise Forbidden(_("You are not a member of this room."), code="not_a_member")
    rooms.ensure_delivery(user, room, "file", role=role)  # the room policy every path into a room asks
    if role == "student":
        _check_consent(user, room)
    _check_daily(user, 0)
    return role


def _cross_school(room: Room) -> bool:
    return room.kind == "visit" or len({c.school_id for c in rooms.accepted_classes(room)}) > 1


def _check_consent(student: User, room: Room) -> None:
    """A student's files reach another school (or a guest expert) only with a guardian's consent to file sharing."""
    from ..guardians.consent import consent_refusal

    refusal = consent_refusal(student, "file_sharing", cross_school=_cross_school(room))
    if refusal:
        raise Forbidden(_("Your family has not agreed to sharing files with other schools. Ask your teacher."),
                        code=refusal)


def _rejected(exc: UploadRejected, limits: UploadLimits) -> Invalid:
    """An inspection refusal as an error the uploader understands (413 for sizes)."""
    messages = {
        "empty": _("The file is empty."),
        "too_large": _("This file is too large. Images may have up to %(image)s MB, PDFs %(pdf)s MB, text %(text)s KB "
                       "and audio %(audio)s MB.", image=_mb(limits.max_image_bytes), pdf=_mb(limits.max_pdf_bytes),
                       text=f"{limits.max_text_bytes / 1024:.0f}", audio=_mb(limits.max_audio_bytes)),
        "type_unknown": _("This kind of file cannot be shared. Share pictures (JPEG, PNG, WebP, GIF), PDFs, plain text "
                          "or audio."),
        "dangerous_type": _("This kind of file cannot be shared: programs, web pages, archives and Office documents "
                            "are not allowed. Save a document as PDF and share that."),
        "polyglot": _("This file hides another kind of file inside it and cannot be shared."),
        "type_mismatch": _("The file's name does not match what is inside it. Check you chose the right file."),
        "bad_name": _("Files with this ending cannot be shared. Rename the file and try again."),
        "decompression_bomb": _("This picture has too many pixels. Make it smaller and try again."),
        "corrupt": _("This file is damaged and cannot be opened."),
        "pdf_active_content": _("This PDF contains scripts, actions or attachments and cannot be shared. "
                                "Print it to a new PDF and try again."),
        "pdf_encrypted": _("This PDF is encrypted. Save it without a password and try again."),
        "pdf_unscannable": _("This PDF cannot be checked. Print it to a new PDF and try again."),
    }
    status = 413 if exc.code == "too_large" else 400
    return Invalid(messages.get(exc.code, str(exc)), code=exc.code, status=status)


def _mb(n: int) -> str:
    return f"{n / MiB:.0f}" if n >= MiB else f"{n / MiB:.2f}"


def _name_verdict(name: str, audience: str):
    """The text filter on a file name, also read with _ and - as spaces ("you_are_..."); strictest wins."""
    order = ("allow", "redact", "hold", "block")
    worst = check_text(name, audience=audience)
    spaced = re.sub(r"[_\-+]+", " ", name)
    if spaced != name:
        other = check_text(spaced, audience=audience)
        if order.index(other.action) > order.index(worst.action):
            worst = other
    return worst


def _uploader_class(user: User, room: Room, role: str) -> int | None:
    ids = _class_ids_in(user, room, role)
    return min(ids) if ids else None


def _refuse_upload(user: User, room: Room, file_id: str, code: str, filename: str) -> None:
    """Audit every refused upload (code only); raise a flag for deliberate-looking ones."""
    log.info("upload refused upload=%s room=%s user=%s code=%s", file_id, room.id, user.id, code)
    audit("files", actor_id=user.id, action="file.refused", subject_type="file", subject_id=file_id, room_id=room.id,
          school_id=user.school_id, after={"code": code})
    if code in FLAGGED_REFUSALS:
        name = safe_filename(filename or "file")
        teachers = [c.teacher_id for c in rooms.accepted_classes(room) if c.id in _class_ids_in(user, room, "student")]
        moderation.raise_flag(room_id=room.id, school_id=user.school_id, source="safety", verdict="block",
                              author_id=user.id, body=f"[{code}] {name}",
                              reasons=[{"category": "file", "severity": 3, "span": [0, 0], "rule": f"upload:{code}"}],
                              context=[], subject_type="file", subject_id=file_id, notify_user_ids=teachers)


def _scan(data: bytes, file_id: str) -> None:
    address = setting("CLAMAV", None)
    if not address:
        log.info("virus scan skipped (EXCHANGE_CLAMAV not set) upload=%s", file_id)
        return
    try:
        result = clamav.scan_bytes(data, address, timeout=float(setting("CLAMAV_TIMEOUT", 30)))
    except clamav.ScanUnavailable as exc:
        log.warning("virus scan unavailable upload=%s reason=%s", file_id, exc)
        raise ScanFailed(_("The virus scanner cannot be reached, so the file was not shared. Try again later."),
                         code="scan_unavailable") from None
    if not result.clean:
        log.warning("virus found upload=%s", file_id)
        raise Invalid(_("The virus scanner found something harmful in this file. It was not shared."),
                      code="virus_found", status=422)
    log.info("virus scan clean upload=%s", file_id)


def upload_file(user: User, room: Room, data: bytes, filename: str | None) -> FileUpload:
    """Inspect, clean, check, scan and store one upload; returns the new row."""
    role = precheck_upload(user, room)
    file_id = secrets.token_urlsafe(16)
    limits = upload_limits()
    try:
        try:
            clean = inspect_upload(data, filename or "", limits=limits)
        except UploadRejected as exc:
            raise _rejected(exc, limits) from None
        _check_daily(user, len(clean.data))
        verdict = _name_verdict(clean.filename, room.audience)
        if verdict.action != "allow":  # hold, block, or redact: a name has no business holding PII
            raise Invalid(_("This file name is not allowed here. Rename the file and try again."), code="name_refused")
        _scan(clean.data, file_id)
    except DomainError as exc:
        db.session.rollback()
        _refuse_upload(user, room, file_id, exc.code, filename or "")
        raise
    blob_id = blob_store().put(clean.data, content_type=clean.mime, filename=clean.filename)
    status = rules.initial_status(role, policy_requires_approval(room), room.audience)
    f = FileUpload(id=file_id, room_id=room.id, uploader_id=user.id, class_id=_uploader_class(user, room, role),
                   blob_id=blob_id, filename=clean.filename, mime=clean.mime, kind=clean.kind, size=len(clean.data),
                   sha256=hashlib.sha256(clean.data).hexdigest(), width=clean.width, height=clean.height,
                   stripped=list(clean.stripped), status=status, created_at=utcnow())
    if status == "approved":
        f.decided_at = f.created_at
    db.session.add(f)
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        blob_store().delete(blob_id)  # no row, no bytes
        raise
    log.info("upload stored upload=%s room=%s user=%s kind=%s size=%d status=%s", f.id, room.id, user.id, f.kind,
             f.size, f.status)
    audit("files", actor_id=user.id, action="file.upload", subject_type="file", subject_id=f.id, room_id=room.id,
          school_id=user.school_id, after={"status": f.status, "kind": f.kind, "mime": f.mime, "size": f.size,
                                           "sha256": f.sha256, "stripped": f.stripped})
    _announce_new(f)
    return f


# ---- listing, reviewing, removing ------------------------------------------------------

def list_files(user: User, room: Room, limit: int = 200) -> tuple[rules.Viewer, list[FileUpload]]:
    """The room's files this user may see, newest first."""
    viewer = viewer_for(user, room)
    if viewer.room_role is None:
        raise Forbidden(_("You are not a member of this room."), code="not_a_member")
    rows = db.session.scalars(select(FileUpload).where(FileUpload.room_id == room.id)
                              .order_by(FileUpload.created_at.desc(), FileUpload.id).limit(limit * 3))
    return viewer, [f for f in rows if rules.may_list(viewer, facts(f))][:limit]


def review_queue(user: User, limit: int = 200) -> list[tuple[FileUpload, Room]]:
    """Pending files this user may approve, across their rooms, oldest first."""
    q = select(FileUpload).where(FileUpload.status == "pending").order_by(FileUpload.created_at, FileUpload.id)
    if user.role == "teacher":
        taught = select(SchoolClass.id).where(SchoolClass.teacher_id == user.id)
        q = q.where(FileUpload.class_id.in_(taught))
    elif user.role == "admin":
        q = q.join(User, User.id == FileUpload.uploader_id).where(User.school_id == user.school_id)
    elif user.role != "moderator":
        return []
    out, room_cache = [], {}
    for f in db.session.scalars(q.limit(limit * 3)):
        room = room_cache.get(f.room_id) or db.session.get(Room, f.room_id)
        room_cache[f.room_id] = room
        if rules.may_review(viewer_for(user, room), facts(f)):
            out.append((f, room))
    return out[:limit]


def _visible_file(user: User, file_id) -> tuple[FileUpload, Room, rules.Viewer]:
    f = get_file(file_id)
    room = rooms.get_room(f.room_id)
    viewer = viewer_for(user, room)
    if viewer.room_role is None:
        raise Forbidden(_("You are not a member of this room."), code="not_a_member")
    if not rules.may_list(viewer, facts(f)):
        raise Forbidden(_("This file is waiting for a teacher's approval."), code="awaiting_approval")
    return f, room, viewer


def _reason(reason, required: bool) -> str:
    if reason is not None and not isinstance(reason, str):
        raise Invalid(_("The reason must be text."), code="wrong_type")
    reason = " ".join((reason or "").split())[:1000]
    if required and len(reason) < 3:
        raise Invalid(_("Give a reason (at least a few words)."), code="reason_required")
    return reason


def decide(actor: User, file_id, action: str, reason=None) -> FileUpload:
    """approve or reject a pending file, or remove one; one audit record each."""
    f, room, viewer = _visible_file(actor, file_id)
    fx = facts(f)
    if action in ("approve", "reject"):
        if not rules.may_review(viewer, fx):
            raise Forbidden(_("Only the student's teacher or a moderator can decide on this file."), code="not_reviewer")
        if f.status != "pending":
            raise Conflict(_("This file was already decided."), code="already_decided")
        if action == "approve":
            # It reaches the room now: the uploader must still be a member and the room must take it
            # (open, not paused), exactly as if it were shared this minute.
            if f.uploader is None or rooms.member_role(f.uploader, room) is None:
                raise Conflict(_("The person who shared this file is no longer in the room."), code="uploader_gone")
            rooms.ensure_delivery(f.uploader, room, "release")
            if f.uploader.role == "student":
                _check_consent(f.uploader, room)  # consent may have been withdrawn while it waited
    elif action == "remove":
        if f.status in rules.GONE:
            raise Conflict(_("This file was already removed."), code="already_removed")
        if not rules.may_remove(viewer, fx):
            raise Forbidden(_("Only a moderator or a teacher of this room can remove this file."), code="not_supervisor")
    else:
        raise Invalid(_("Unknown action."), code="invalid_action")
    reason = _reason(reason, required=action != "approve")
    before = f.status
    f.status = {"approve": "approved", "reject": "rejected", "remove": "removed"}[action]
    f.decided_by, f.decided_at, f.reason = actor.id, utcnow(), reason
    blob_id = f.blob_id
    if f.status in rules.GONE:
        f.blob_id = None  # a rejected or removed child's file is not kept
    db.session.commit()
    if f.status in rules.GONE and blob_id:
        try:
            blob_store().delete(blob_id)
        except BlobNotFound:
            pass
    log.info("file %s upload=%s room=%s actor=%s", action, f.id, room.id, actor.id)
    audit("files", actor_id=actor.id, action=f"file.{action}", subject_type="file", subject_id=f.id, room_id=room.id,
          school_id=f.uploader.school_id if f.uploader else None, reason=reason,
          before={"status": before}, after={"status": f.status})
    _announce_decision(f, before)
    return f


def set_policy(actor: User, room: Room, need_approval) -> dict:
    if not isinstance(need_approval, bool):
        raise Invalid(_("Field %(name)s has the wrong type.", name="student_files_need_approval"), code="wrong_type")
    if not rooms.can_control(actor, room):
        raise Forbidden(_("Only a teacher or moderator of this room can do this."), code="not_supervisor")
    if not need_approval and room.audience == "under13":
        raise Invalid(_("In rooms with students under 13, a teacher always approves students' files first."),
                      code="approval_required")
    row = db.session.get(RoomFilePolicy, room.id)
    before = True if row is None else row.student_files_need_approval
    if row is None:
        row = RoomFilePolicy(room_id=room.id)
        db.session.add(row)
    row.student_files_need_approval, row.updated_by, row.updated_at = need_approval, actor.id, utcnow()
    db.session.commit()
    audit("files", actor_id=actor.id, action="file.policy", subject_type="room", subject_id=room.id, room_id=room.id,
          before={"student_files_need_approval": before}, after={"student_files_need_approval": need_approval})
    return policy_view(room)


def open_download(user: User, file_id) -> tuple[FileUpload, bytes]:
    """The file's row and cleaned bytes for a viewer allowed to have them (404, 403 or 410 otherwise)."""
    f = get_file(file_id)
    room = rooms.get_room(f.room_id)
    refusal = rules.download_refusal(viewer_for(user, room), facts(f))
    if refusal == "not_a_member":
        log.info("download refused upload=%s user=%s code=%s", f.id, user.id, refusal)
        raise Forbidden(_("You are not a member of this room."), code=refusal)
    if refusal == "awaiting_approval":
        raise Forbidden(_("This file is waiting for a teacher's approval."), code=refusal)
    if refusal:
        raise Gone(_("This file was removed."), code=refusal)
    try:
        return f, blob_store().get(f.blob_id)
    except BlobNotFound:
        log.error("blob missing upload=%s", f.id)
        raise Gone(_("This file is no longer available."), code="file_missing") from None


def erase_files(file_ids: list, *, actor_id: int | None, reason: str) -> int:
    """Delete these files' bytes for data rights or retention; rows stay as "removed" tombstones.

    Called by the guardians domain, which writes the audit record for the whole erasure;
    returns how many files were erased (a tombstone already without bytes counts once only).
    """
    if not file_ids:
        return 0
    erased, announce = 0, []
    now = utcnow()
    rows = list(db.session.scalars(select(FileUpload).where(FileUpload.id.in_([str(i) for i in file_ids]))))
    for f in rows:
        if f.blob_id is None and f.status == "removed":
            continue
        if f.blob_id:
            try:
                blob_store().delete(f.blob_id)
            except BlobNotFound:
                log.info("erase: malformed blob id upload=%s", f.id)
        before = f.status
        f.blob_id, f.status, f.reason, f.decided_by, f.decided_at = None, "removed", (reason or "")[:1000], actor_id, now
        announce.append((f, before))
        erased += 1
    db.session.commit()
    for f, before in announce:
        _announce_decision(f, before)
    log.info("erased files count=%d reason_code=%s", erased, reason if reason in ("retention", "data_rights") else "other")
    return erased


def report_file(user: User, file_id, category, reason) -> int:
    """A member reports a file they can see; the flag goes to the room's teachers and moderators."""
    f, room, _viewer = _visible_file(user, file_id)
    if not isinstance(category, str) or not isinstance(reason, str):
        raise Invalid(_("Choose a reason category and describe the problem."), code="wrong_type")
    if check_text(reason, audience="under13").action == "block":
        raise Invalid(_("Please describe the problem in other words."), code="reason_refused")
    flag = moderation.report(user, room_id=room.id, subject_type="file", subject_id=f.id, category=category,
                             reason=reason, snapshot=f"{f.filename} ({f.mime}, {f.size} bytes)", context=[],
                             author_id=f.uploader_id, school_id=f.uploader.school_id if f.uploader else None)
    return flag.id


# ---- live notices --------------------------------------------------------------------

def files_channel(room_id: int) -> str:
    """Sockets watching a room's file list (the files page); they get content-free pings only."""
    return f"files:{room_id}"


def _home_user_ids(f: FileUpload) -> list[int]:
    """The uploader, their classmates and their teacher: who sees a student's file while it waits."""
    ids = {f.uploader_id}
    if f.class_id is not None:
        cls = db.session.get(SchoolClass, f.class_id)
        if cls is not None:
            ids.add(cls.teacher_id)
        ids |= set(db.session.scalars(select(ClassMembership.user_id).where(
            ClassMembership.class_id == f.class_id, ClassMembership.status == "approved")))
    return sorted(ids)


def _private_channels(f: FileUpload) -> list[str]:
    return [user_channel(uid) for uid in _home_user_ids(f)] + [moderation.QUEUE_CHANNEL]


def _ping(f: FileUpload) -> None:
    emit("files_changed", {"room": f.room_id, "file": f.id}, files_channel(f.room_id))


def _announce_new(f: FileUpload) -> None:
    payload = file_payload(f)
    if f.status == "approved":
        emit("file", payload, room_channel(f.room_id))
        _ping(f)
    else:  # not the room, not the supervisors channel: the partner class's teacher is in it
        emit("file", payload, _private_channels(f))


def _announce_decision(f: FileUpload, before: str) -> None:
    payload = file_payload(f)
    if f.status == "approved":
        emit("file", payload, room_channel(f.room_id))  # it reaches the room now
    channels = _private_channels(f)
    if before == "approved" or f.status == "approved":
        channels.append(room_channel(f.room_id))
        _ping(f)
    emit("file_update", payload, channels)


def watch(user: User, room: Room) -> None:
    """Refuse unless a member; the caller joins the socket to files_channel(room)."""
    if rooms.member_role(user, room) is None:
        raise Forbidden(_("You are not a member of this room."), code="not_a_member")
