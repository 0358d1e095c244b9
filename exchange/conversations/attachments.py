"""A family message's attachment: the room upload's checks (type from the bytes, a cleaned copy,
the name through the filter, the virus scan), then the blob store."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import SimpleNamespace

from ..files.upload import inspect_attachment
from ..storage import blob_store
from .models import FamilyMessage

log = logging.getLogger("exchange.conversations")


@dataclass(frozen=True)
class Attachment:
    blob_id: str
    name: str
    mime: str
    size: int


def store(data: bytes, filename: str | None, audience: str) -> Attachment:
    clean = inspect_attachment(data, filename, audience)
    blob_id = blob_store().put(clean.data, content_type=clean.mime, filename=clean.filename)
    log.info("family attachment stored kind=%s size=%d", clean.kind, len(clean.data))
    return Attachment(blob_id, clean.filename, clean.mime, len(clean.data))


def forget(attachment: Attachment | None) -> None:
    """No message, no bytes: called when the message that would hold it was refused."""
    if attachment is not None:
        blob_store().delete(attachment.blob_id)


def read(msg: FamilyMessage) -> tuple[SimpleNamespace, bytes]:
    """The file's facts for `files.http.file_response` and its bytes."""
    kind = "image" if msg.attachment_mime.startswith("image/") else "document"
    facts = SimpleNamespace(mime=msg.attachment_mime, kind=kind, filename=msg.attachment_name)
    return facts, blob_store().get(msg.attachment_blob or "")
