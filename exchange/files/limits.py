"""How much may be shared: per-kind size limits, the request cap, and the daily allowance.

Read from the app config; until config.py carries a key, from EXCHANGE_<key> in the environment.
"""

from __future__ import annotations

import logging
import os

from flask import current_app

from ..safety.uploads import UploadLimits

log = logging.getLogger("exchange.files")

MiB = 1024 * 1024
MULTIPART_SLACK = 64 * 1024  # headers and boundaries around the file in a multipart body


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


def in_mb(n: int) -> str:
    """A byte count as megabytes for a sentence (two decimals below one MB)."""
    return f"{n / MiB:.0f}" if n >= MiB else f"{n / MiB:.2f}"
