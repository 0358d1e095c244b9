"""Upload inspection: decide a shared file's type from its bytes and hand back a clean copy.

`inspect_upload` is the one door for files in rooms. The content, never the name or the
client's header, decides the type; only images, PDFs, plain text and audio come in.
Images are re-encoded without metadata, text becomes UTF-8, PDFs are scanned for active
content, audio loses its tags. What comes out must be served with its `mime`, with
"X-Content-Type-Options: nosniff", and (except images) as an attachment.

Names: the sniffed type's extension wins. A name with an extension of the same kind is
renamed ("photo.jpg" holding a PNG becomes "photo.png"); an extension of an accepted
type of another kind is a mismatch ("song.mp3" holding a PDF); a dangerous extension
(".exe", ".html") is refused even for harmless content; any other suffix stays part of
the name and the true extension is added ("notes.csv" -> "notes.csv.txt").

Polyglots are refused rather than quietly cleaned: a file of an accepted type that also
holds an archive or a program, or HTML/script markers in its first KB (where browsers
sniff), is refused even when it is an image that re-encoding would clean, so that the
sender is told and a moderator can see the attempt ("polyglot").
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .filenames import safe_filename, split_extension
from .upload_audio import clean_audio
from .upload_errors import REJECTION_CODES, UploadRejected
from .upload_image import clean_image
from .upload_pdf import check_pdf
from .upload_sniff import (
    DANGEROUS_EXTENSIONS,
    FILE_TYPES,
    FileType,
    dangerous_content,
    embedded_payload,
    markup_in_head,
    sniff_type,
)
from .upload_text import clean_text

__all__ = ["CleanFile", "UploadLimits", "UploadRejected", "REJECTION_CODES", "inspect_upload"]

_MiB = 1024 * 1024
_TEXT_SAMPLE_BYTES = 64 * 1024


@dataclass(frozen=True)
class UploadLimits:
    """How much an upload may hold; the defaults suit classroom photos, handouts and voice notes."""

    max_image_bytes: int = 15 * _MiB
    max_pdf_bytes: int = 20 * _MiB
    max_text_bytes: int = 1 * _MiB
    max_audio_bytes: int = 30 * _MiB
    max_pixels: int = 40_000_000  # decoded pixels, summed over an animation's frames
    max_frames: int = 300  # frames of an animated GIF, WebP or PNG
    max_pdf_inflated_bytes: int = 64 * _MiB  # compressed PDF object streams, in total
    max_name_bytes: int = 120  # UTF-8 bytes of the cleaned file name

    def __post_init__(self) -> None:
        for field in fields(self):
            if not isinstance(getattr(self, field.name), int) or getattr(self, field.name) <= 0:
                raise ValueError(f"{field.name} must be a positive int")

    def max_bytes(self, kind: str) -> int:
        """The byte limit for a kind: "image", "pdf", "text" or "audio"."""
        limit: int = getattr(self, f"max_{kind}_bytes")
        return limit


DEFAULT_LIMITS = UploadLimits()


@dataclass(frozen=True)
class CleanFile:
    """An inspected upload, ready to store: only these bytes, this type and this name."""

    data: bytes
    mime: str
    filename: str
    kind: str = ""  # "image", "pdf", "text" or "audio"
    width: int | None = None  # images: after orientation is applied
    height: int | None = None
    frames: int = 1  # images: frames kept in an animation
    stripped: tuple[str, ...] = ()  # metadata removed: "exif", "gps", "xmp", "id3v2", ...


def _clean_name(filename: str, file_type: FileType, max_bytes: int) -> str:
    """Give the name the sniffed type's extension, or refuse a misleading one."""
    name = safe_filename(filename, max_bytes)
    stem, extension = split_extension(name)
    extension = extension.lower()
    if extension in file_type.extensions:
        return f"{stem}.{extension}"
    claimed = next((t for t in FILE_TYPES.values() if extension in t.extensions), None)
    if claimed is not None and claimed.kind == file_type.kind:
        return safe_filename(f"{stem}.{file_type.extension}", max_bytes)
    if claimed is not None:
        raise UploadRejected(
            "type_mismatch",
            f"The name says .{extension} but the file is {file_type.label}. Check you chose the right file.",
        )
    if extension in DANGEROUS_EXTENSIONS:
        raise UploadRejected(
            "bad_name",
            f"Files named .{extension} are not allowed; the file itself is {file_type.label}: rename it and try again.",
        )
    return safe_filename(f"{name}.{file_type.extension}", max_bytes)


def _sniff(data: bytes) -> FileType:
    """The accepted type of the content, or UploadRejected saying why it is not accepted."""
    danger = dangerous_content(data)
    if danger:
        raise UploadRejected("dangerous_type", f"This file is {danger}, which cannot be shared.")
    file_type = sniff_type(data)
    if file_type is not None:
        return file_type
    return FILE_TYPES["text"]  # the last candidate: clean_text refuses what is not text


def inspect_upload(data: bytes, filename: str | None, *, limits: UploadLimits | None = None) -> CleanFile:
    """Return a cleaned copy of an uploaded file, or raise UploadRejected with a code and reason.

    Order matters: cheap refusals (size, dangerous types, names) come before decoding.
    The caller still runs the text filter over the returned file name. A missing name
    (None or "", as browsers may send) becomes "file" plus the true extension.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("data must be bytes")
    data = bytes(data)
    limits = limits or DEFAULT_LIMITS
    if not data:
        raise UploadRejected("empty", "The file is empty.")
    largest = max(limits.max_bytes(kind) for kind in ("image", "pdf", "text", "audio"))
    if len(data) > largest:
        raise UploadRejected("too_large", f"The file is too large ({len(data):,} bytes).")
    file_type = _sniff(data)
    kind = file_type.kind
    if len(data) > limits.max_bytes(kind):
        if kind == "text":  # the fallback guess: binary is "type_unknown", not too-large text
            clean_text(data[:_TEXT_SAMPLE_BYTES], sample=True)
        raise UploadRejected(
            "too_large",
            f"This {kind} file is too large: {len(data):,} bytes, at most {limits.max_bytes(kind):,} allowed.",
        )
    text = clean_text(data) if kind == "text" else b""  # proves it is text before names
    hidden = embedded_payload(data, kind)
    if hidden:
        raise UploadRejected("polyglot", f"This {kind} file also contains {hidden}.")
    marker = markup_in_head(data) if kind != "text" else None
    if marker:
        raise UploadRejected("polyglot", f"This {kind} file also contains web page code ({marker}).")
    name = _clean_name(filename or "", file_type, limits.max_name_bytes)

    if kind == "image":
        image = clean_image(data, file_type.name, max_pixels=limits.max_pixels, max_frames=limits.max_frames)
        return CleanFile(
            image.data, file_type.mime, name, kind, image.width, image.height, image.frames, image.stripped
        )
    if kind == "pdf":
        check_pdf(data, max_inflated_bytes=limits.max_pdf_inflated_bytes)
        return CleanFile(data, file_type.mime, name, kind)
    if kind == "audio":
        audio, stripped = clean_audio(data, file_type.name)
        return CleanFile(audio, file_type.mime, name, kind, stripped=stripped)
    return CleanFile(text, file_type.mime, name, kind)
