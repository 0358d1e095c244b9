"""PDF uploads: refuse documents that can run scripts, launch programs, carry other files
or submit forms. PDFs pass through unchanged when nothing is found.

This is a careful scan, not a PDF parser. What it does:
- the file must start with "%PDF-" (readers accept junk before it; we do not);
- the names in ACTIVE_NAMES are looked for as name tokens, also with #xx escapes
  (/J#61vaScript). Names of three or more characters, and escaped spellings of any,
  are looked for everywhere, even inside encoded stream data (a repairing reader may
  parse objects there), where they do not occur by chance. The two-letter names /JS
  and /AA written plainly only count outside encoded streams: compressed bytes hold
  them by chance about once in 100 MB. That costs nothing in safety: a JavaScript
  action must also say /S /JavaScript, which is found anywhere. Being a scan, it also
  refuses a PDF whose uncompressed text merely mentions "/JavaScript";
- object streams (/Type /ObjStm, where PDF 1.5+ hides ordinary objects in compressed
  form) are inflated with zlib, within a total byte budget, and scanned the same way;
  object streams with other filters, predictors, broken data or beyond the budget are
  refused as "pdf_unscannable";
- encrypted PDFs (/Encrypt) are refused: their object streams cannot be read.
What it does not do: decode page contents, fonts or images (they hold no actions, but
a reader's decoder can have bugs: serve PDFs as attachments and keep readers updated),
or follow XFA packets (any /XFA is refused).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

from .upload_errors import UploadRejected

__all__ = ["check_pdf", "ACTIVE_NAMES"]

ACTIVE_NAMES: dict[bytes, str] = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"OnInstantiate": "3D JavaScript",
    b"Launch": "an action that starts programs",
    b"EmbeddedFile": "embedded files",
    b"EmbeddedFiles": "embedded files",
    b"RichMedia": "embedded media (Flash or video)",
    b"XFA": "an XFA form",
    b"AA": "automatic actions",
    b"SubmitForm": "a form that sends data",
    b"ImportData": "a form that imports data",
    b"GoToR": "links that open other files",
    b"GoToE": "links that open embedded files",
}
_DELIMITERS = rb"\x00\t\n\x0c\r ()<>\[\]{}/%"
_END_OF_NAME = rb"(?![^" + _DELIMITERS + rb"])"


def _char(c: int) -> bytes:
    return re.escape(bytes([c]))


def _escaped(c: int) -> bytes:
    return b"#(?i:%02x)" % c


def _spelled_any_way(name: bytes) -> bytes:
    """A pattern for a name with any of its characters written as #xx (either case)."""
    return b"".join(b"(?:%s|%s)" % (_char(c), _escaped(c)) for c in name)


def _spelled_with_an_escape(name: bytes) -> bytes:
    """A pattern for a name with at least one #xx escape (i.e. not chance bytes)."""
    return b"|".join(
        b"".join(map(_char, name[:i])) + _escaped(name[i]) + _spelled_any_way(name[i + 1 :]) for i in range(len(name))
    )


# Two-letter names written plainly ("/JS", "/AA") are only trusted outside encoded data.
_SHORT_NAMES = tuple(n for n in ACTIVE_NAMES if len(n) <= 2)
_LONG_NAMES = sorted({*ACTIVE_NAMES, b"Encrypt"} - set(_SHORT_NAMES), key=len, reverse=True)
# Only the names we look for, so that a file of a million other names scans in C.
_FIRST_CHARS = b"[#" + re.escape(bytes(sorted({n[0] for n in ACTIVE_NAMES} | {ord("E")}))) + b"]"
_ANYWHERE = re.compile(
    b"/(?="
    + _FIRST_CHARS
    + b")("
    + b"|".join([*map(_spelled_any_way, _LONG_NAMES), *map(_spelled_with_an_escape, _SHORT_NAMES)])
    + b")"
    + _END_OF_NAME
)
_PLAIN_SHORT = re.compile(b"/(" + b"|".join(map(re.escape, _SHORT_NAMES)) + b")" + _END_OF_NAME)
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb">>[\x00\t\n\x0c\r ]*stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^" + _DELIMITERS + rb"]+)")
_PREDICTOR = re.compile(rb"/Predictor\s*(\d+)")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm" + _END_OF_NAME)
_IMAGE = re.compile(rb"/Subtype\s*/Image" + _END_OF_NAME)
_FIRST, _COUNT = re.compile(rb"/First" + _END_OF_NAME), re.compile(rb"/N" + _END_OF_NAME)
_NAME_TOKEN = re.compile(rb"/([^" + _DELIMITERS + rb"]+)")


def _unescape(name: bytes) -> bytes:
    """Decode #xx escapes in a PDF name (PDF 1.2+)."""
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name) if b"#" in name else name


def _unscannable(why: str) -> UploadRejected:
    return UploadRejected(
        "pdf_unscannable", f"This PDF cannot be checked ({why}). Save it again with “Print to PDF” and try again."
    )


class _Stream:
    """One stream: where its data lies and what its dictionary says."""

    def __init__(self, data: bytes, dict_start: int, dict_end: int, start: int, end: int):
        self.start, self.end = start, end
        self.info = _unescape(data[dict_start:dict_end])
        match = _FILTER.search(self.info)
        self.filters = _NAME_TOKEN.findall(match.group(1)) if match else []
        self.encoded = b"/Filter" in self.info or bool(_IMAGE.search(self.info))
        # Readers take a stream with /N and /First for an object stream even without /Type.
        self.holds_objects = bool(_OBJECT_STREAM.search(self.info)) or bool(
            _FIRST.search(self.info) and _COUNT.search(self.info)
        )


def _streams(data: bytes) -> list[_Stream]:
    """Find every stream; the first "endstream" after its start ends it."""
    streams, pos = [], 0
    while (match := _STREAM.search(data, pos)) is not None:
        start = match.end()
        end = data.find(b"endstream", start)
        if end == -1:
            raise _unscannable("a stream has no end")
        obj = data.rfind(b"obj", pos, match.start())
        dict_start = obj + 3 if obj != -1 else max(pos, match.start() - 4096)
        streams.append(_Stream(data, dict_start, match.start() + 2, start, end))
        pos = end + len(b"endstream")
    return streams


def _active_names(data: bytes, encoded: Sequence[tuple[int, int]] = ()) -> set[bytes]:
    """Active names in data; plainly written short ones are ignored in the encoded ranges."""
    found: set[bytes] = set()
    for count, match in enumerate(_ANYWHERE.finditer(data)):
        found.add(_unescape(match.group(1)))
        if count >= 32:  # enough to refuse and explain; a flood of them need not be read
            break
    pos = 0
    for start, end in [*encoded, (len(data), len(data))]:
        short = _PLAIN_SHORT.search(data, pos, start)
        if short:
            found.add(short.group(1))
        pos = max(pos, end)
    return found


def _inflate(raw: bytes, budget: int) -> bytes:
    """Inflate a FlateDecode stream into at most budget bytes, as a lenient reader would."""
    for wbits in (15, -15):  # with a zlib header, else raw deflate
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(raw, budget + 1)
        except zlib.error:
            continue
        if len(out) > budget:
            raise _unscannable("too much compressed data")
        return out
    raise _unscannable("a compressed object stream is damaged")


def _refuse(names: set[bytes]) -> None:
    active = sorted(n for n in names if n in ACTIVE_NAMES)
    if active:
        what = ", ".join(dict.fromkeys(ACTIVE_NAMES[n] for n in active))
        raise UploadRejected(
            "pdf_active_content",
            f"This PDF contains {what}, which is not allowed. Save it again with “Print to PDF” and try again.",
        )
    if b"Encrypt" in names:
        raise UploadRejected(
            "pdf_encrypted",
            "Encrypted or password-protected PDFs cannot be checked. Save an unprotected copy and try again.",
        )


def check_pdf(data: bytes, *, max_inflated_bytes: int) -> None:
    """Refuse (UploadRejected) a PDF with active content; return None when none is found."""
    if not data.startswith(b"%PDF-"):
        raise UploadRejected("corrupt", "This PDF does not start with a PDF header.")
    streams = _streams(data)
    _refuse(_active_names(data, [(s.start, s.end) for s in streams if s.encoded]))
    budget = max_inflated_bytes
    for stream in streams:
        if not stream.holds_objects or b"/Filter" not in stream.info:
            continue  # unencoded object streams were scanned with the rest of the file
        if stream.filters not in ([b"FlateDecode"], [b"Fl"]):
            raise _unscannable("an object stream uses an unusual encoding")
        predictor = _PREDICTOR.search(stream.info)
        if predictor and int(predictor.group(1)) > 1:
            raise _unscannable("an object stream uses a predictor")
        inflated = _inflate(data[stream.start : stream.end], budget)
        budget -= len(inflated)
        _refuse(_active_names(inflated))
