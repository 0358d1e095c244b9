"""safe_filename: one harmless path component, whatever a browser or a child sends."""

from __future__ import annotations

import unicodedata

import pytest

from exchange.safety.filenames import safe_filename


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\win.ini", "win.ini"),
        ("/abs/x.png", "x.png"),
        ("C:\\x.png", "x.png"),
        ("C:x.png", "x.png"),
        ("\\\\server\\share\\report.pdf", "report.pdf"),
        ("photos/../../../secret.jpg", "secret.jpg"),
        ("..", "file"),
        ("../", "file"),
    ],
)
def test_paths_collapse_to_their_last_component(name, expected):
    assert safe_filename(name) == expected


def test_bidi_override_cannot_hide_the_real_extension():
    assert safe_filename("invoice\u202egnp.exe") == "invoicegnp.exe"
    assert safe_filename("a\u2066b\u2069\u200f.txt") == "ab.txt"


def test_zero_width_and_tag_characters_are_removed():
    assert safe_filename("pho\u200bto\u200d\ufeff.png") == "photo.png"
    assert safe_filename("ok\U000e0041\U000e0042.txt") == "ok.txt"


@pytest.mark.parametrize("name", ["a\x00b.txt", "a\x01\x1fb.txt", "a\x7fb.txt", "a\x85b.txt"])
def test_control_characters_are_removed(name):
    assert safe_filename(name) == "ab.txt"


def test_line_breaks_and_tabs_become_single_spaces():
    assert safe_filename("my\n\tproject\r\n  notes.txt") == "my project notes.txt"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("CON.txt", "_CON.txt"),
        ("nul", "_nul"),
        ("Aux.tar.gz", "_Aux.tar.gz"),
        ("COM1", "_COM1"),
        ("lpt9.log", "_lpt9.log"),
        ("com\u00b9.txt", "_com\u00b9.txt"),
        ("CON .txt", "_CON .txt"),
        ("CONSOLE.txt", "CONSOLE.txt"),
        ("COM10.txt", "COM10.txt"),
    ],
)
def test_windows_device_names_are_prefixed(name, expected):
    assert safe_filename(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("photo.png. . .", "photo.png"),
        ("notes.txt   ", "notes.txt"),
        ("  spaced  out  .txt", "spaced out .txt"),
        (".htaccess", "file.htaccess"),
        (".png", "file.png"),
        ("...", "file"),
        ("", "file"),
        ("\u202e\u200b", "file"),
    ],
)
def test_dots_and_spaces_at_the_ends(name, expected):
    assert safe_filename(name) == expected


def test_characters_windows_forbids_are_replaced():
    assert safe_filename('a<b>c"d|e?f*g.txt') == "a_b_c_d_e_f_g.txt"
    assert safe_filename("report.txt:hidden.exe") == "report.txt_hidden.exe"


@pytest.mark.parametrize(
    "name",
    [
        "運動会の写真.jpg",
        "Привет.txt",
        "مرحبا بالعالم.pdf",
        "नमस्ते.png",
        "Ελληνικά.txt",
        "😀 party.gif",
    ],
)
def test_letters_of_every_script_are_kept(name):
    assert safe_filename(name) == name


def test_ideographic_space_becomes_a_plain_space():
    assert safe_filename("夏休み\u3000日記.txt") == "夏休み 日記.txt"


def test_names_are_nfc_normalised():
    decomposed = "Cafe\u0301.txt"
    result = safe_filename(decomposed)
    assert result == "Caf\u00e9.txt" and unicodedata.is_normalized("NFC", result)


def test_overlong_names_are_capped_in_bytes_keeping_the_extension():
    result = safe_filename("a" * 300 + ".png")
    assert result == "a" * 116 + ".png"
    japanese = safe_filename("写" * 300 + ".jpeg")
    assert japanese.endswith(".jpeg") and len(japanese.encode()) <= 120
    assert set(japanese[:-5]) == {"写"}  # cut between characters, never inside one


def test_overlong_name_with_an_overlong_extension_is_simply_cut():
    result = safe_filename("x." + "y" * 300, max_bytes=40)
    assert len(result.encode()) <= 40 and result.startswith("x.")


def test_max_bytes_is_respected_and_checked():
    assert len(safe_filename("b" * 100 + ".txt", max_bytes=30).encode()) == 30
    with pytest.raises(ValueError):
        safe_filename("a.txt", max_bytes=3)
    with pytest.raises(TypeError):
        safe_filename(b"a.txt")


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "..\\..\\win.ini",
        "CON",
        "a" * 500,
        "\u202e\x00/..",
        "日本" * 200,
        " .. / .. / x ",
        "C:\\",
        "/",
        "\\\\?\\C:\\x.txt",
    ],
)
def test_results_are_always_one_safe_component(name):
    result = safe_filename(name)
    assert result and "/" not in result and "\\" not in result and ":" not in result
    assert not result.startswith(".") and not result.endswith((".", " "))
    assert len(result.encode()) <= 120
    assert all(unicodedata.category(ch) not in ("Cc", "Cf") for ch in result)
