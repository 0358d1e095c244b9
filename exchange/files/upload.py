"""The path of one upload: membership, room state and today's limits are checked before the
body is read; `safety.inspect_upload` decides the type from the bytes and hands back a
cleaned copy; the cleaned name passes the text filter; an optional ClamAV scan; the bytes go
to the blob store under a random id; a row records the result; one audit record; then live
notices to those who may see the file (see `rules`).

Dangerous-looking refusals go to moderation as flags, through the `Flags` port.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from .. import ports
from ..accounts.models import User
from ..db import db, utcnow
from ..errors import DomainError, Forbidden, Invalid, TooManyRequests
from ..rooms.membership import accepted_classes, ensure_delivery, member_role
from ..rooms.models import Room
from ..safety import UploadRejected, check_text, inspect_upload
from ..safety.filenames import safe_filename
from ..safety.uploads import UploadLimits
from ..signals import audit
from ..storage import blob_store
from . import clamav, rules
from .access import check_consent, class_ids_in, policy_requires_approval
from .limits import MiB, daily_limits, in_mb, setting, upload_limits
from .models import FileUpload
from .notices import announce_new

log = logging.getLogger("exchange.files")

FLAGGED_REFUSALS = frozenset({"polyglot", "virus_found"})  # a moderator should see the attempt


class ScanFailed(DomainError):
    status, code = 503, "scan_unavailable"


def _today(user: User) -> tuple[int, int]:
    """Files and bytes this user uploaded in the last 24 hours (every room, every outcome)."""
    since = utcnow() - timedelta(hours=24)
    count, total = db.session.execute(
        select(func.count(FileUpload.id), func.coalesce(func.sum(FileUpload.size), 0)).where(
            FileUpload.uploader_id == user.id, FileUpload.created_at >= since
        )
    ).one()
    return int(count), int(total)


def _check_daily(user: User, new_size: int) -> None:
    max_files, max_bytes = daily_limits()
    count, total = _today(user)
    refusal = rules.daily_refusal(count, total, new_size, max_files=max_files, max_bytes=max_bytes)
    if refusal == "daily_file_limit":
        raise TooManyRequests(
            ngettext(
                "You have shared %(n)d file today, the most allowed. Try again tomorrow.",
                "You have shared %(n)d files today, the most allowed. Try again tomorrow.",
                max_files,
                n=max_files,
            ),
            code=refusal,
        )
    if refusal == "daily_byte_limit":
        raise TooManyRequests(
            _(
                "This file would take you over today's limit of %(mb)s MB. Try again tomorrow.",
                mb=f"{max_bytes / MiB:.0f}",
            ),
            code=refusal,
        )


def precheck_upload(user: User, room: Room) -> str:
    """Everything that can be refused before reading the body: membership, room state, limits."""
    role = member_role(user, room)
    if role is None:
        raise Forbidden(_("You are not a member of this room."), code="not_a_member")
    ensure_delivery(user, room, "file", role=role)  # the room policy every path into a room asks
    if role == "student":
        check_consent(user, room)
    _check_daily(user, 0)
    return role


def _rejected(exc: UploadRejected, limits: UploadLimits) -> Invalid:
    """An inspection refusal as an error the uploader understands (413 for sizes)."""
    messages = {
        "empty": _("The file is empty."),
        "too_large": _(
            "This file is too large. Images may have up to %(image)s MB, PDFs %(pdf)s MB, text %(text)s KB "
            "and audio %(audio)s MB.",
            image=in_mb(limits.max_image_bytes),
            pdf=in_mb(limits.max_pdf_bytes),
            text=f"{limits.max_text_bytes / 1024:.0f}",
            audio=in_mb(limits.max_audio_bytes),
        ),
        "type_unknown": _(
            "This kind of file cannot be shared. Share pictures (JPEG, PNG, WebP, GIF), PDFs, plain text or audio."
        ),
        "dangerous_type": _(
            "This kind of file cannot be shared: programs, web pages, archives and Office documents "
            "are not allowed. Save a document as PDF and share that."
        ),
        "polyglot": _("This file hides another kind of file inside it and cannot be shared."),
        "type_mismatch": _("The file's name does not match what is inside it. Check you chose the right file."),
        "bad_name": _("Files with this ending cannot be shared. Rename the file and try again."),
        "decompression_bomb": _("This picture has too many pixels. Make it smaller and try again."),
        "corrupt": _("This file is damaged and cannot be opened."),
        "pdf_active_content": _(
            "This PDF contains scripts, actions or attachments and cannot be shared. "
            "Print it to a new PDF and try again."
        ),
        "pdf_encrypted": _("This PDF is encrypted. Save it without a password and try again."),
        "pdf_unscannable": _("This PDF cannot be checked. Print it to a new PDF and try again."),
    }
    status = 413 if exc.code == "too_large" else 400
    return Invalid(messages.get(exc.code, str(exc)), code=exc.code, status=status)


def _name_verdict(name: str, audience: str):
    """The text filter on a file name, also read without its extension and with _ and - as spaces
    ("you_are_..."); strictest wins."""
    order = ("allow", "redact", "hold", "block")
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    readings = dict.fromkeys((name, stem, re.sub(r"[_\-+]+", " ", name), re.sub(r"[_\-+]+", " ", stem)))
    worst = None
    for reading in readings:
        verdict = check_text(reading, audience=audience)
        if worst is None or order.index(verdict.action) > order.index(worst.action):
            worst = verdict
    return worst


def _second_opinion_only(verdict) -> bool:
    """Held by the trained model alone (the rules let the name through): that asks for a person's
    look, which a file gets by waiting for approval or by a flag, not a refusal (a statistical
    guess about a two-word name is wrong too often to turn a pupil's drawing away)."""
    return verdict.action == "hold" and all(r.rule.startswith("model:") for r in verdict.reasons)


def _check_name(name: str, audience: str):
    """Refuse a name the rules hold, block, or mask (a name has no business holding PII);
    return the verdict, whose hold may be the second opinion's alone."""
    verdict = _name_verdict(name, audience)
    # a report of harm belongs in a message to the teacher, not in a file name
    if (verdict.action != "allow" or verdict.reports_harm) and not _second_opinion_only(verdict):
        raise Invalid(_("This file name is not allowed here. Rename the file and try again."), code="name_refused")
    return verdict


def _flag_file(user: User, room: Room, file_id: str, verdict: str, body: str, reasons: list, notify: list) -> None:
    """A file for the moderation queue (by the uploader, in this room)."""
    ports.flags().raise_flag(
        room_id=room.id,
        school_id=user.school_id,
        source="safety",
        verdict=verdict,
        author_id=user.id,
        body=body,
        reasons=reasons,
        context=[],
        subject_type="file",
        subject_id=file_id,
        notify_user_ids=notify,
    )


def _flag_for_a_look(f: FileUpload, user: User, room: Room, verdict) -> None:
    """An adult's file whose name only the model doubted: shared, and shown to the moderators."""
    reasons = [
        {"category": r.category, "severity": r.severity, "span": [0, 0], "rule": r.rule} for r in verdict.reasons
    ]
    _flag_file(user, room, f.id, "hold", f.filename, reasons, [])


def _uploader_class(user: User, room: Room, role: str) -> int | None:
    ids = class_ids_in(user, room, role)
    return min(ids) if ids else None


def _refuse_upload(user: User, room: Room, file_id: str, code: str, filename: str) -> None:
    """Audit every refused upload (code only); raise a flag for deliberate-looking ones."""
    log.info("upload refused upload=%s room=%s user=%s code=%s", file_id, room.id, user.id, code)
    audit(
        "files",
        actor_id=user.id,
        action="file.refused",
        subject_type="file",
        subject_id=file_id,
        room_id=room.id,
        school_id=user.school_id,
        after={"code": code},
    )
    if code in FLAGGED_REFUSALS:
        name = safe_filename(filename or "file")
        teachers = [c.teacher_id for c in accepted_classes(room) if c.id in class_ids_in(user, room, "student")]
        reasons = [{"category": "file", "severity": 3, "span": [0, 0], "rule": f"upload:{code}"}]
        _flag_file(user, room, file_id, "block", f"[{code}] {name}", reasons, teachers)


def _scan(data: bytes, file_id: str) -> None:
    address = setting("CLAMAV", None)
    if not address:
        log.info("virus scan skipped (EXCHANGE_CLAMAV not set) upload=%s", file_id)
        return
    try:
        result = clamav.scan_bytes(data, address, timeout=float(setting("CLAMAV_TIMEOUT", 30)))
    except clamav.ScanUnavailable as exc:
        log.warning("virus scan unavailable upload=%s reason=%s", file_id, exc)
        raise ScanFailed(
            _("The virus scanner cannot be reached, so the file was not shared. Try again later."),
            code="scan_unavailable",
        ) from None
    if not result.clean:
        log.warning("virus found upload=%s", file_id)
        raise Invalid(
            _("The virus scanner found something harmful in this file. It was not shared."),
            code="virus_found",
            status=422,
        )
    log.info("virus scan clean upload=%s", file_id)


def inspect_attachment(data: bytes, filename: str | None, audience: str):
    """The checks of a room's upload for a file outside rooms (a family message's attachment): type
    from the bytes, a cleaned copy without metadata, the name through the filter, the virus scan.
    Returns the cleaned upload; raises Invalid with the same sentences a room's upload gets."""
    limits = upload_limits()
    try:
        clean = inspect_upload(data, filename or "", limits=limits)
    except UploadRejected as exc:
        raise _rejected(exc, limits) from None
    _check_name(clean.filename, audience)  # the message it travels with gets the second opinion's look
    _scan(clean.data, secrets.token_urlsafe(8))
    return clean


def upload_file(user: User, room: Room, data: bytes, filename: str | None, *, staff_only: bool = False) -> FileUpload:
    """Inspect, clean, check, scan and store one upload; returns the new row. `staff_only`: a
    teacher's partnership resource kept for the room's supervisors (refused for anyone else)."""
    role = precheck_upload(user, room)
    if staff_only and role not in rules.SUPERVISORS:
        raise Forbidden(_("Only the room's teachers may keep a file for teachers."), code="forbidden")
    file_id = secrets.token_urlsafe(16)
    limits = upload_limits()
    try:
        try:
            clean = inspect_upload(data, filename or "", limits=limits)
        except UploadRejected as exc:
            raise _rejected(exc, limits) from None
        _check_daily(user, len(clean.data))
        verdict = _check_name(clean.filename, room.audience)
        _scan(clean.data, file_id)
    except DomainError as exc:
        db.session.rollback()
        _refuse_upload(user, room, file_id, exc.code, filename or "")
        raise
    blob_id = blob_store().put(clean.data, content_type=clean.mime, filename=clean.filename)
    doubted = _second_opinion_only(verdict)
    status = rules.initial_status(role, policy_requires_approval(room), room.audience, doubted)
    f = FileUpload(
        id=file_id,
        room_id=room.id,
        uploader_id=user.id,
        class_id=_uploader_class(user, room, role),
        blob_id=blob_id,
        filename=clean.filename,
        mime=clean.mime,
        kind=clean.kind,
        size=len(clean.data),
        sha256=hashlib.sha256(clean.data).hexdigest(),
        width=clean.width,
        height=clean.height,
        stripped=list(clean.stripped),
        status=status,
        staff_only=staff_only,
        created_at=utcnow(),
    )
    if status == "approved":
        f.decided_at = f.created_at
    db.session.add(f)
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        blob_store().delete(blob_id)  # no row, no bytes
        raise
    log.info(
        "upload stored upload=%s room=%s user=%s kind=%s size=%d status=%s",
        f.id,
        room.id,
        user.id,
        f.kind,
        f.size,
        f.status,
    )
    audit(
        "files",
        actor_id=user.id,
        action="file.upload",
        subject_type="file",
        subject_id=f.id,
        room_id=room.id,
        school_id=user.school_id,
        after={
            "status": f.status,
            "kind": f.kind,
            "mime": f.mime,
            "size": f.size,
            "sha256": f.sha256,
            "stripped": f.stripped,
        },
    )
    if doubted and status == "approved":
        _flag_for_a_look(f, user, room, verdict)
    announce_new(f)
    return f
