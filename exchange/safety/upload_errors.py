"""The one exception of upload inspection, shared by the sniffers and cleaners."""

from __future__ import annotations

__all__ = ["UploadRejected", "REJECTION_CODES"]

# Machine codes a caller may branch on (the message is for people).
REJECTION_CODES = frozenset(
    {
        "empty",  # no bytes at all
        "too_large",  # over the byte limit of its kind, or too many animation frames
        "type_unknown",  # not one of the accepted types (also HEIC, video, binary "text")
        "dangerous_type",  # executable, script, archive, Office/OLE, HTML/SVG/XML markup
        "polyglot",  # an accepted type that also carries an executable, archive or markup
        "type_mismatch",  # the name claims another accepted type of a different kind
        "bad_name",  # the name claims a dangerous type (".exe") for harmless content
        "decompression_bomb",  # more pixels than allowed
        "corrupt",  # the sniffed type does not decode or parse
        "pdf_active_content",  # JavaScript, launch actions, embedded files, XFA, ...
        "pdf_encrypted",  # encrypted PDFs cannot be inspected
        "pdf_unscannable",  # compressed objects that cannot be inspected within the limits
    }
)


class UploadRejected(ValueError):
    """An upload refused by inspection: `code` for programs, the message for people."""

    def __init__(self, code: str, message: str):
        if code not in REJECTION_CODES:
            raise ValueError(f"unknown rejection code {code!r}")
        super().__init__(code, message)  # both in args, so the error pickles across processes
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message
