"""Write every verdict of check_text over the dev set and the old corpus, to diff before and after a change.

    python bench/verdicts.py OUT.tsv [--mutate]

One line per (message, audience): id, audience, action, categories, delivered text, and the
reasons in full (category, severity, span, rule). Audiences under13, teen and adult; all
languages (``languages=None``, as the bench and the chat server call it). ``--mutate`` adds,
for every message, spellings a filter must see through (upper case, letters spaced out,
dotted, leetspeak, look-alike letters, masked vowels), so a speed-up that skips work on
some messages is checked on evasive forms too. The held-out independent set is not read.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exchange.safety import check_text  # noqa: E402

AUDIENCES = ("under13", "teen", "adult")
_LEET = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7"})
_LOOKALIKE = str.maketrans({"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х"})  # Cyrillic
_MASK = str.maketrans({"u": "*", "i": "*", "a": "#"})


def messages() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for path in sorted((ROOT / "tests" / "data" / "dev_set").glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            rows.extend((r["id"], r["text"]) for r in map(json.loads, filter(str.strip, fh)))
    with open(ROOT / "tests" / "data" / "safety_corpus" / "corpus.tsv", encoding="utf-8", newline="") as fh:
        rows.extend((f"old-{i}", r["text"]) for i, r in enumerate(csv.DictReader(fh, delimiter="\t"), 1))
    return rows


def mutations(text: str) -> list[tuple[str, str]]:
    words = text.split()
    return [
        ("upper", text.upper()),
        ("spaced", " ".join(" ".join(w) for w in words)),
        ("dotted", " ".join(".".join(w) for w in words)),
        ("leet", text.lower().translate(_LEET)),
        ("lookalike", text.lower().translate(_LOOKALIKE)),
        ("masked", text.lower().translate(_MASK)),
        ("stretched", " ".join(w + w[-1] * 3 for w in words)),
        ("joined", "".join(words)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--mutate", action="store_true", help="add evasive spellings of every message")
    args = parser.parse_args()
    rows = messages()
    if args.mutate:
        rows = [*rows, *((f"{i}~{kind}", t) for i, text in rows for kind, t in mutations(text))]
    with open(args.out, "w", encoding="utf-8") as out:
        for ident, text in rows:
            for audience in AUDIENCES:
                v = check_text(text, audience=audience)
                categories = ",".join(sorted({r.category for r in v.reasons}))
                reasons = ";".join(f"{r.category}/{r.severity}/{r.span[0]}-{r.span[1]}/{r.rule}" for r in v.reasons)
                fields = [ident, audience, v.action, categories, json.dumps(v.text, ensure_ascii=False), reasons]
                out.write("\t".join(fields) + "\n")
    print(f"{len(rows)} messages x {len(AUDIENCES)} audiences -> {args.out}")


if __name__ == "__main__":
    main()
