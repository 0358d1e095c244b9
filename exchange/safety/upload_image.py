"""Image uploads: decode with Pillow and encode again, keeping pixels and nothing else.

Re-encoding is what makes a photo safe to pass on: EXIF (with GPS position, camera serial
and embedded thumbnail), XMP, IPTC, ICC profiles, comments and PNG text chunks are left
behind, and so is anything appended to or hidden in the file. The EXIF orientation is
applied to the pixels first (the same mapping as ImageOps.exif_transpose, done here so
every frame of an animation turns too). Animated GIF, WebP and PNG keep their frames and
timing; a JPEG's extra MPF pictures (depth maps, previews) are dropped.
Pixel counts are checked before decoding, so a small file that would unpack into
gigabytes ("decompression bomb") is refused cheaply.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageSequence

from .upload_errors import UploadRejected

__all__ = ["CleanImage", "clean_image"]

_PILLOW_FORMAT = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}
_ANIMATED = frozenset({"gif", "png", "webp"})
# EXIF orientation -> transpose that shows the picture upright (ImageOps.exif_transpose).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_ORIENTATION, _GPS_IFD = 0x0112, 0x8825
_MODES = {  # modes each format stores; other modes are converted
    "jpeg": ("L", "RGB"),
    "png": ("1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"),
    "gif": ("L", "P"),
    "webp": ("RGB", "RGBA"),
}
_JPEG_QUALITY = 90
_WEBP_QUALITY = 90


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    width: int
    height: int
    frames: int
    stripped: tuple[str, ...]


def _bomb(pixels: int, limit: int) -> UploadRejected:
    return UploadRejected("decompression_bomb", f"This image is too big: {pixels:,} pixels, at most {limit:,} allowed.")


def _found_metadata(im: Image.Image, fmt: str) -> set[str]:
    """Name the metadata the original carries (all of it is dropped by re-encoding)."""
    found, info = set(), im.info
    try:
        exif = im.getexif()
        if exif or "exif" in info:
            found.add("exif")
        if _GPS_IFD in exif:
            found.add("gps")
    except Exception:  # unreadable EXIF is dropped like readable EXIF
        found.add("exif")
    if "xmp" in info or "XML:com.adobe.xmp" in info:
        found.add("xmp")
    if "icc_profile" in info:
        found.add("icc_profile")
    if "comment" in info:
        found.add("comment")
    if fmt == "jpeg":
        for marker, payload in getattr(im, "applist", []):
            if marker == "APP13":
                found.add("iptc")
            elif marker == "APP1" and payload.startswith(b"http://ns.adobe.com/xap/"):
                found.add("xmp")
        if getattr(im, "n_frames", 1) > 1:
            found.add("extra_images")
    if fmt == "png" and any(key != "XML:com.adobe.xmp" for key in getattr(im, "text", {})):
        found.add("text")
    return found


def _orientation(im: Image.Image) -> int:
    try:
        return int(im.getexif().get(_ORIENTATION, 1))
    except Exception:  # a broken EXIF block must not stop the upload; it is dropped anyway
        return 1


def _count_frames(im: Image.Image, limit: int) -> int:
    """Count frames by seeking, stopping just past the limit (n_frames would read them all)."""
    count = 1
    try:
        while count <= limit:
            im.seek(count)
            count += 1
    except EOFError:
        pass
    im.seek(0)
    return count


def _bare_frame(frame: Image.Image, fmt: str, upright: Image.Transpose | None) -> Image.Image:
    """A copy of the frame's pixels in a mode the format stores, with no metadata attached."""
    keep_transparency = fmt in ("png", "gif") and "transparency" in frame.info
    transparency = frame.info.get("transparency")
    if frame.mode not in _MODES[fmt]:
        # (the GIF writer quantises RGB and RGBA frames to a palette itself)
        alpha = frame.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in frame.info
        frame = frame.convert("RGBA" if alpha and fmt != "jpeg" else "RGB")
        keep_transparency = False
    else:
        frame = frame.copy()
    if upright is not None:
        frame = frame.transpose(upright)
    frame.info = {"transparency": transparency} if keep_transparency else {}
    return frame


def _encode(frames: list[Image.Image], fmt: str, durations: list[int], loop: int | None, lossless: bool) -> bytes:
    out = io.BytesIO()
    options: dict[str, object] = {}
    if fmt == "jpeg":
        options = {"quality": _JPEG_QUALITY}
    elif fmt == "webp":
        options = {"lossless": lossless, "quality": 100 if lossless else _WEBP_QUALITY}
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:], duration=durations)
        if loop is not None:
            options["loop"] = loop
    frames[0].save(out, _PILLOW_FORMAT[fmt], **options)
    return out.getvalue()


def clean_image(data: bytes, fmt: str, *, max_pixels: int, max_frames: int) -> CleanImage:
    """Decode the image and encode it again in the same format without any metadata.

    max_pixels bounds the pixels decoded for the whole upload (width x height x frames).
    """
    try:
        with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMAT[fmt]]) as im:
            width, height = im.size
            if width * height > max_pixels:
                raise _bomb(width * height, max_pixels)
            frames = _count_frames(im, max_frames) if fmt in _ANIMATED else 1
            if frames > max_frames:
                raise UploadRejected("too_large", f"This animation has more than {max_frames} frames.")
            if width * height * frames > max_pixels:
                raise _bomb(width * height * frames, max_pixels)
            im.load()  # PNG text chunks after the pixels are only read here
            stripped = _found_metadata(im, fmt)
            upright = _UPRIGHT.get(_orientation(im))
            loop = im.info.get("loop")
            bare, durations = [], []
            for frame in ImageSequence.Iterator(im) if frames > 1 else [im]:
                frame.load()
                durations.append(int(frame.info.get("duration", 100)))
                bare.append(_bare_frame(frame, fmt, upright))
            encoded = _encode(bare, fmt, durations, loop, lossless=data[12:16] == b"VP8L")
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRejected("decompression_bomb", "This image is too big to open safely.") from None
    except Exception:  # Pillow signals damaged input with many exception types
        raise UploadRejected("corrupt", "This image is damaged or incomplete.") from None
    out_width, out_height = bare[0].size
    return CleanImage(encoded, out_width, out_height, len(bare), tuple(sorted(stripped)))
