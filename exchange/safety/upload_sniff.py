"""Decide what an upload is from its bytes alone, and spot what must never pass.

Names and client headers lie; magic numbers and structure are checked instead. Three
questions are answered here: is it a dangerous type (program, script, archive, Office,
markup)? which accepted type is it? does an accepted file also carry a second, dangerous
one (a polyglot)?
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from .upload_audio import sniff_audio
from .upload_errors import UploadRejected

__all__ = [
    "FileType",
    "FILE_TYPES",
    "DANGEROUS_EXTENSIONS",
    "dangerous_content",
    "sniff_type",
    "embedded_payload",
    "markup_in_head",
]


@dataclass(frozen=True)
class FileType:
    """An accepted type: its kind, the MIME type it is served with and its extensions."""

    name: str
    kind: str  # "image", "pdf", "text" or "audio"
    mime: str
    extension: str  # the one given to files of this type
    extensions: frozenset[str]  # names ending in one of these are kept as they are
    label: str  # for messages: "a PNG image"


def _type(name: str, kind: str, mime: str, extension: str, others: Iterable[str], label: str) -> tuple[str, FileType]:
    return name, FileType(name, kind, mime, extension, frozenset({extension, *others}), label)


FILE_TYPES: dict[str, FileType] = dict(
    [
        _type("jpeg", "image", "image/jpeg", "jpg", {"jpeg", "jpe", "jfif"}, "a JPEG image"),
        _type("png", "image", "image/png", "png", (), "a PNG image"),
        _type("gif", "image", "image/gif", "gif", (), "a GIF image"),
        _type("webp", "image", "image/webp", "webp", (), "a WebP image"),
        _type("pdf", "pdf", "application/pdf", "pdf", (), "a PDF document"),
        _type("text", "text", "text/plain; charset=utf-8", "txt", {"text", "md", "markdown"}, "plain text"),
        _type("mp3", "audio", "audio/mpeg", "mp3", (), "MP3 audio"),
        _type("aac", "audio", "audio/aac", "aac", (), "AAC audio"),
        _type("ogg", "audio", "audio/ogg", "ogg", {"oga"}, "Ogg audio"),
        _type("opus", "audio", "audio/ogg", "opus", {"ogg", "oga"}, "Opus audio"),
        _type("flac", "audio", "audio/flac", "flac", (), "FLAC audio"),
        _type("wav", "audio", "audio/wav", "wav", {"wave"}, "WAV audio"),
        _type("m4a", "audio", "audio/mp4", "m4a", {"m4b"}, "M4A audio"),
    ]
)

# A harmless file under one of these names is refused ("bad_name"): the name would make
# the partner's computer run or unpack it. Other unknown suffixes are kept as part of the
# name and the true extension is appended ("notes.csv" -> "notes.csv.txt").
DANGEROUS_EXTENSIONS = frozenset(
    """
    exe dll com scr pif cpl msi msp msc sys drv ocx bat cmd ps1 psm1 psd1 vbs vbe js jse
    mjs cjs wsf wsh wsc sct hta lnk url website inf reg scf gadget application appref-ms
    jar class apk aab ipa app dmg pkg deb rpm appimage sh bash zsh csh ksh fish command
    tool py pyc pyw pl rb php phtml php3 php4 php5 phar asp aspx jsp cgi elf bin run out
    html htm xhtml shtml mht mhtml svg svgz xml xsl xslt xht swf chm hlp wasm
    zip zipx rar 7z gz tgz tar bz2 tbz2 xz txz zst lz lzma cab iso img vhd vhdx arj ace
    doc docx docm dot dotx dotm xls xlsx xlsm xlsb xlt xltx xltm xla xlam ppt pptx pptm
    pps ppsx ppsm pot potx potm ppam odt ods odp odg rtf pub one
""".split()
)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DANGEROUS_MAGIC = (
    (b"\x7fELF", "a Linux program (ELF)"),
    (b"\xfe\xed\xfa\xce", "a Mac program (Mach-O)"),
    (b"\xfe\xed\xfa\xcf", "a Mac program (Mach-O)"),
    (b"\xce\xfa\xed\xfe", "a Mac program (Mach-O)"),
    (b"\xcf\xfa\xed\xfe", "a Mac program (Mach-O)"),
    (b"\xca\xfe\xba\xbe", "a Mac or Java program"),
    (b"#!", "a script (#!)"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x1f\x9d", "a compressed archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"MSCF\x00\x00\x00\x00", "a Windows cabinet archive"),
    (_OLE, "an Office 97-2003 document or installer (OLE), which can hold macros"),
    (b"{\\rtf", "an RTF document, which can embed objects"),
    (b"%!PS", "a PostScript program"),
    (b"\x00asm", "a WebAssembly program"),
    (b"dex\n", "an Android program"),
    (b"L\x00\x00\x00\x01\x14\x02\x00", "a Windows shortcut"),
    (b"ITSF\x03\x00\x00\x00", "a Windows help file"),
)
_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_MARKUP_START = re.compile(rb"^(?:\xef\xbb\xbf)?[\t\n\f\r ]*<[A-Za-z!?/]")

# Looked for, case-insensitively, in the first KB of images, PDFs and audio: browsers and
# old plugins sniff there. XMP's "<?xpacket" and "<x:xmpmeta" are not on the list.
_MARKUP_MARKERS = (
    b"<script",
    b"<html",
    b"<!doctype",
    b"<svg",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<body",
    b"<head",
    b"<meta",
    b"<style",
    b"<form",
    b"<img",
    b"<a href",
    b"<?php",
    b"javascript:",
)
_HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1", b"avif", b"avis"}
)
_CANDIDATE_LIMIT = 200_000  # real files hold a few hundred markers by chance
_ZIP_METHODS = frozenset({0, 1, 6, 8, 9, 12, 14, 93, 95, 98, 99})


def _zip_label(data: bytes) -> str:
    """Say which kind of ZIP-based file this is, for a clearer refusal."""
    if b"vbaProject.bin" in data or b"vbaData.xml" in data:
        return "an Office document with macros"
    if b"[Content_Types].xml" in data:
        return "an Office document (Word, Excel or PowerPoint)"
    if b"mimetypeapplication/vnd.oasis.opendocument" in data:
        return "an OpenDocument file"
    if b"META-INF/MANIFEST.MF" in data or b"AndroidManifest.xml" in data:
        return "a Java or Android program"
    return "a ZIP archive"


def _binary_head(data: bytes) -> bool:
    """True when the first bytes hold controls other than whitespace: not a text file."""
    return any(b < 0x20 and b not in b"\t\n\r\f" for b in data[:512])


def dangerous_content(data: bytes) -> str | None:
    """Name the dangerous type this content starts as ("a ZIP archive"), or None."""
    for magic, label in _DANGEROUS_MAGIC:
        if data.startswith(magic):
            return label
    if data.startswith(_ZIP_STARTS):
        return _zip_label(data)
    # "MZ" may begin a sentence; a DOS/Windows header is full of NUL bytes.
    if data.startswith(b"MZ") and (_pe_at(data, 0) or _binary_head(data)):
        return "a Windows program (MZ/PE)"
    if data[:3] == b"BZh" and data[3:4].isdigit() and data[4:10] in (b"1AY&SY", b"\x17rE8P\x90"):
        return "a bzip2 archive"
    if data[:3] in (b"FWS", b"CWS", b"ZWS") and len(data) > 3 and data[3] < 0x30:
        return "a Flash file"
    if data[257:262] == b"ustar":
        return "a tar archive"
    if data[0x8001:0x8006] == b"CD001":
        return "a disk image"
    if _MARKUP_START.match(data[:1024]):
        return "HTML, SVG or XML markup"
    return None


def sniff_type(data: bytes) -> FileType | None:
    """Return the accepted binary type of the content (text is judged separately), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return FILE_TYPES["jpeg"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return FILE_TYPES["png"]
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return FILE_TYPES["gif"]
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return FILE_TYPES["webp"]
    if data.startswith(b"%PDF-"):
        return FILE_TYPES["pdf"]
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        raise UploadRejected(
            "type_unknown", "HEIC and AVIF photos are not accepted yet: please save the photo as JPEG and try again."
        )
    audio = sniff_audio(data)
    if audio:
        return FILE_TYPES[audio]
    if data[4:8] == b"ftyp":
        raise UploadRejected("type_unknown", "Video files are not accepted, only audio.")
    return None


def _pe_at(data: bytes, pos: int) -> bool:
    """True when an MZ header at pos points at a "PE\\0\\0" signature, as Windows requires."""
    if len(data) < pos + 0x40:
        return False
    offset = struct.unpack("<I", data[pos + 0x3C : pos + 0x40])[0]
    return 0x40 <= offset <= 0x10000 and data[pos + offset : pos + offset + 4] == b"PE\x00\x00"


def _zip_entry_at(data: bytes, pos: int) -> bool:
    """True when a ZIP local file header at pos has sane fields (not chance bytes)."""
    head = data[pos : pos + 30]
    if len(head) < 30:
        return False
    version, _, method = struct.unpack("<HHH", head[4:10])
    name_length = struct.unpack("<H", head[26:28])[0]
    name = data[pos + 30 : pos + 30 + name_length]
    return version <= 63 and method in _ZIP_METHODS and 0 < name_length == len(name) and 0 not in name


def _elf_at(data: bytes, pos: int) -> bool:
    """True when an ELF magic at pos is followed by valid class, byte order and version."""
    return (
        data[pos + 4 : pos + 5] in (b"\x01", b"\x02")
        and data[pos + 5 : pos + 6] in (b"\x01", b"\x02")
        and data[pos + 6 : pos + 7] == b"\x01"
    )


def _zip_end_in_tail(data: bytes) -> bool:
    """True when an end-of-central-directory record sits where unzip tools look for it."""
    tail_start = max(0, len(data) - 65_557)
    pos = data.find(b"PK\x05\x06", tail_start)
    while pos != -1:
        record = data[pos + 4 : pos + 22]
        if len(record) == 18:
            disk, cd_disk, on_disk, total, size, _, _ = struct.unpack("<HHHHIIH", record)
            if disk == cd_disk and on_disk == total and size <= pos:
                return True
        pos = data.find(b"PK\x05\x06", pos + 1)
    return False


def embedded_payload(data: bytes, kind: str) -> str | None:
    """Name a program or archive hidden inside an accepted file (a polyglot), or None."""
    if b"Rar!\x1a\x07" in data:
        return "a RAR archive"
    if b"7z\xbc\xaf\x27\x1c" in data:
        return "a 7-Zip archive"
    if _zip_end_in_tail(data):
        return "a ZIP archive"
    if kind in ("image", "audio") and b"%PDF-" in data[:1024]:
        return "a PDF document"  # PDF readers accept a header anywhere in the first KB
    for magic, found_at, label in (
        (b"PK\x03\x04", _zip_entry_at, "a ZIP archive"),
        (b"MZ", _pe_at, "a Windows program"),
        (b"\x7fELF", _elf_at, "a Linux program"),
    ):
        pos, seen = data.find(magic), 0
        while pos != -1:
            seen += 1
            if found_at(data, pos):
                return label
            if seen > _CANDIDATE_LIMIT:
                return "too many program markers to check"
            pos = data.find(magic, pos + 1)
    return None


def markup_in_head(data: bytes) -> str | None:
    """Return the HTML/script marker found in the first KB (browsers sniff there), or None."""
    head = data[:1024].lower()
    return next((m.decode() for m in _MARKUP_MARKERS if m in head), None)
