"""Plain-text uploads: UTF-8 out, whatever Unicode encoding with a BOM came in, and never markup.

Text is served later as "text/plain; charset=utf-8", so a script inside it is only words
on a page; what is refused is text a browser or editor might take for something else
(binary, HTML, SVG, XML).
"""

from __future__ import annotations

import codecs
import re

from .upload_errors import UploadRejected

__all__ = ["clean_text"]

# Controls other than tab, newline, form feed and carriage return (C0, DEL and C1).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MARKUP_START = re.compile(r"^\s*<[A-Za-z!?/]")
# Markup anywhere in the first KB: a page that starts with a line of prose is still a page.
_MARKUP_MARKERS = (
    "<script",
    "<html",
    "<!doctype",
    "<svg",
    "<iframe",
    "<?xml",
    "<object",
    "<embed",
    "<body",
    "<head",
    "<meta",
    "<style",
    "<form",
    "<img",
    "<?php",
)


def _decode(data: bytes, final: bool) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is not text.

    With final=False the data may end inside a character (a sample of a larger file).
    """
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # the BOM picks the byte order and is dropped
    else:
        encoding = "utf-8"
    try:
        return codecs.getincrementaldecoder(encoding)().decode(data, final=final)
    except UnicodeDecodeError:
        raise UploadRejected(
            "type_unknown", "This file is not one of the accepted types (images, PDF, plain text, audio)."
        ) from None


def clean_text(data: bytes, *, sample: bool = False) -> bytes:
    """Return the text as UTF-8 without BOM, or refuse binary content and markup.

    sample=True checks the start of a larger file, which may end inside a character.
    """
    text = _decode(data, final=not sample)
    if _CONTROL.search(text):
        raise UploadRejected("type_unknown", "This file holds binary data, not plain text.")
    if text.startswith("#!"):  # also caught in the raw bytes, unless it came as UTF-16
        raise UploadRejected("dangerous_type", "Scripts (#!) are not accepted.")
    head = text[:1024].lower()
    if _MARKUP_START.match(head) or any(marker in head for marker in _MARKUP_MARKERS):
        raise UploadRejected("dangerous_type", "Web pages and HTML, SVG or XML markup are not accepted as text files.")
    return text.encode("utf-8")
