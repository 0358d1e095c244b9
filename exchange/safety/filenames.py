"""Safe file names for shared files: one harmless path component on every OS, in the child's script.

A name travels to partner classes' computers (Windows, macOS, Chromebooks) and into
Content-Disposition headers, so it must not climb directories, hide its real extension
behind bidi or zero-width tricks, or hit Windows device names. Letters of every script
stay: a child in Japan names a file in Japanese.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["safe_filename", "split_extension", "MAX_EXTENSION_BYTES"]

# Extensions longer than this are not worth protecting when a name is shortened.
MAX_EXTENSION_BYTES = 16
_MIN_NAME_BYTES = 24

# Windows opens these as devices whatever the extension ("CON.txt", "nul.tar.gz").
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789\u00b9\u00b2\u00b3"}
)
# Not allowed in Windows names, or path separators somewhere.
_FORBIDDEN = frozenset('<>:"/\\|?*')
# Invisible or unassigned code points: controls, bidi overrides (U+202E), zero-width
# joiners, BOM, Unicode tag characters, private use, lone surrogates.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_DRIVE = re.compile(r"^[A-Za-z]:")
_SPACES = re.compile(r" {2,}")


def _visible_char(ch: str) -> str:
    """Map one character to what may stay of it in a name ('' to drop it)."""
    if ch in "\t\n\r\x0b\x0c":
        return " "
    category = unicodedata.category(ch)
    if category in _DROPPED_CATEGORIES:
        return ""
    if category.startswith("Z"):  # NBSP, ideographic space, line separators: a plain space
        return " "
    return ch


def split_extension(name: str) -> tuple[str, str]:
    """Split "photo.JPG" into ("photo", "JPG"); no extension gives (name, "")."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext:
        return name, ""
    return stem, ext


def _is_windows_device(name: str) -> bool:
    """True when Windows would read the name as a device (the part before the first dot)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_DEVICES


def _truncate(name: str, max_bytes: int) -> str:
    """Shorten to max_bytes of UTF-8 at a character boundary, keeping the extension."""
    if len(name.encode("utf-8")) <= max_bytes:
        return name
    stem, ext = split_extension(name)
    suffix = f".{ext}" if ext and len(ext.encode("utf-8")) <= MAX_EXTENSION_BYTES else ""
    if not suffix:
        stem = name
    budget = max_bytes - len(suffix.encode("utf-8"))
    stem = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return (stem or "file") + suffix


def safe_filename(name: str, max_bytes: int = 120) -> str:
    """Return a safe single-component version of an uploaded file's name.

    Keeps only the last path component (both / and \\ separate, drive letters go),
    drops control, format (bidi, zero-width) and unassigned characters, replaces
    characters Windows forbids with "_", folds runs of spaces, strips leading dots
    (no hidden files) and trailing dots and spaces (Windows drops them), prefixes
    Windows device names with "_", normalises to NFC and caps the UTF-8 length at
    max_bytes, keeping the extension. An empty result becomes "file". Judging the
    words of the name is the text filter's job, not this function's.
    """
    if not isinstance(name, str):
        raise TypeError("file name must be a str")
    if max_bytes < _MIN_NAME_BYTES:
        raise ValueError(f"max_bytes must be at least {_MIN_NAME_BYTES}")
    name = unicodedata.normalize("NFC", name)
    # Invisible characters go before splitting, so ".\u200b./" cannot pose as a plain name.
    name = "".join(_visible_char(ch) for ch in name.replace("\\", "/"))
    name = _DRIVE.sub("", name.rsplit("/", 1)[-1])
    name = "".join("_" if ch in _FORBIDDEN else ch for ch in name)
    return _clean_component(unicodedata.normalize("NFC", name), max_bytes)


def _clean_component(name: str, max_bytes: int) -> str:
    """Finish safe_filename on text whose characters are already filtered."""
    name = _SPACES.sub(" ", name).strip(" ")
    name = name.rstrip(" .")
    stripped = name.lstrip(" .")
    if stripped != name and "." not in stripped and stripped:
        # ".png" or ".bashrc": the whole name was an extension.
        stripped = f"file.{stripped}"
    name = stripped
    if _is_windows_device(name):
        name = f"_{name}"
    name = _truncate(name, max_bytes) if name else ""
    return name or "file"
