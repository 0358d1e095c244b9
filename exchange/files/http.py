"""Reading an upload and answering with a file's bytes: shared by every edge that takes or serves
a file (the room's files, a partnership's resources, an exhibition's pictures), so each applies the
same limits and the same headers.

Upload routes check CSRF themselves (they are exempt from the global check, which would parse the
whole multipart body first): the token is checked and a per-request body limit set before a byte of
the body is read, so an oversized upload is refused while it streams in.
"""

from __future__ import annotations

import io

from flask import request, send_file
from flask_babel import gettext as _
from flask_wtf.csrf import validate_csrf
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms.validators import ValidationError

from ..errors import Invalid
from . import rules
from .limits import in_mb, largest_upload, request_cap


def check_csrf(token) -> None:
    try:
        validate_csrf(token)
    except ValidationError:
        raise Invalid(
            _("Your form expired or was sent from elsewhere. Reload the page and try again."), code="csrf_failed"
        ) from None


def too_large() -> Invalid:
    return Invalid(
        _("This file is too large to share (at most %(mb)s MB).", mb=in_mb(largest_upload())),
        code="too_large",
        status=413,
    )


def read_upload(*, form_token: bool) -> tuple[bytes, str]:
    """The uploaded file's bytes and name, read within the limit; CSRF from the form when form_token."""
    request.max_content_length = request_cap()  # Werkzeug refuses past this while streaming
    if request.mimetype != "multipart/form-data":
        raise Invalid(
            _("Send the file as multipart/form-data in a field named file."), code="unsupported_media_type", status=415
        )
    if request.content_length is None:  # chunked: browsers never send uploads so, and not every server reads them
        raise Invalid(_("Send the file with a Content-Length."), code="length_required", status=411)
    try:
        upload = request.files.get("file")
        token = request.form.get("csrf_token") if form_token else None
    except RequestEntityTooLarge:
        raise too_large() from None
    if form_token:
        check_csrf(token)
    if upload is None:
        raise Invalid(_("Choose a file to share."), code="no_file")
    limit = largest_upload()
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise too_large()
    return data, upload.filename or ""


def file_response(f, data: bytes):
    """The cleaned bytes with their sniffed type, never sniffed again, never run as a page."""
    resp = send_file(
        io.BytesIO(data),
        mimetype=f.mime,
        as_attachment=not rules.inline(f.kind),
        download_name=f.filename,
        conditional=False,
        etag=False,
        max_age=None,
    )
    resp.content_length = len(data)
    resp.headers["Content-Type"] = f.mime  # exactly the sniffed type (Werkzeug would add a second charset)
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Cache-Control"] = "private, no-store"
    resp.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    resp.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return resp
