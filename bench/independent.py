"""Measure the text filter on the independent evaluation set (tests/data/independent_eval).

    python bench/independent.py [--audience under13|teen|adult] [--json]

The set was written by an evaluator who never saw exchange/safety (see its README); it
measures, it does not train. A harmful line counts as caught when the verdict is anything
but "allow"; a benign line is a false positive when it is anything but "allow". For
contact details it also counts lines whose phone digits stay visible in the delivered text.
Prints recall per language and per label, the false-positive rate on benign lines, PII
recall per kind, and messages per second on one core.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exchange.safety import check_text  # noqa: E402
from exchange.safety.text import warm_up  # noqa: E402

SETS = {
    "independent": ROOT / "tests" / "data" / "independent_eval",  # held out: measure, never tune
    "dev": ROOT / "tests" / "data" / "dev_set",
}  # written for tuning
HARMFUL = ("profanity", "bullying", "hate", "sexual", "grooming", "self_harm", "violence", "pii")
DIGITS = re.compile(r"\d")
# Dev lines d4001+ were written later as a fresh measure (bench/filter.py --set fresh, fresh5):
# --misses never prints them, so nobody tunes on them by accident.
LAST_TUNING_LINE = 3999


def load(name: str = "independent") -> list[dict]:
    rows = []
    for path in sorted(SETS[name].glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


def ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 3) if total else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audience", default="under13", choices=("under13", "teen", "adult"))
    parser.add_argument("--json", action="store_true", help="print only the JSON summary")
    parser.add_argument(
        "--set",
        default="independent",
        choices=tuple(SETS),
        help="independent (held out, the default) or dev (the tuning set)",
    )
    parser.add_argument(
        "--misses",
        metavar="LABEL",
        help="dev set only: print the lines of LABEL that were missed (benign: the false positives), d0001-d3999 only",
    )
    parser.add_argument("--lang", help="with --misses: one language")
    args = parser.parse_args()
    if args.misses and args.set != "dev":
        parser.error("--misses prints lines, so only of the dev set: the independent set is never read line by line")
    rows = load(args.set)
    warm_up()
    caught: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    pii_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    digits_left = [0, 0]
    started = time.process_time()
    for row in rows:
        verdict = check_text(row["text"], audience=args.audience)
        flagged = verdict.action != "allow"
        label = row["label"]
        if (
            args.misses == label
            and (not args.lang or args.lang == row["lang"])
            and flagged == (label == "benign")
            and int(row["id"].rsplit("-d", 1)[1]) <= LAST_TUNING_LINE  # d4001+ measure, never read
        ):
            print(f"{row['id']}\t{verdict.action}\t{row['text']}\t{[r.rule for r in verdict.reasons]}")
        for key in ((row["lang"], label), ("all", label)):
            caught[key][0] += flagged
            caught[key][1] += 1
        if label == "pii":
            pii_kind[row["pii_kind"] or "other"][0] += flagged
            pii_kind[row["pii_kind"] or "other"][1] += 1
            if row["pii_kind"] == "phone":
                delivered = verdict.text if verdict.action in ("allow", "redact") else ""
                digits_left[0] += len(DIGITS.findall(delivered)) >= 6
                digits_left[1] += 1
    seconds = time.process_time() - started
    langs = sorted({r["lang"] for r in rows})
    summary: dict = {
        "audience": args.audience,
        "messages": len(rows),
        "msgs_per_s_one_core": round(len(rows) / seconds),
        "languages": {},
        "labels": {},
        "pii_kinds": {},
        "phone_digits_visible": ratio(*digits_left),
    }
    for lang in [*langs, "all"]:
        harmful = [caught[(lang, label)] for label in HARMFUL]
        summary["languages"][lang] = {
            "harmful_recall": ratio(sum(h for h, _ in harmful), sum(t for _, t in harmful)),
            "benign_fpr": ratio(*caught[(lang, "benign")]),
        }
    for label in HARMFUL:
        summary["labels"][label] = {lang: ratio(*caught[(lang, label)]) for lang in [*langs, "all"]}
    summary["pii_kinds"] = {kind: ratio(*counts) for kind, counts in sorted(pii_kind.items())}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return
    print(
        f"{args.set} set: {len(rows)} messages, audience {args.audience}, "
        f"{summary['msgs_per_s_one_core']} msg/s on one core (CPU time)"
    )
    print(f"{'lang':6} {'harmful recall':>15} {'benign FPR':>11}")
    for lang, figures in summary["languages"].items():
        print(f"{lang:6} {figures['harmful_recall']!s:>15} {figures['benign_fpr']!s:>11}")
    print(
        "recall per label (all languages): "
        + ", ".join(f"{label} {summary['labels'][label]['all']}" for label in HARMFUL)
    )
    print(
        "PII recall per kind: "
        + ", ".join(f"{k} {v}" for k, v in summary["pii_kinds"].items())
        + f"; phone lines with 6+ digits still visible: {summary['phone_digits_visible']}"
    )
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
