"""Prove a speed change changes no verdict: one digest per line, before and after.

    python bench/filter_equivalence.py dump OUT.tsv        # run check_text, write the digests
    python bench/filter_equivalence.py compare A.tsv B.tsv  # count the lines that differ

``dump`` runs check_text on every line of the old corpus, the dev set and the independent
set, for the audiences under13, teen and adult, each with ``languages=None`` and with the
line's own language, and writes one line per run: set, audience, languages, line number,
action, delivered text and the reasons (sorted; their order as returned is kept in a last
column, so a change of order alone is reported apart). ``compare`` prints how many lines
differ per set, audience and languages; it shows the first differing lines of the dev set
and the old corpus, and of the held-out independent set only the counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

AUDIENCES = ("under13", "teen", "adult")
SETS = ("old", "dev", "independent")
HELD_OUT = "independent"
SHOW = 8  # differing lines printed per set


def dump(out: Path) -> None:
    from exchange.safety import check_text
    from exchange.safety.text import warm_up
    from filter import load_set

    warm_up()
    with open(out, "w", encoding="utf-8") as fh:
        for name in SETS:
            rows = load_set(name)
            for audience in AUDIENCES:
                for own in (False, True):
                    started = time.process_time()
                    for i, row in enumerate(rows):
                        languages = [row["lang"]] if own else None
                        v = check_text(row["text"], audience=audience, languages=languages)
                        reasons = [repr(r) for r in v.reasons]
                        fields = (name, audience, "own" if own else "none", str(i), v.action, repr(v.text))
                        fh.write("\t".join([*fields, repr(sorted(reasons)), repr(reasons)]) + "\n")
                    spent = time.process_time() - started
                    print(f"{name} {audience} {'own' if own else 'none'}: {spent:.1f} s CPU", file=sys.stderr)


def compare(a: Path, b: Path) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    if len(left) != len(right):
        print(f"line counts differ: {len(left)} vs {len(right)}")
    runs: Counter[str] = Counter()
    differ: Counter[str] = Counter()
    order_only: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    for x, y in zip(left, right):
        xs, ys = x.split("\t"), y.split("\t")
        name = xs[0]
        run = " ".join(xs[:3])
        runs[run] += 1
        if xs[:-1] != ys[:-1]:
            differ[run] += 1
            if name != HELD_OUT and shown[name] < SHOW:
                shown[name] += 1
                print(f"- {x}\n+ {y}")
        elif xs[-1] != ys[-1]:
            order_only[run] += 1
    for run in runs:
        extra = f" (reasons in another order: {order_only[run]})" if order_only[run] else ""
        print(f"{run}: {differ[run]} of {runs[run]} lines differ{extra}")
    total = sum(differ.values()) + abs(len(left) - len(right))
    print(f"total differing lines: {total}; reasons in another order only: {sum(order_only.values())}")
    return 1 if total else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("a", type=Path)
    cmp.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.mode == "dump":
        dump(args.out)
    else:
        sys.exit(compare(args.a, args.b))


if __name__ == "__main__":
    main()
