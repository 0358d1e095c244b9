"""Dump every verdict of check_text over the three text sets, to prove a speed change changes none.

    python bench/verdict_snapshot.py OUT.txt            # write a canonical dump
    python bench/verdict_snapshot.py --compare A.txt B.txt

The dump has one line per (set, audience, languages, line): the repr of the whole Verdict
(action, every Reason field, the delivered text). Sets: the dev set, the independent set and
the old corpus, for each audience, with languages=None; the dev set also with ["en"] and
["es", "en"]. ``--compare`` prints how many lines differ per set and the first few
differences, except for the independent set, which is held out: only its counts are printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

AUDIENCES = ("under13", "teen", "adult")
HELD_OUT = "independent"
SHOW = 5  # differences printed per set


def runs() -> Iterator[tuple[str, list[str], list[str] | None]]:
    """(set name, texts, languages) for every run of the dump."""
    from filter import load_set

    for name in ("dev", HELD_OUT, "old"):
        texts = [row["text"] for row in load_set(name)]
        for languages in (None, ["en"], ["es", "en"]) if name == "dev" else (None,):
            yield name, texts, languages


def dump(out: Path) -> None:
    from exchange.safety import check_text
    from exchange.safety.text import warm_up

    warm_up()
    with open(out, "w", encoding="utf-8") as fh:
        for name, texts, languages in runs():
            for audience in AUDIENCES:
                started = time.process_time()
                for i, text in enumerate(texts):
                    verdict = check_text(text, audience=audience, languages=languages)
                    fh.write(f"{name}\t{audience}\t{languages}\t{i}\t{verdict!r}\n")
                seconds = time.process_time() - started
                print(f"{name} {audience} {languages}: {seconds:.1f} s CPU", file=sys.stderr)


def key_of(line: str) -> tuple[str, str]:
    """(set name, the line's key without its verdict)."""
    name, audience, languages, i, _ = line.split("\t", 4)
    return name, f"{name}\t{audience}\t{languages}\t{i}"


def compare(a: Path, b: Path) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    if len(left) != len(right):
        print(f"line counts differ: {len(left)} vs {len(right)}")
    lines: Counter[str] = Counter()
    differ: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    for x, y in zip(left, right):
        name, key = key_of(x)
        lines[name] += 1
        if x == y:
            continue
        differ[name] += 1
        if name != HELD_OUT and shown[name] < SHOW:
            shown[name] += 1
            print(f"- {x}\n+ {y}")
    for name in lines:
        print(f"{name}: {differ[name]} of {lines[name]} lines differ")
    total = sum(differ.values()) + abs(len(left) - len(right))
    print(f"total differing lines: {total}")
    return 1 if total else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="OUT (dump) or A B (with --compare)")
    parser.add_argument("--compare", action="store_true", help="diff two dumps")
    args = parser.parse_args()
    if args.compare:
        if len(args.paths) != 2:
            parser.error("--compare takes two dumps")
        sys.exit(compare(*args.paths))
    if len(args.paths) != 1:
        parser.error("give one output path")
    dump(args.paths[0])


if __name__ == "__main__":
    main()
