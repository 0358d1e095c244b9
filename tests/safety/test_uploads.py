"""Upload inspection with real files built here: Pillow images, hand-written PDFs and audio."""

from __future__ import annotations

import ast
import io
import pathlib
import pickle
import struct
import tarfile
import wave
import zipfile
import zlib
from dataclasses import FrozenInstanceError

import pytest
from PIL import Image, PngImagePlugin

from exchange.safety import CleanFile, UploadRejected, inspect_upload
from exchange.safety.uploads import REJECTION_CODES, UploadLimits

GPS_IFD = 0x8825
ORIENTATION = 0x0112


# --- builders -------------------------------------------------------------------------


def image_bytes(fmt: str, size=(40, 20), mode="RGB", color=(200, 30, 30), **save) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, fmt, **save)
    return buf.getvalue()


def two_colour_jpeg_with_gps() -> bytes:
    """40x20, left half red, right half blue; GPS position and orientation 6 (turn right)."""
    im = Image.new("RGB", (40, 20), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 20, 20))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 0.0)})
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif, quality=95, comment=b"taken at Lindenschule")
    return buf.getvalue()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_chunk_types(data: bytes) -> list[bytes]:
    pos, kinds = 8, []
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return kinds


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims to be width x height (a decompression bomb's header)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def pe_stub() -> bytes:
    """The start of a Windows program: MZ header pointing at a PE signature."""
    header = bytearray(b"MZ" + b"\x90\x00" + b"\x00" * 60)
    header[0x3C:0x40] = struct.pack("<I", 0x80)
    return bytes(header) + b"\x00" * (0x80 - 64) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 64


def elf_stub() -> bytes:
    return b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00\x3e\x00" + b"\x00" * 100


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buf.getvalue()


def pdf_bytes(*objects: bytes, catalog: bytes = b"", trailer: bytes = b"") -> bytes:
    """A minimal valid PDF: catalog, pages, one page, then the given objects (4 0 obj ...)."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R" + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, trailer, xref)
    return bytes(out)


def pdf_stream(content: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(content), entries) + content + b"\nendstream"


def object_stream(*objects: bytes, filters: bytes = b"/FlateDecode", number: int = 5) -> bytes:
    """A compressed object stream (PDF 1.5) holding the given objects, numbered from `number`."""
    offsets, body = [], b""
    for obj in objects:
        offsets.append(len(body))
        body += obj + b"\n"
    header = b" ".join(b"%d %d" % (number + i, off) for i, off in enumerate(offsets)) + b"\n"
    packed = zlib.compress(header + body)
    entries = b" /Type /ObjStm /N %d /First %d /Filter %s" % (len(objects), len(header), filters)
    return pdf_stream(packed, entries)


def id3v2_tag(title: str) -> bytes:
    frame_body = b"\x03" + title.encode()
    frame = b"TIT2" + struct.pack(">I", len(frame_body)) + b"\x00\x00" + frame_body
    size = len(frame)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3\x03\x00\x00" + syncsafe + frame


MP3_HEADER = b"\xff\xfb\x90\x64"  # MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417-byte frames


def mp3_frames(count: int = 3) -> bytes:
    return (MP3_HEADER + b"\x00" * 413) * count


def id3v1_tag(title: str) -> bytes:
    return b"TAG" + title.encode().ljust(30, b"\x00") + b"\x00" * 95


def wav_with_info_chunk() -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(struct.pack("<100h", *range(100)))
    plain = buf.getvalue()
    info = b"INFO" + b"INAM" + struct.pack("<I", 12) + b"Secret name\x00"
    info_chunk = b"LIST" + struct.pack("<I", len(info)) + info
    body = plain[12:]
    fmt_end = body.index(b"data")
    body = body[:fmt_end] + info_chunk + body[fmt_end:]
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body


def ogg_page(packet: bytes, bos: bool = True) -> bytes:
    return (
        b"OggS\x00"
        + bytes([0x02 if bos else 0x00])
        + b"\x00" * 8
        + b"\x01\x00\x00\x00"
        + b"\x00" * 8
        + bytes([1, len(packet)])
        + packet
    )


def flac_with_comment() -> bytes:
    # block sizes, frame sizes, 44.1 kHz stereo 16 bit, MD5: 34 bytes
    streaminfo = b"\x10\x00\x10\x00" + b"\x00" * 6 + b"\x0a\xc4\x42\xf0" + b"\x00" * 20
    assert len(streaminfo) == 34
    tag = b"ARTIST=Anna Kahn"
    comment = struct.pack("<I", 6) + b"vendor" + struct.pack("<I", 1) + struct.pack("<I", len(tag)) + tag
    picture = b"\x00" * 32
    return (
        b"fLaC"
        + b"\x00"
        + len(streaminfo).to_bytes(3, "big")
        + streaminfo
        + b"\x04"
        + len(comment).to_bytes(3, "big")
        + comment
        + b"\x86"
        + len(picture).to_bytes(3, "big")
        + picture
        + b"\xff\xf8\x69\x08\x00\x00"
        + b"\x00" * 20
    )


def mp4_box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def m4a_bytes(handler: bytes = b"soun") -> bytes:
    hdlr = mp4_box(b"hdlr", b"\x00" * 8 + handler + b"\x00" * 12 + b"SoundHandler\x00")
    trak = mp4_box(b"trak", mp4_box(b"mdia", hdlr))
    udta = mp4_box(
        b"udta",
        mp4_box(
            b"meta",
            b"\x00" * 4
            + mp4_box(b"ilst", mp4_box(b"\xa9nam", mp4_box(b"data", b"\x00\x00\x00\x01\x00\x00\x00\x00Secret song"))),
        ),
    )
    ftyp = mp4_box(b"ftyp", b"M4A \x00\x00\x02\x00M4A isomiso2")
    return ftyp + mp4_box(b"moov", trak + udta) + mp4_box(b"mdat", b"\x21" * 64)


def adts_frames(count: int = 2) -> bytes:
    length = 32
    header = bytes([0xFF, 0xF1, 0x50, 0x80 | (length >> 11), (length >> 3) & 0xFF, ((length & 7) << 5) | 0x1F, 0xFC])
    return (header + b"\x00" * (length - 7)) * count


def rejected(data: bytes, name: str, **kwargs) -> UploadRejected:
    with pytest.raises(UploadRejected) as info:
        inspect_upload(data, name, **kwargs)
    return info.value


# --- the rejection type ---------------------------------------------------------------


def test_rejection_carries_code_and_message_and_pickles():
    error = rejected(b"", "x.txt")
    assert isinstance(error, ValueError)
    assert error.code == "empty" and str(error) == "The file is empty."
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, str(copy)) == ("empty", "The file is empty.")
    with pytest.raises(ValueError):
        UploadRejected("no_such_code", "x")
    assert {"type_mismatch", "polyglot", "pdf_active_content"} <= REJECTION_CODES


def test_clean_file_is_frozen():
    clean = inspect_upload(b"hello", "a.txt")
    with pytest.raises(FrozenInstanceError):
        clean.data = b"other"


def test_limits_must_be_positive():
    with pytest.raises(ValueError):
        UploadLimits(max_pixels=0)


# --- images ---------------------------------------------------------------------------


def test_jpeg_loses_gps_and_all_exif_and_is_turned_upright():
    original = two_colour_jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as im:  # the test file really has what we strip
        assert im.getexif().get_ifd(GPS_IFD)
    clean = inspect_upload(original, "holiday.jpg")
    assert (clean.kind, clean.mime, clean.filename) == ("image", "image/jpeg", "holiday.jpg")
    assert {"exif", "gps", "comment"} <= set(clean.stripped)
    assert b"Exif\x00\x00" not in clean.data and b"Lindenschule" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as out:
        assert out.format == "JPEG"
        assert "exif" not in out.info and not out.getexif()
        assert not out.getexif().get_ifd(GPS_IFD)
        assert out.size == (20, 40) == (clean.width, clean.height)
        top, bottom = out.convert("RGB").getpixel((10, 5)), out.convert("RGB").getpixel((10, 35))
    # orientation 6 means "turn right": the left (red) half ends up on top
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_png_text_chunks_and_icc_profile_are_removed():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Child Name")
    info.add_text("Comment", "Home address", zip=True)
    info.add_itxt("Description", "私の家")
    buf = io.BytesIO()
    Image.new("RGBA", (8, 8), (1, 2, 3, 128)).save(buf, "PNG", pnginfo=info, icc_profile=b"\x00" * 128)
    assert {b"tEXt", b"zTXt", b"iTXt", b"iCCP"} <= set(png_chunk_types(buf.getvalue()))
    clean = inspect_upload(buf.getvalue(), "drawing.png")
    chunks = set(png_chunk_types(clean.data))
    assert not chunks & {b"tEXt", b"zTXt", b"iTXt", b"iCCP", b"eXIf"}
    assert b"Child Name" not in clean.data
    assert {"text", "icc_profile"} <= set(clean.stripped)
    with Image.open(io.BytesIO(clean.data)) as out:
        assert out.mode == "RGBA" and out.getpixel((0, 0)) == (1, 2, 3, 128)


@pytest.mark.parametrize(
    "fmt, name, mime",
    [
        ("GIF", "cat.gif", "image/gif"),
        ("WEBP", "cat.webp", "image/webp"),
        ("PNG", "cat.png", "image/png"),
        ("JPEG", "cat.jpeg", "image/jpeg"),
    ],
)
def test_each_image_format_comes_out_in_the_same_format(fmt, name, mime):
    clean = inspect_upload(image_bytes(fmt), name)
    assert (clean.mime, clean.filename) == (mime, name)
    with Image.open(io.BytesIO(clean.data)) as out:
        assert out.format == fmt and out.size == (40, 20)


def test_animated_gif_keeps_its_frames_and_timing():
    frames = [Image.new("RGB", (16, 16), (i * 80, 0, 0)) for i in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0, comment=b"made by Jonas")
    clean = inspect_upload(buf.getvalue(), "wave.gif")
    assert clean.frames == 3 and "comment" in clean.stripped and b"Jonas" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as out:
        assert out.n_frames == 3 and out.info.get("duration") == 120
        reds = []
        for i in range(3):
            out.seek(i)
            reds.append(out.convert("RGB").getpixel((0, 0))[0])
    assert reds == [0, 80, 160]


def test_too_many_frames_are_refused():
    frames = [Image.new("L", (4, 4), i) for i in range(6)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    assert rejected(buf.getvalue(), "a.gif", limits=UploadLimits(max_frames=5)).code == "too_large"


def test_misnamed_image_gets_its_true_extension():
    clean = inspect_upload(image_bytes("PNG"), "Photo.JPG")
    assert (clean.filename, clean.mime) == ("Photo.png", "image/png")


def test_image_without_extension_gets_one():
    assert inspect_upload(image_bytes("JPEG"), "snapshot").filename == "snapshot.jpg"


def test_decompression_bomb_over_our_limit_is_refused():
    assert (
        rejected(image_bytes("PNG", size=(200, 200)), "big.png", limits=UploadLimits(max_pixels=10_000)).code
        == "decompression_bomb"
    )


@pytest.mark.parametrize("width, height", [(8000, 8000), (30000, 30000)])
def test_decompression_bomb_header_is_refused_before_decoding(width, height):
    bomb = png_header_only(width, height)
    assert len(bomb) < 200
    assert rejected(bomb, "bomb.png").code == "decompression_bomb"


def test_gif_screen_of_four_billion_pixels_is_refused():
    bomb = (
        b"GIF89a"
        + struct.pack("<HH", 65535, 65535)
        + b"\x00\x00\x00"
        + b",\x00\x00\x00\x00"
        + struct.pack("<HH", 65535, 65535)
        + b"\x00\x02\x02\x44\x01\x00;"
    )
    assert rejected(bomb, "bomb.gif").code == "decompression_bomb"


def test_truncated_image_is_refused_as_corrupt():
    data = image_bytes("PNG", size=(64, 64), color=(5, 6, 7))
    assert rejected(data[:60], "cut.png").code == "corrupt"


# --- dangerous types and polyglots ---------------------------------------------------


@pytest.mark.parametrize(
    "data, name",
    [
        (pe_stub(), "cute_cat.jpg"),
        (elf_stub(), "drawing.png"),
        (b"#!/bin/sh\nrm -rf ~\n", "notes.txt"),
        (zip_bytes({"a.txt": b"hi"}), "worksheet.pdf"),
        (zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), "essay.docx"),
        (zip_bytes({"[Content_Types].xml": b"<Types/>", "word/vbaProject.bin": b"\x00"}), "essay.docm"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old.doc"),
        (b"<!DOCTYPE html><html><body>hi</body></html>", "page.txt"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "icon.png"),
        (b"\xef\xbb\xbf  <?xml version='1.0'?><x/>", "data.txt"),
        (b"Rar!\x1a\x07\x00" + b"\x00" * 40, "photos.jpg"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 40, "photos.png"),
        (b"7z\xbc\xaf\x27\x1c" + b"\x00" * 40, "song.mp3"),
        (b"\xcf\xfa\xed\xfe" + b"\x00" * 40, "game.gif"),
        (b"{\\rtf1\\ansi hello}", "letter.txt"),
    ],
)
def test_dangerous_types_are_refused_whatever_the_name(data, name):
    assert rejected(data, name).code == "dangerous_type"


def test_office_macro_document_is_named_in_the_reason():
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/vbaProject.bin": b"\x00"})
    assert "macros" in str(rejected(data, "essay.docm"))


def test_tar_archive_is_refused():
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as archive:
        payload = b"echo hi\n"
        member = tarfile.TarInfo("run.sh")
        member.size = len(payload)
        archive.addfile(member, io.BytesIO(payload))
    assert rejected(buf.getvalue(), "a.txt").code == "dangerous_type"


@pytest.mark.parametrize(
    "data",
    [
        image_bytes("JPEG") + pe_stub(),
        image_bytes("PNG") + zip_bytes({"evil.html": b"<script>1</script>"}),
        image_bytes("GIF", comment=b"<script>alert(document.cookie)</script>"),
        image_bytes("JPEG", comment=b"<html><body onload=alert(1)>"),
        image_bytes("PNG") + elf_stub(),
        pdf_bytes() + zip_bytes({"payload.exe": b"MZ"}),
        mp3_frames() + pe_stub(),
    ],
)
def test_polyglots_are_refused(data):
    assert rejected(data, "file").code == "polyglot"


def test_plain_mz_text_is_not_mistaken_for_a_program():
    assert inspect_upload(b"MZ is how I sign my poems.\n", "poem.txt").kind == "text"


# --- names ----------------------------------------------------------------------------


def test_name_with_dangerous_extension_is_refused_even_for_a_real_image():
    assert rejected(image_bytes("PNG"), "invoice\u202egnp.exe").code == "bad_name"
    assert rejected(image_bytes("PNG"), "x.html").code == "bad_name"


def test_name_of_another_kind_is_a_mismatch():
    error = rejected(image_bytes("PNG"), "song.mp3")
    assert error.code == "type_mismatch" and ".mp3" in str(error)
    assert rejected(b"just words", "report.pdf").code == "type_mismatch"


def test_unknown_suffix_is_kept_and_the_true_extension_added():
    assert inspect_upload(b"a,b\n1,2\n", "marks.csv").filename == "marks.csv.txt"
    assert inspect_upload(image_bytes("PNG"), "Mr.Smith").filename == "Mr.Smith.png"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd", "passwd.txt"),
        ("..\\..\\win.ini", "win.ini.txt"),
        ("/abs/x.txt", "x.txt"),
        ("C:\\Users\\kid\\notes.txt", "notes.txt"),
        ("CON.txt", "_CON.txt"),
        ("nul", "_nul.txt"),
        ("", "file.txt"),
        (None, "file.txt"),
        ("日本の友だち.txt", "日本の友だち.txt"),
    ],
)
def test_names_are_made_safe(name, expected):
    assert inspect_upload(b"hello", name).filename == expected


def test_overlong_name_is_capped_and_keeps_the_true_extension():
    clean = inspect_upload(image_bytes("PNG"), "あ" * 300 + ".png")
    assert clean.filename.endswith(".png") and len(clean.filename.encode()) <= 120
    clean = inspect_upload(image_bytes("PNG"), "a" * 300)
    assert clean.filename.endswith(".png") and len(clean.filename.encode()) <= 120


# --- PDF ------------------------------------------------------------------------------


def test_clean_minimal_pdf_is_accepted_unchanged():
    data = pdf_bytes(pdf_stream(b"BT /F1 12 Tf 20 100 Td (Hello partner class) Tj ET"))
    clean = inspect_upload(data, "Worksheet.PDF")
    assert (clean.kind, clean.mime, clean.filename, clean.data) == ("pdf", "application/pdf", "Worksheet.pdf", data)


@pytest.mark.parametrize(
    "action",
    [
        b"<< /S /JavaScript /JS (app.alert(1)) >>",
        b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>",
        b"<< /S /#4A#61#76#61#53#63#72#69#70#74 >>",
        b"<< /JS (app.alert(1)) >>",
        b"<< /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) >> >>",
        b"<< /Type /Filespec /EF << /F 5 0 R >> /Type /EmbeddedFile >>",
        b"<< /Type /Annot /Subtype /RichMedia >>",
        b"<< /S /SubmitForm /F (https://example.invalid) >>",
    ],
)
def test_pdf_with_active_content_is_refused(action):
    data = pdf_bytes(action, catalog=b" /OpenAction 4 0 R")
    assert rejected(data, "worksheet.pdf").code == "pdf_active_content"


@pytest.mark.parametrize("catalog", [b" /AA << /O 4 0 R >>", b" /AcroForm << /XFA 4 0 R >>"])
def test_pdf_with_automatic_actions_or_xfa_is_refused(catalog):
    data = pdf_bytes(b"<< /S /GoTo /D [3 0 R /Fit] >>", catalog=catalog)
    assert rejected(data, "form.pdf").code == "pdf_active_content"


def test_pdf_javascript_hidden_in_a_compressed_object_stream_is_refused():
    action = b"<< /S /JavaScript /JS (app.launchURL('https://example.invalid')) >>"
    data = pdf_bytes(object_stream(action), catalog=b" /OpenAction 5 0 R")
    assert b"JavaScript" not in data  # only visible after inflating
    error = rejected(data, "worksheet.pdf")
    assert error.code == "pdf_active_content" and "JavaScript" in str(error)


def test_pdf_object_stream_declared_with_escaped_names_is_still_inflated():
    data = pdf_bytes(
        object_stream(b"<< /S /Launch /F (calc.exe) >>").replace(b"/ObjStm", b"/Obj#53tm"),
        catalog=b" /OpenAction 5 0 R",
    )
    assert rejected(data, "a.pdf").code == "pdf_active_content"


def test_pdf_object_stream_with_harmless_objects_is_accepted():
    data = pdf_bytes(object_stream(b"<< /S /GoTo /D [3 0 R /Fit] >>"), catalog=b" /OpenAction 5 0 R")
    assert inspect_upload(data, "a.pdf").data == data


def test_pdf_short_names_by_chance_inside_compressed_data_are_not_refused():
    # Compressed image bytes may hold "/JS " or "/AA " by chance; they are not names there.
    noise = b"\x8f\x13/JS \x02\xfe/AA\x00\x91" * 4
    data = pdf_bytes(
        pdf_stream(
            noise,
            b" /Type /XObject /Subtype /Image /Width 4 /Height 4"
            b" /BitsPerComponent 8 /ColorSpace /DeviceGray"
            b" /Filter /FlateDecode",
        )
    )
    assert inspect_upload(data, "scan.pdf").data == data


def test_pdf_long_active_names_are_found_even_inside_encoded_data():
    # A repairing reader may parse objects out of a stream whose data is not really encoded.
    fake = b"6 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj"
    data = pdf_bytes(pdf_stream(fake, b" /Filter /FlateDecode"))
    assert rejected(data, "a.pdf").code == "pdf_active_content"


def test_pdf_plain_object_stream_is_scanned_as_it_is():
    data = pdf_bytes(pdf_stream(b"5 0\n<< /JS (app.alert(1)) >>", b" /Type /ObjStm /N 1 /First 4"))
    assert rejected(data, "a.pdf").code == "pdf_active_content"


def test_pdf_object_stream_beyond_the_inflate_budget_is_refused():
    data = pdf_bytes(object_stream(b"<< /Padding (" + b"x" * 5000 + b") >>"))
    error = rejected(data, "a.pdf", limits=UploadLimits(max_pdf_inflated_bytes=1000))
    assert error.code == "pdf_unscannable"


def test_pdf_object_stream_with_unknown_encoding_is_refused():
    data = pdf_bytes(object_stream(b"<< >>", filters=b"[/ASCII85Decode /FlateDecode]"))
    assert rejected(data, "a.pdf").code == "pdf_unscannable"


def test_pdf_object_stream_with_an_indirect_filter_is_refused():
    data = pdf_bytes(object_stream(b"<< >>", filters=b"9 0 R"))
    assert rejected(data, "a.pdf").code == "pdf_unscannable"


def test_encrypted_pdf_is_refused():
    data = pdf_bytes(b"<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>", trailer=b" /Encrypt 4 0 R")
    assert rejected(data, "a.pdf").code == "pdf_encrypted"


# --- text -----------------------------------------------------------------------------


def test_utf16_text_with_bom_becomes_utf8():
    text = "Hallo aus Köln! こんにちは\n"
    clean = inspect_upload(text.encode("utf-16"), "greeting.txt")
    assert clean.data == text.encode("utf-8")
    assert (clean.kind, clean.mime) == ("text", "text/plain; charset=utf-8")


def test_utf8_bom_is_dropped():
    assert inspect_upload(b"\xef\xbb\xbfhi", "a.txt").data == b"hi"


@pytest.mark.parametrize("data", [b"caf\xe9", b"hello\x00world", b"bell\x07", b"\xff\xfe\x00"])
def test_binary_or_invalid_text_is_refused(data):
    assert rejected(data, "a.txt").code == "type_unknown"


@pytest.mark.parametrize(
    "data",
    [
        b"Homework for Monday\n<script>alert(1)</script>",
        "<svg onload=alert(1)>".encode("utf-16"),
        "#!/usr/bin/env python\n".encode("utf-16"),
    ],
)
def test_text_that_looks_like_markup_or_a_script_is_refused(data):
    assert rejected(data, "a.txt").code == "dangerous_type"


def test_ordinary_text_with_angle_brackets_is_fine():
    assert inspect_upload(b"I <3 our partner class & 2 < 3\n", "love.md").filename == "love.md"


# --- audio ----------------------------------------------------------------------------


def test_mp3_loses_id3_tags():
    data = id3v2_tag("Secret Title") + mp3_frames() + id3v1_tag("Secret Title")
    clean = inspect_upload(data, "song.mp3")
    assert (clean.kind, clean.mime, clean.filename) == ("audio", "audio/mpeg", "song.mp3")
    assert clean.data == mp3_frames()
    assert clean.stripped == ("id3v1", "id3v2")


def test_mp3_named_as_other_audio_gets_its_true_extension():
    assert inspect_upload(mp3_frames(), "voice.wav").filename == "voice.mp3"


def test_random_bytes_starting_like_an_mp3_frame_are_not_audio():
    assert rejected(MP3_HEADER + bytes(range(256)) * 4, "x.mp3").code == "type_unknown"


def test_wav_keeps_its_sound_and_loses_its_info_chunk():
    data = wav_with_info_chunk()
    clean = inspect_upload(data, "voice.wav")
    assert clean.mime == "audio/wav" and b"LIST" not in clean.data and b"Secret" not in clean.data
    with wave.open(io.BytesIO(clean.data)) as w:
        assert w.getnframes() == 100 and w.readframes(100) == struct.pack("<100h", *range(100))


def test_ogg_opus_is_accepted_and_ogg_video_is_not():
    opus = ogg_page(b"OpusHead\x01\x02\x38\x01\x80\xbb\x00\x00\x00\x00\x00")
    clean = inspect_upload(opus, "voice")
    assert (clean.mime, clean.filename) == ("audio/ogg", "voice.opus")
    assert rejected(ogg_page(b"\x80theora" + b"\x00" * 20), "clip.ogg").code == "type_unknown"


def test_flac_loses_its_comment_and_picture_blocks():
    clean = inspect_upload(flac_with_comment(), "song.flac")
    assert b"Anna" not in clean.data and clean.data.startswith(b"fLaC\x80\x00\x00\x22")
    assert clean.stripped == ("picture", "vorbis_comment")


def test_m4a_metadata_is_blanked_in_place():
    data = m4a_bytes()
    clean = inspect_upload(data, "memo.m4a")
    assert clean.mime == "audio/mp4" and clean.stripped == ("mp4_metadata",)
    assert len(clean.data) == len(data) and b"Secret" not in clean.data and b"udta" not in clean.data


def test_mp4_with_a_video_track_is_refused():
    assert rejected(m4a_bytes(handler=b"vide"), "clip.m4a").code == "type_unknown"


def test_heic_photo_gets_a_helpful_refusal():
    heic = mp4_box(b"ftyp", b"heic\x00\x00\x00\x00mif1heic") + b"\x00" * 32
    error = rejected(heic, "IMG_0001.HEIC")
    assert error.code == "type_unknown" and "JPEG" in str(error)


def test_adts_aac_is_accepted():
    clean = inspect_upload(adts_frames(), "voice.aac")
    assert (clean.mime, clean.filename) == ("audio/aac", "voice.aac")


# --- sizes ----------------------------------------------------------------------------


def test_empty_file_is_refused():
    assert rejected(b"", "a.png").code == "empty"


def test_limits_apply_per_kind():
    limits = UploadLimits(max_text_bytes=10, max_image_bytes=100_000)
    assert rejected(b"x" * 11, "a.txt", limits=limits).code == "too_large"
    assert inspect_upload(b"x" * 10, "a.txt", limits=limits).kind == "text"
    png = image_bytes("PNG")
    assert len(png) > 10 and inspect_upload(png, "a.png", limits=limits).kind == "image"
    small = UploadLimits(max_image_bytes=len(png) - 1)
    assert rejected(png, "a.png", limits=small).code == "too_large"


def test_large_binary_is_unknown_rather_than_too_large_text():
    limits = UploadLimits(max_text_bytes=100)
    assert rejected(b"\x01\x02\xff" * 100, "a.bin", limits=limits).code == "type_unknown"
    assert rejected("ü".encode() * 100, "a.txt", limits=limits).code == "too_large"


def test_file_over_every_limit_is_refused_before_sniffing():
    limits = UploadLimits(max_image_bytes=50, max_pdf_bytes=50, max_text_bytes=50, max_audio_bytes=50)
    assert rejected(pe_stub(), "a.exe", limits=limits).code == "too_large"


# --- the house rule: safety is pure -------------------------------------------------


def test_upload_modules_import_nothing_of_flask_the_database_or_other_domains():
    safety = pathlib.Path(__file__).resolve().parents[2] / "exchange" / "safety"
    modules = [safety / "uploads.py", safety / "filenames.py", *safety.glob("upload_*.py")]
    assert len(modules) >= 5
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [] if node.level else [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top not in {"flask", "flask_socketio", "sqlalchemy", "exchange"}, (module, name)


def test_clean_file_keeps_the_seam_fields():
    clean = CleanFile(b"x", "text/plain", "a.txt")
    assert (clean.data, clean.mime, clean.filename) == (b"x", "text/plain", "a.txt")
