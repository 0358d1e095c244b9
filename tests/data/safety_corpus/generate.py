"""Build corpus.tsv, the labelled evaluation corpus of the text filter.

Sources in this folder, all written for this project: clean_templates.tsv and slots.tsv
(ordinary classroom talk in twelve languages) and abuse.tsv (unsafe messages, with the
words an evader would disguise in [brackets]). Obfuscated variants are made here with
the tricks listed in the filter's issue: look-alike letters, leetspeak, zero-width and
bidi characters, split letters, stretched letters, full-width and half-width forms,
combining marks, masked letters. The output is deterministic:

    python tests/data/safety_corpus/generate.py

corpus.tsv columns: lang, category ("clean", an abuse category, "pii" or "link"),
variant ("plain", "styled" for restyled clean talk, or the obfuscation technique), text.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = ("en", "es", "fr", "pt", "de", "ar", "hi", "ru", "zh", "ja", "sw", "id")
FILLS_PER_TEMPLATE = 7
VARIANTS_PER_MESSAGE = 4
ABUSE = ("profanity", "hate", "sexual", "violence", "self_harm", "grooming")

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BIDI = "\u200e\u200f\u202a\u202c\u2066\u2069"
LATIN_TO_LOOKALIKE = {
    "a": "аα",
    "c": "с",
    "e": "е",
    "o": "оο",
    "p": "р",
    "x": "х",
    "y": "у",
    "i": "іι",
    "s": "ѕ",
    "j": "ј",
    "k": "κ",
    "h": "һ",
    "d": "ԁ",
    "b": "Ь",
    "A": "АΑ",
    "B": "ВΒ",
    "C": "С",
    "E": "ЕΕ",
    "H": "НΗ",
    "K": "КΚ",
    "M": "МΜ",
    "O": "ОΟ",
    "P": "РΡ",
    "T": "ТΤ",
    "X": "ХΧ",
    "Y": "Υ",
}
CYRILLIC_TO_LATIN = {
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "к": "k",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
}
LEET = {
    "a": "4@",
    "e": "3",
    "i": "1!",
    "o": "0",
    "s": "5$",
    "t": "7",
    "g": "9",
    "b": "8",
    "l": "1|",
    "A": "4",
    "E": "3",
    "I": "1",
    "O": "0",
    "S": "5",
}
COMBINING = "\u0301\u0308\u0336\u0337\u0335\u0332\u0303\u0307\u0489"
HARAKAT = "\u064e\u064f\u0650\u0651\u0652\u064b"
HALF_WIDTH_KANA = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンッャュョー",
        "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｯｬｭｮｰ",
    )
)
VOICED = {
    "ガ": "ｶﾞ",
    "ギ": "ｷﾞ",
    "グ": "ｸﾞ",
    "ゲ": "ｹﾞ",
    "ゴ": "ｺﾞ",
    "ザ": "ｻﾞ",
    "ジ": "ｼﾞ",
    "ズ": "ｽﾞ",
    "ゼ": "ｾﾞ",
    "ゾ": "ｿﾞ",
    "ダ": "ﾀﾞ",
    "デ": "ﾃﾞ",
    "ド": "ﾄﾞ",
    "バ": "ﾊﾞ",
    "ビ": "ﾋﾞ",
    "ブ": "ﾌﾞ",
    "ベ": "ﾍﾞ",
    "ボ": "ﾎﾞ",
    "パ": "ﾊﾟ",
    "ピ": "ﾋﾟ",
    "プ": "ﾌﾟ",
    "ペ": "ﾍﾟ",
    "ポ": "ﾎﾟ",
}


def read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


# --- clean talk -----------------------------------------------------------------------


def clean_messages() -> list[tuple[str, str, str, str]]:
    slots: dict[str, dict[str, list[str]]] = {}
    for lang, slot, values in read_tsv("slots.tsv"):
        slots.setdefault(lang, {})[slot] = values.split("|")
    rows = []
    for i, (lang, template) in enumerate(read_tsv("clean_templates.tsv")):
        names = re.findall(r"\{(\w+)\}", template)
        if not names:
            rows.append((lang, "clean", "plain", template))
            continue
        seen = set()
        for k in range(FILLS_PER_TEMPLATE):
            rng = random.Random(f"clean:{lang}:{i}:{k}")
            text = re.sub(r"\{(\w+)\}", lambda m: rng.choice(slots[lang][m.group(1)]), template)
            if text not in seen:
                seen.add(text)
                rows.append((lang, "clean", "plain", text))
    styled = []
    for j, (lang, _, _, text) in enumerate(rows):
        if j % 6 == 0:
            style = ("upper", "fullwidth", "emoji")[(j // 6) % 3]
            styled.append((lang, "clean", "styled", restyle(text, style)))
    return rows + styled


def restyle(text: str, style: str) -> str:
    if style == "upper":
        return text.upper()
    if style == "fullwidth":
        return to_fullwidth(text)
    return text + " 😀👍"


def to_fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


# --- obfuscation ----------------------------------------------------------------------


def script_of(text: str) -> str:
    for c in text:
        if "\u0400" <= c <= "\u04ff":
            return "cyrillic"
        if "\u0600" <= c <= "\u06ff":
            return "arabic"
        if "\u0900" <= c <= "\u097f":
            return "devanagari"
        if "\u3040" <= c <= "\u30ff":
            return "kana"
        if "\u4e00" <= c <= "\u9fff":
            return "han"
    return "latin"


def on_letters(text: str, rng: random.Random, table: dict[str, str], share: float) -> str:
    """Replace a share of the letters that have a substitute (at least one)."""
    positions = [i for i, c in enumerate(text) if c in table]
    if not positions:
        return text
    chosen = set(rng.sample(positions, max(1, round(len(positions) * share))))
    return "".join(rng.choice(table[c]) if i in chosen else c for i, c in enumerate(text))


def leet(s, rng):
    return on_letters(s, rng, LEET, 0.6)


def homoglyph(s, rng):
    return on_letters(s, rng, LATIN_TO_LOOKALIKE if script_of(s) == "latin" else CYRILLIC_TO_LATIN, 0.6)


def zero_width(s, rng):
    return "".join(c + (rng.choice(ZERO_WIDTH) if c.isalpha() and n.isalpha() else "") for c, n in zip(s, s[1:] + " "))


def bidi(s, rng):
    return "".join(c + (rng.choice(BIDI) if c.isalpha() and n.isalpha() else "") for c, n in zip(s, s[1:] + " "))


def splitter(separator):
    def split(s, rng):
        return separator.join(c for c in s if not c.isspace())

    split.__name__ = "split_" + {" ": "space", ".": "dot", "-": "dash", "\n": "newline"}[separator]
    return split


def split_words(s, rng):
    """Letters of each word split by dots, words kept apart: "f.u.c.k y.o.u"."""
    return " ".join(".".join(word) for word in s.split())


def repeat(s, rng):
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    chosen = set(rng.sample(letters, min(2, len(letters))))
    return "".join(c * rng.randint(3, 5) if i in chosen else c for i, c in enumerate(s))


def combining(s, rng):
    marks = HARAKAT if script_of(s) == "arabic" else COMBINING
    return "".join(c + "".join(rng.choice(marks) for _ in range(rng.randint(1, 3))) if c.isalpha() else c for c in s)


def tatweel(s, rng):
    return "".join(
        c + ("\u0640" * rng.randint(1, 3) if c.isalpha() and n.isalpha() else "") for c, n in zip(s, s[1:] + " ")
    )


def mask(s, rng):
    """One inner vowel of the longest word that has one becomes "*": "f*ck"."""
    words = s.split(" ")
    for w in sorted(range(len(words)), key=lambda i: -len(words[i])):
        word = words[w]
        vowels = [i for i, c in enumerate(word) if c in "aeiouAEIOU" and 0 < i < len(word) - 1]
        if vowels:
            i = rng.choice(vowels)
            words[w] = word[:i] + "*" + word[i + 1 :]
            break
    return " ".join(words)


def half_width(s, rng):
    return "".join(VOICED.get(c) or HALF_WIDTH_KANA.get(c, c) for c in s)


def mixed(s, rng):
    if script_of(s) == "latin":
        return zero_width(leet(homoglyph(s, rng), rng), rng)
    if script_of(s) == "cyrillic":
        return zero_width(homoglyph(repeat(s, rng), rng), rng)
    return bidi(zero_width(s, rng), rng)


TECHNIQUES = {
    "latin": [
        leet,
        homoglyph,
        zero_width,
        splitter("."),
        splitter(" "),
        repeat,
        combining,
        mask,
        mixed,
        split_words,
        splitter("-"),
        splitter("\n"),
    ],
    "cyrillic": [
        homoglyph,
        zero_width,
        splitter("."),
        splitter(" "),
        repeat,
        combining,
        mixed,
        split_words,
        splitter("\n"),
    ],
    "arabic": [zero_width, tatweel, combining, splitter(" "), splitter("."), repeat, mixed, bidi],
    "devanagari": [zero_width, bidi, mixed],
    "kana": [zero_width, splitter(" "), splitter("."), half_width, bidi, splitter("\n"), mixed],
    "han": [zero_width, splitter(" "), splitter("."), bidi, splitter("\n"), mixed],
}


def obfuscate(marked: str, technique, rng: random.Random) -> str:
    """Apply a technique inside the [marked] parts; full-width applies to the whole text."""
    if technique == "fullwidth":
        return to_fullwidth(marked.replace("[", "").replace("]", ""))
    return re.sub(r"\[([^\]]+)\]", lambda m: technique(m.group(1), rng), marked)


def abusive_messages() -> list[tuple[str, str, str, str]]:
    rows = []
    for i, (lang, category, marked) in enumerate(read_tsv("abuse.tsv")):
        plain = marked.replace("[", "").replace("]", "")
        rows.append((lang, category, "plain", plain))
        if category not in ABUSE or "[" not in marked:
            if category in ("pii", "link"):
                rows.extend(contact_variants(lang, category, plain, i))
            continue
        spans = re.findall(r"\[([^\]]+)\]", marked)
        techniques = list(TECHNIQUES[script_of("".join(spans))])
        if script_of("".join(spans)) == "latin":
            techniques.append("fullwidth")
        for k in range(VARIANTS_PER_MESSAGE):
            technique = techniques[(i + k) % len(techniques)]
            rng = random.Random(f"obf:{i}:{k}")
            name = technique if isinstance(technique, str) else technique.__name__
            rows.append((lang, category, name, obfuscate(marked, technique, rng)))
    return rows


def contact_variants(lang, category, plain, i):
    """Contact details hidden with full-width forms or zero-width characters."""
    rng = random.Random(f"pii:{i}")
    inside = re.sub(
        r"[\w.@+/-]*[\d@./][\w.@+/-]*",
        lambda m: "".join(c + (rng.choice(ZERO_WIDTH) if c.isalnum() else "") for c in m.group()),
        plain,
    )
    return [(lang, category, "fullwidth", to_fullwidth(plain)), (lang, category, "zero_width", inside)]


def main() -> None:
    rows = clean_messages() + abusive_messages()
    with open(HERE / "corpus.tsv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(("lang", "category", "variant", "text"))
        writer.writerows(rows)
    counts: dict[tuple[str, str], int] = {}
    for lang, category, _, _ in rows:
        counts[(lang, category == "clean")] = counts.get((lang, category == "clean"), 0) + 1
    for lang in LANGS:
        print(f"{lang}: {counts.get((lang, True), 0)} clean, {counts.get((lang, False), 0)} unsafe")


if __name__ == "__main__":
    main()
