"""Traditional Chinese characters read as simplified, for the lexicon.

The Chinese lexicon is written in simplified characters, while Taiwan, Hong Kong and Macau
write the same words in traditional ones ("你這個肥豬" is "你这个肥猪"). OpenCC's t2s
conversion, taken one character for one so that offsets stay, gives a view of the message
the same lexicon reads. Japanese writes many of those characters in words of its own
("電話", "時間"), so a message with kana is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_KANA = re.compile("[\u3040-\u30ff\uff66-\uff9d]")
_HAN = range(0x3400, 0xA000)  # CJK Unified Ideographs and Extension A


@lru_cache(maxsize=1)
def _table() -> tuple[dict[int, str], re.Pattern[str]]:
    """Each traditional character OpenCC simplifies to exactly one character."""
    converter = opencc.OpenCC("t2s")
    chars = [chr(cp) for cp in _HAN]
    simplified = converter.convert("\n".join(chars)).split("\n")
    if len(simplified) != len(chars):  # a phrase rule joined lines: convert one by one
        simplified = [converter.convert(ch) for ch in chars]
    table = {ord(ch): out for ch, out in zip(chars, simplified) if out != ch and len(out) == 1}
    return table, re.compile("[" + "".join(map(chr, table)) + "]")


def simplified_view(skeleton: str) -> str | None:
    """The skeleton with traditional characters simplified, or None if it has none (or kana)."""
    if skeleton.isascii():
        return None
    table, traditional = _table()
    if not traditional.search(skeleton) or _KANA.search(skeleton):
        return None
    return skeleton.translate(table)


def warm_up() -> None:
    """Build the table (about 10 ms) before the first message needs it."""
    _table()
