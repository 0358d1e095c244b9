"""Audio uploads: recognise MP3, AAC (ADTS), Ogg (Vorbis/Opus/FLAC), FLAC, WAV and M4A by
their bytes, and take out the tags that carry names, places and cover pictures.

Audio is not re-encoded (no codec in the standard library); the sound stays bit for bit.
Removed: ID3v2 (leading), ID3v1 and APEv2 (trailing) tags of MP3/AAC; FLAC VORBIS_COMMENT,
PICTURE, APPLICATION and PADDING blocks; every WAV chunk but fmt/fact/data (LIST INFO,
id3, bext, iXML, XMP); M4A udta/meta boxes and the XMP uuid box, overwritten in place by
zero-filled "free" boxes so that sample offsets stay valid. Left as it is: Vorbis comments
inside Ogg streams (removing them means rewriting Ogg pages and their CRCs).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator

from .upload_errors import UploadRejected

__all__ = ["sniff_audio", "clean_audio"]

_MPEG_BITRATES = {  # kbit/s by (MPEG-1?, layer), index 1..14
    (True, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MPEG_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_OGG_AUDIO_CODECS = {b"\x01vorbis": "vorbis", b"OpusHead": "opus", b"\x7fFLAC": "flac", b"Speex   ": "speex"}
_M4A_BRANDS = (b"M4A ", b"M4B ")
_M4A_SOUND_HANDLERS = frozenset({b"soun", b"text", b"sbtl", b"hint"})  # text: chapter titles
_XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
_FLAC_KEPT_BLOCKS = frozenset({0, 3, 5})  # STREAMINFO, SEEKTABLE, CUESHEET
_FLAC_DROPPED_NAMES = {2: "application", 4: "vorbis_comment", 6: "picture"}
_WAV_KEPT_CHUNKS = (b"fmt ", b"data", b"fact")


def _corrupt(what: str) -> UploadRejected:
    return UploadRejected("corrupt", f"This {what} file is damaged or incomplete.")


def _mpeg_frame_length(header: bytes) -> int | None:
    """Length of the MPEG audio frame starting with these 4 bytes, or None if not a header."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version = (header[1] >> 3) & 3  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
    layer = 4 - ((header[1] >> 1) & 3)  # 4 means reserved
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 3
    if version == 1 or layer == 4 or bitrate_index in (0, 15) or rate_index == 3:
        return None  # free-format streams are refused too: rare, unframeable
    if header[3] & 3 == 2:  # reserved emphasis
        return None
    bitrate = _MPEG_BITRATES[(version == 3, layer)][bitrate_index] * 1000
    rate = _MPEG_RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4
    if layer == 3 and version != 3:
        return 72 * bitrate // rate + padding
    return 144 * bitrate // rate + padding


def _adts_frame_length(header: bytes) -> int | None:
    """Length of the AAC ADTS frame starting with these 7 bytes, or None if not a header."""
    if len(header) < 7 or header[0] != 0xFF or header[1] & 0xF6 != 0xF0:
        return None
    if (header[2] >> 2) & 0xF >= 13:  # sampling frequency index
        return None
    length = ((header[3] & 3) << 11) | (header[4] << 3) | (header[5] >> 5)
    return length if length >= (7 if header[1] & 1 else 9) else None


def _frames_line_up(body: bytes, frame_length: Callable[[bytes], int | None]) -> bool:
    """True when body starts with a whole frame followed by another frame, a tag or the end.

    Two frames in a row make a false match on random bytes very unlikely.
    """
    first = frame_length(body[:7])
    if first is None or first > len(body):
        return False
    rest = body[first:]
    if len(rest) < 4:
        return True
    return frame_length(rest[:7]) is not None or rest[:3] == b"TAG" or rest[:8] == b"APETAGEX"


def _id3v2_length(data: bytes, pos: int) -> int | None:
    """Total length of an ID3v2 tag at pos (header, body, footer), or None if there is none."""
    head = data[pos : pos + 10]
    if len(head) < 10 or head[:3] != b"ID3" or head[3] not in (2, 3, 4) or head[4] == 0xFF:
        return None
    if any(b & 0x80 for b in head[6:10]):  # sizes are "syncsafe": 7 bits a byte
        return None
    size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
    return 10 + size + (10 if head[3] == 4 and head[5] & 0x10 else 0)


def _strip_id3v2(data: bytes) -> tuple[bytes, bool]:
    """Remove leading ID3v2 tags (and the zero padding some taggers leave after them)."""
    pos, found = 0, False
    while (length := _id3v2_length(data, pos)) is not None:
        if pos + length > len(data):
            raise _corrupt("audio")
        pos, found = pos + length, True
    if found:
        while pos < len(data) and data[pos] == 0:
            pos += 1
    return data[pos:], found


def _sniff_ogg(data: bytes) -> str | None:
    """Name the Ogg format from its beginning-of-stream pages; refuse Ogg video."""
    pos, codecs = 0, []
    while data[pos : pos + 4] == b"OggS" and len(data) >= pos + 27:
        if data[pos + 4] != 0:
            return None
        if not data[pos + 5] & 0x02:  # past the beginning-of-stream pages
            break
        segments = data[pos + 26]
        body = pos + 27 + segments
        size = sum(data[pos + 27 : body])
        packet = data[body : body + size]
        codecs.append(next((name for magic, name in _OGG_AUDIO_CODECS.items() if packet.startswith(magic)), None))
        pos = body + size
    if not codecs:
        return None
    if None in codecs:
        raise UploadRejected("type_unknown", "Only Ogg audio is accepted, not Ogg video.")
    return "opus" if set(codecs) == {"opus"} else "ogg"


def sniff_audio(data: bytes) -> str | None:
    """Return "mp3", "aac", "ogg", "opus", "flac", "wav" or "m4a" for audio bytes, else None."""
    if data[:4] == b"OggS":
        return _sniff_ogg(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"
    if data[4:8] == b"ftyp" and data[8:12] in _M4A_BRANDS:
        return "m4a"
    body, _ = _strip_id3v2(data)
    if body[:4] == b"fLaC":
        return "flac"
    if _frames_line_up(body, _adts_frame_length):
        return "aac"
    if _frames_line_up(body, _mpeg_frame_length):
        return "mp3"
    return None


def _strip_trailing_tags(data: bytes) -> tuple[bytes, list[str]]:
    """Remove an ID3v1 tag and an APEv2 tag from the end of an MP3/AAC stream."""
    stripped = []
    if len(data) >= 128 and data[-128:-125] == b"TAG":
        data, stripped = data[:-128], ["id3v1"]
    if len(data) >= 32 and data[-32:-24] == b"APETAGEX":
        size, _, flags = struct.unpack("<III", data[-20:-8])
        total = size + (32 if flags & 0x80000000 else 0)
        if total <= len(data):
            data = data[:-total]
            stripped.append("ape")
    return data, stripped


def _clean_frames(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    body, had_id3 = _strip_id3v2(data)
    body, stripped = _strip_trailing_tags(body)
    return body, tuple(sorted((["id3v2"] if had_id3 else []) + stripped))


def _clean_flac(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """Rebuild the FLAC metadata blocks, keeping only those needed to play and seek."""
    body, had_id3 = _strip_id3v2(data)
    stripped = {"id3v2"} if had_id3 else set()
    pos, last = 4, False
    kept: list[tuple[int, bytes]] = []
    while not last:
        if pos + 4 > len(body):
            raise _corrupt("FLAC")
        last, kind = bool(body[pos] & 0x80), body[pos] & 0x7F
        size = int.from_bytes(body[pos + 1 : pos + 4], "big")
        block = body[pos + 4 : pos + 4 + size]
        if len(block) != size or kind == 127 or (not kept and kind != 0):
            raise _corrupt("FLAC")
        if kind in _FLAC_KEPT_BLOCKS:
            kept.append((kind, block))
        elif kind in _FLAC_DROPPED_NAMES:
            stripped.add(_FLAC_DROPPED_NAMES[kind])
        pos += 4 + size
    audio = body[pos:]
    if len(kept[0][1]) != 34 or (audio and (len(audio) < 2 or audio[0] != 0xFF or audio[1] & 0xFE != 0xF8)):
        raise _corrupt("FLAC")
    out = bytearray(b"fLaC")
    for i, (kind, block) in enumerate(kept):
        out.append(kind | (0x80 if i == len(kept) - 1 else 0))
        out += len(block).to_bytes(3, "big") + block
    return bytes(out + audio), tuple(sorted(stripped))


def _clean_wav(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """Rebuild a WAV file from its fmt, fact and data chunks only."""
    pos, chunks, dropped = 12, [], False
    seen = set()
    while pos + 8 <= len(data):
        chunk_id, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        start = pos + 8
        if chunk_id == b"data" and size > len(data) - start:
            size = len(data) - start  # streaming writers leave 0xFFFFFFFF here
        if start + size > len(data):
            raise _corrupt("WAV")
        if chunk_id in _WAV_KEPT_CHUNKS:
            if chunk_id in seen or (chunk_id == b"data" and b"fmt " not in seen):
                raise _corrupt("WAV")
            seen.add(chunk_id)
            chunks.append((chunk_id, data[start : start + size]))
        else:
            dropped = True
        pos = start + size + (size & 1)
    if b"fmt " not in seen or b"data" not in seen or len(dict(chunks)[b"fmt "]) < 16:
        raise _corrupt("WAV")
    body = b"".join(cid + struct.pack("<I", len(c)) + c + (b"\0" if len(c) & 1 else b"") for cid, c in chunks)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body, (("riff_chunks",) if dropped else ())


def _mp4_boxes(data: bytes | bytearray, start: int, end: int) -> Iterator[tuple[bytes, int, int, int]]:
    """Yield (type, box start, payload start, box end) for the boxes between start and end."""
    pos = start
    while pos < end:
        if pos + 8 > end:
            raise _corrupt("M4A")
        size, kind = struct.unpack(">I", data[pos : pos + 4])[0], bytes(data[pos + 4 : pos + 8])
        header = 8
        if size == 1:
            if pos + 16 > end:
                raise _corrupt("M4A")
            size, header = struct.unpack(">Q", data[pos + 8 : pos + 16])[0], 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end or not all(0x20 <= b < 0x7F or b == 0xA9 for b in kind):
            raise _corrupt("M4A")
        yield kind, pos, pos + header, pos + size
        pos += size


def _blank_box(out: bytearray, start: int, payload: int, end: int) -> None:
    """Turn a box into a zero-filled "free" box of the same size: offsets elsewhere stay valid."""
    out[payload - 4 : payload] = b"free"
    out[payload:end] = bytes(end - payload)


def _clean_m4a(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """Check an M4A holds sound (no video) and blank its metadata boxes in place."""
    out, blanked, top = bytearray(data), False, list(_mp4_boxes(data, 0, len(data)))
    if top[0][0] != b"ftyp" or b"moov" not in {box[0] for box in top}:
        raise _corrupt("M4A")
    handlers: list[bytes] = []
    for kind, start, payload, end in top:
        if kind == b"meta" or (kind == b"uuid" and data[payload : payload + 16] == _XMP_UUID):
            _blank_box(out, start, payload, end)
            blanked = True
        if kind != b"moov":
            continue
        for child, c_start, c_payload, c_end in _mp4_boxes(data, payload, end):
            if child in (b"udta", b"meta"):
                _blank_box(out, c_start, c_payload, c_end)
                blanked = True
            elif child == b"trak":
                blanked |= _clean_m4a_track(data, out, c_payload, c_end, handlers)
    if b"soun" not in handlers:
        raise UploadRejected("type_unknown", "This MP4 file has no sound track.")
    if any(h not in _M4A_SOUND_HANDLERS for h in handlers):
        raise UploadRejected("type_unknown", "Video files are not accepted, only audio.")
    return bytes(out), ("mp4_metadata",) if blanked else ()


def _clean_m4a_track(data: bytes, out: bytearray, start: int, end: int, handlers: list[bytes]) -> bool:
    """Record the track's handler type (soun, vide, ...) and blank its metadata boxes."""
    blanked = False
    for kind, b_start, payload, b_end in _mp4_boxes(data, start, end):
        if kind in (b"udta", b"meta"):
            _blank_box(out, b_start, payload, b_end)
            blanked = True
        elif kind == b"mdia":
            for sub, _, s_payload, s_end in _mp4_boxes(data, payload, b_end):
                if sub == b"hdlr" and s_end - s_payload >= 12:
                    handlers.append(bytes(data[s_payload + 8 : s_payload + 12]))
    return blanked


def clean_audio(data: bytes, fmt: str) -> tuple[bytes, tuple[str, ...]]:
    """Return the audio bytes without their metadata tags, and the names of what went."""
    if fmt in ("mp3", "aac"):
        return _clean_frames(data)
    if fmt == "flac":
        return _clean_flac(data)
    if fmt == "wav":
        return _clean_wav(data)
    if fmt == "m4a":
        return _clean_m4a(data)
    return data, ()  # Ogg: see the module docstring
