"""Measure the text filter on the old corpus, the independent set and the dev set, against the targets of issue 15.

    python bench/filter.py [--set old|independent|dev|fresh|fresh5|fresh6|fresh7|fresh8|fresh9|fresh10|fresh11|fresh12|fresh13|fresh14|short|all] [--audience under13|teen|adult]
                           [--passes N] [--json | --markdown] [--second-opinion] [--model] [--sample N]

Default: all three sets, audience under13, 3 timed passes (speed is the best pass; the
first pass, which also computes the figures, is printed beside it: it runs slower,
as bench/independent.py's single pass does).

For each set it prints recall per language and per category, the benign false-positive
rate per language, PII recall per kind, how many phone lines still show their digits,
and messages per second on one core (CPU time of this process, after warm_up). Beside
each figure that has a target it prints ✓ or ✗:

- abuse recall (profanity + bullying + hate + sexual, pooled) ≥ 0.90 in every language;
- grooming, self-harm and violence (threats) recall ≥ 0.90 in en, es, fr, de, pt;
- contact details (pii) recall ≥ 0.95, and no phone line with its digits visible;
- benign false positives ≤ 1 %; speed ≥ 15,000 messages/s on one core.

The targets are those of the independent set; the same marks on the other sets are for
comparison. `--markdown` prints the table for the README (date from this machine's
clock): one row per language, abuse, grooming, self_harm, violence, contact details,
benign FPR, plus a speed line.

Definitions (the same as bench/independent.py, whose loader this reuses, so the figures
agree for the same set and audience): a harmful line is caught when the verdict is
anything but "allow"; a benign line is a false positive when it is anything but "allow";
a phone line "shows its digits" when the text delivered (verdict.text on allow or
redact, nothing on hold or block) still has 6 or more digits.

`--second-opinion` measures alt-profanity-check (not a dependency; pip install it first)
beside check_text on the English lines: recall of each alone and of "either flags", the
benign false-positive rate, and microseconds per message (issue 15, point 7).

`--model` turns on the trained second opinion (exchange/safety/model.py, off by default) in
check_text, to measure it against the rules alone.

Sets: independent (tests/data/independent_eval, held out: this tool prints only
aggregate figures of it, never a line); dev (tests/data/dev_set, the tuning set: use
`bench/independent.py --set dev --misses LABEL` to see its missed lines); fresh (the dev
lines d4001+, written by helpers who read none of the earlier lines, and scored as the filter
stood before anyone tuned on them: see tests/data/dev_set/README.md); fresh5 (the dev lines d5001-d5999,
the same for 2026-12-04, by a writer who saw no code and no data of ours); fresh6 (d6001-d6730, the same
for 2026-12-06, written after that session's rules and never tuned on); fresh7 (d6731-d7261, the
same, written 2026-12-06 after the thirty-second session's rules, to measure the thirty-third's); fresh8
(d7262-d7682, the same, written 2026-12-07 after the forty-first session's rules); fresh9 (d7683-d8099, the same,
written 2026-12-07 after the forty-second session's rules and retrained second opinion); fresh10 (d8100-d8521, the
same, written 2026-12-07 after the forty-third session's rules and retrained second opinion); fresh11 (d8522-d9355,
the same, two writers, written 2026-12-07 at the forty-fourth session's start); fresh12 (d9356-d9715, messages by
adults: teachers, counsellors and visiting experts, benign ones that a filter might hold and grooming; written
2026-12-07 in the forty-fourth session, meant for `--audience adult`); fresh13 (d9716-d9999, 280 lines in en de es
fr it ja pt, three in four benign school chat by pupils and adults, written 2026-12-07 at the forty-fifth session's
start and scored before its changes); fresh14 (d9756-d9995, 240 lines in ar de en fr hi ja sw zh, 30 per language: 14
benign, 8 abuse, 4 contact details, 2 threats, 1 grooming, 1 self-harm; written 2026-12-08 at the forty-sixth session's
start and scored before its changes); old
(tests/data/safety_corpus/corpus.tsv, written together with the lexicons: a best case;
its "clean" rows count as benign, its "link" rows are a category of their own, and as
it has no PII kinds they are inferred from the text: "@" is email, 7+ digits is phone,
the rest address_or_handle); short (tests/data/short_benign_eval: 448 short benign lines and
file names in 23 languages, written by a helper who saw no code: false alarms only, held out).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from exchange.safety import SafetyPolicy, check_text  # noqa: E402
from exchange.safety.text import warm_up  # noqa: E402
from independent import DIGITS, HARMFUL, SETS, load  # noqa: E402

POLICY: SafetyPolicy | None = None  # --model: SafetyPolicy(second_opinion=True)
SAMPLE = 0  # --sample N: at most N lines of each language, label and kind of personal data (a quick run)
OLD_CORPUS = ROOT / "tests" / "data" / "safety_corpus" / "corpus.tsv"
SHORT_BENIGN = ROOT / "tests" / "data" / "short_benign_eval" / "lines.tsv"
PATHS = {
    "old": OLD_CORPUS,
    **SETS,
    "fresh": SETS["dev"],
    "fresh5": SETS["dev"],
    "fresh6": SETS["dev"],
    "fresh7": SETS["dev"],
    "fresh8": SETS["dev"],
    "fresh9": SETS["dev"],
    "fresh10": SETS["dev"],
    "fresh11": SETS["dev"],
    "fresh12": SETS["dev"],
    "fresh13": SETS["dev"],
    "fresh14": SETS["dev"],
    "short": SHORT_BENIGN,
}
# Dev lines written without reading the earlier ones and scored before anyone tuned on them:
# d4001-d4999 (2026-12-02), d5001-d5999 (2026-12-04, by a writer who saw no code and no data of ours),
# d6001-d7261 (2026-12-06, two writers who saw no code and no data, after the thirty-second session's rules),
# d7262-d8099 (2026-12-07, writers who saw no code and no data, after the forty-first and forty-second sessions' rules),
# d8100-d8521 (2026-12-07, a writer who saw no code and no data, after the forty-third session's rules),
# d8522-d9355 (2026-12-07, two such writers, at the forty-fourth session's start),
# d9356-d9715 (2026-12-07, one such writer, messages by adults, for --audience adult),
# d9716-d9755 (2026-12-07, 280 lines in seven languages), d9756-d9995 (2026-12-08, at the forty-sixth session's start).
FRESH = {
    "fresh": (4001, 4999),
    "fresh5": (5001, 5999),
    "fresh6": (6001, 6730),
    "fresh7": (6731, 7261),
    "fresh8": (7262, 7682),
    "fresh9": (7683, 8099),
    "fresh10": (8100, 8521),
    "fresh11": (8522, 9355),
    "fresh12": (9356, 9715),
    "fresh13": (9716, 9755),
    "fresh14": (9756, 9999),
}
ABUSE = ("profanity", "bullying", "hate", "sexual")
SERIOUS = ("grooming", "self_harm", "violence")
SERIOUS_LANGS = ("en", "es", "fr", "de", "pt")
TARGETS = {
    "abuse": 0.90,
    "serious": 0.90,
    "pii": 0.95,
    "benign_fpr": 0.01,
    "phone_digits_visible": 0,
    "msgs_per_s_one_core": 15000,
}
TARGET_TEXT = (
    "abuse ≥ 0.90 every language; grooming/self_harm/violence ≥ 0.90 in en es fr de pt; "
    "contact details ≥ 0.95 with no phone digits visible; benign FPR ≤ 0.01; ≥ 15,000 msg/s"
)


def load_old() -> list[dict]:
    """The old corpus in the schema of the JSONL sets (clean → benign, PII kind inferred from the text)."""
    with open(OLD_CORPUS, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for i, row in enumerate(rows, 1):
        label = "benign" if row["category"] == "clean" else row["category"]
        out.append(
            {
                "id": f"old-{i}",
                "lang": row["lang"],
                "text": row["text"],
                "label": label,
                "pii_kind": old_pii_kind(row["text"]) if label == "pii" else None,
                "evasion": row["variant"],
            }
        )
    return out


def old_pii_kind(text: str) -> str:
    if "@" in text or "＠" in text:
        return "email"
    digits = sum(unicodedata.digit(ch, None) is not None for ch in text)
    return "phone" if digits >= 7 else "address_or_handle"


def load_short() -> list[dict]:
    """Short benign lines and file names in 23 languages (held out like the independent set)."""
    rows = []
    with open(SHORT_BENIGN, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if line.strip() and not line.startswith("#"):
                lang, text = line.rstrip("\n").split("\t", 1)
                rows.append({"id": f"short-{i}", "lang": lang, "text": text, "label": "benign", "pii_kind": None})
    return rows


def load_set(name: str) -> list[dict]:
    if name == "short":
        return load_short()
    if name in FRESH:
        low, high = FRESH[name]
        return [r for r in load("dev") if low <= int(r["id"].rsplit("-d", 1)[1]) <= high]
    return load_old() if name == "old" else load(name)


def ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 3) if total else None


def measure(name: str, audience: str, passes: int = 1) -> dict:
    """Run the filter over one set; figures as in bench/independent.py, plus abuse pooled and targets."""
    rows = load_set(name)
    if SAMPLE:
        taken: dict[tuple[str, str, str], int] = defaultdict(int)
        kept = []
        for row in rows:
            kind = (row["lang"], row["label"], row.get("pii_kind") or "")
            taken[kind] += 1
            if taken[kind] <= SAMPLE:
                kept.append(row)
        rows = kept
    caught: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    pii_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    digits_left: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    started = time.process_time()
    for row in rows:
        verdict = check_text(row["text"], audience=audience, policy=POLICY)
        flagged = verdict.action != "allow"
        label = row["label"]
        for key in ((row["lang"], label), ("all", label)):
            caught[key][0] += flagged
            caught[key][1] += 1
        if label == "pii":
            kind = row.get("pii_kind") or "other"
            pii_kind[kind][0] += flagged
            pii_kind[kind][1] += 1
            if kind == "phone":
                delivered = verdict.text if verdict.action in ("allow", "redact") else ""
                visible = len(DIGITS.findall(delivered)) >= 6
                for lang in (row["lang"], "all"):
                    digits_left[lang][0] += visible
                    digits_left[lang][1] += 1
    seconds = [time.process_time() - started]
    texts = [row["text"] for row in rows]
    for _ in range(passes - 1):
        started = time.process_time()
        for text in texts:
            check_text(text, audience=audience, policy=POLICY)
        seconds.append(time.process_time() - started)
    langs = sorted({row["lang"] for row in rows})
    labels = [label for label in (*HARMFUL, "link") if caught[("all", label)][1]]
    recall: dict[str, dict] = {}
    counts: dict[str, dict] = {}
    for lang in [*langs, "all"]:
        per = {label: ratio(*caught[(lang, label)]) for label in labels}
        pooled = [caught[(lang, label)] for label in ABUSE]
        per["abuse"] = ratio(sum(h for h, _ in pooled), sum(t for _, t in pooled))
        harmful = [caught[(lang, label)] for label in labels]
        per["harmful"] = ratio(sum(h for h, _ in harmful), sum(t for _, t in harmful))
        recall[lang] = per
        counts[lang] = {label: list(caught[(lang, label)]) for label in [*labels, "benign"]}
    summary: dict = {
        "set": name,
        "path": str(PATHS[name].relative_to(ROOT)),
        "audience": audience,
        "messages": len(rows),
        "msgs_per_s_one_core": round(len(rows) / min(seconds)),
        "passes": passes,
        "msgs_per_s_first_pass": round(len(rows) / seconds[0]),
        "languages": langs,
        "categories": [*labels, "abuse"],
        "recall": recall,
        "benign_fpr": {lang: ratio(*caught[(lang, "benign")]) for lang in [*langs, "all"]},
        "pii_kinds": {kind: ratio(*c) for kind, c in sorted(pii_kind.items())},
        "pii_kind_counts": {kind: list(c) for kind, c in sorted(pii_kind.items())},
        "phone_digits_visible": {
            lang: {"lines": c[0], "of": c[1], "share": ratio(*c)} for lang, c in sorted(digits_left.items())
        },
        "counts": counts,
    }
    summary["checks"] = checks(summary)
    return summary


def checks(s: dict) -> list[dict]:
    """One entry per figure that has a target: {lang, figure, value, target, met}."""
    out = []

    def add(lang: str, figure: str, value, target, at_least: bool) -> None:
        if value is None:  # the set has no line of that kind (the short set is benign only)
            return
        met = value is not None and (value >= target if at_least else value <= target)
        out.append({"lang": lang, "figure": figure, "value": value, "target": target, "at_least": at_least, "met": met})

    for lang in [*s["languages"], "all"]:
        r = s["recall"][lang]
        add(lang, "abuse", r["abuse"], TARGETS["abuse"], True)
        if lang in SERIOUS_LANGS:
            for label in SERIOUS:
                add(lang, label, r.get(label), TARGETS["serious"], True)
        add(lang, "pii", r.get("pii"), TARGETS["pii"], True)
        phones = s["phone_digits_visible"].get(lang)
        if phones:
            add(lang, "phone_digits_visible", phones["lines"], TARGETS["phone_digits_visible"], False)
        add(lang, "benign_fpr", s["benign_fpr"][lang], TARGETS["benign_fpr"], False)
    add("all", "msgs_per_s_one_core", s["msgs_per_s_one_core"], TARGETS["msgs_per_s_one_core"], True)
    return out


def mark(s: dict, lang: str, figure: str) -> str:
    for c in s["checks"]:
        if c["lang"] == lang and c["figure"] == figure:
            return "✓" if c["met"] else "✗"
    return ""


def cell(value, sign: str = "") -> str:
    return ("-" if value is None else f"{value:.3f}") + sign


def print_text(s: dict) -> None:
    print(
        f"\n== {s['set']} set ({s['path']}): {s['messages']} messages, audience {s['audience']}, "
        f"{s['msgs_per_s_one_core']:,} msg/s on one core (CPU time after warm_up, best of {s['passes']} passes; "
        f"first pass {s['msgs_per_s_first_pass']:,}) {mark(s, 'all', 'msgs_per_s_one_core')} =="
    )
    print(f"targets: {TARGET_TEXT}")
    cats = s["categories"]
    head = ["lang", *cats, "benign_fpr", "phones_visible"]
    widths = [5, *[max(len(c), 7) for c in cats], 10, 14]
    print(" ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(head, widths))))
    for lang in [*s["languages"], "all"]:
        r = s["recall"][lang]
        phones = s["phone_digits_visible"].get(lang)
        row = [
            lang,
            *[cell(r.get(c), mark(s, lang, c)) for c in cats],
            cell(s["benign_fpr"][lang], mark(s, lang, "benign_fpr")),
            (f"{phones['lines']}/{phones['of']}" + mark(s, lang, "phone_digits_visible")) if phones else "-",
        ]
        print(" ".join(v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths))))
    kinds = ", ".join(f"{k} {cell(v)} ({s['pii_kind_counts'][k][1]})" for k, v in s["pii_kinds"].items())
    print(f"PII recall per kind (lines): {kinds}")
    met = [c for c in s["checks"] if c["met"]]
    missed = [f"{c['lang']} {c['figure']} {c['value']}" for c in s["checks"] if not c["met"]]
    print(f"targets met: {len(met)} of {len(s['checks'])}" + (f"; not met: {', '.join(missed)}" if missed else ""))


def markdown(s: dict, date: str) -> str:
    lines = [
        f"**{s['set']} set** (`{s['path']}`, {s['messages']} messages), audience {s['audience']}, "
        f"measured {date}. Recall per category; ✓/✗ against the targets ({TARGET_TEXT}).",
        "",
        "| lang | abuse recall | grooming | self_harm | violence | contact details | phones with digits visible "
        "| benign FPR |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for lang in [*s["languages"], "all"]:
        r = s["recall"][lang]
        phones = s["phone_digits_visible"].get(lang)
        lines.append(
            "| "
            + " | ".join(
                [
                    f"**{lang}**" if lang == "all" else lang,
                    cell(r["abuse"], " " + mark(s, lang, "abuse")),
                    *[cell(r.get(label), (" " + mark(s, lang, label)).rstrip()) for label in SERIOUS],
                    cell(r.get("pii"), " " + mark(s, lang, "pii")),
                    f"{phones['lines']} of {phones['of']} {mark(s, lang, 'phone_digits_visible')}" if phones else "-",
                    cell(s["benign_fpr"][lang], " " + mark(s, lang, "benign_fpr")),
                ]
            )
            + " |"
        )
    lines += [
        "",
        f"Speed: {s['msgs_per_s_one_core']:,} messages/s on one core (CPU time after warm_up, "
        f"best of {s['passes']} pass{'es' if s['passes'] > 1 else ''}; "
        f"first pass {s['msgs_per_s_first_pass']:,}) "
        f"{mark(s, 'all', 'msgs_per_s_one_core')} (target ≥ 15,000).",
    ]
    return "\n".join(lines)


def second_opinion(names: tuple[str, ...], audience: str, thresholds: tuple[float, ...] = (0.5, 0.7, 0.9)) -> dict:
    """alt-profanity-check beside check_text on the English lines: recall of each, of "either flags", and
    the cost (benign FPR, microseconds per message one at a time as a chat server would call it).

    Aggregates only. The package is not a dependency: `pip install alt-profanity-check` first.
    """
    try:
        from profanity_check import predict_prob
    except ImportError:
        sys.exit("--second-opinion needs alt-profanity-check: .venv/bin/pip install alt-profanity-check")
    predict_prob(["warm up"])
    out: dict = {}
    for name in names:
        rows = [row for row in load_set(name) if row["lang"] == "en"]
        texts = [row["text"] for row in rows]
        ours = [check_text(text, audience=audience).action != "allow" for text in texts]
        probs = [float(p) for p in predict_prob(texts)]
        result: dict = {"lines": len(rows)}
        for threshold in thresholds:
            tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # ours, model, either, lines
            for row, a, prob in zip(rows, ours, probs):
                b = prob >= threshold
                label = row["label"]
                keys = [label, *(["abuse"] if label in ABUSE else []), *(["harmful"] if label != "benign" else [])]
                for key in keys:
                    for i, hit in enumerate((a, b, a or b, True)):
                        tally[key][i] += hit
            result[f"threshold {threshold}"] = {
                key: {"ours": ratio(o, n), "model": ratio(m, n), "either": ratio(e, n), "lines": n}
                for key, (o, m, e, n) in sorted(tally.items())
            }
        started = time.process_time()
        for text in texts:
            check_text(text, audience=audience, policy=POLICY)
        ours_s = (time.process_time() - started) / len(texts)
        started = time.process_time()
        for text in texts:
            predict_prob([text])
        model_s = (time.process_time() - started) / len(texts)
        result["us_per_message"] = {
            "check_text": round(ours_s * 1e6, 1),
            "model": round(model_s * 1e6, 1),
            "both_msgs_per_s": round(1 / (ours_s + model_s)),
        }
        out[name] = result
    return out


def print_second_opinion(result: dict) -> None:
    for name, r in result.items():
        cost = r["us_per_message"]
        print(
            f"\n== second opinion, alt-profanity-check on the {r['lines']} English lines of the {name} set: "
            f"check_text {cost['check_text']} µs/msg, model {cost['model']} µs/msg one at a time, "
            f"both {cost['both_msgs_per_s']:,} msg/s =="
        )
        for key, per in r.items():
            if not key.startswith("threshold"):
                continue
            print(
                f"{key}: "
                + "; ".join(
                    f"{label} {f['ours']}→{f['either']} (model alone {f['model']})"
                    for label, f in per.items()
                    if label in ("harmful", "abuse", "benign", *ABUSE, *SERIOUS)
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        default="all",
        choices=(
            "old",
            "independent",
            "dev",
            "fresh",
            "fresh5",
            "fresh6",
            "fresh7",
            "fresh8",
            "fresh9",
            "fresh10",
            "fresh11",
            "fresh12",
            "fresh13",
            "fresh14",
            "short",
            "all",
        ),
    )
    parser.add_argument("--audience", default="under13", choices=("under13", "teen", "adult"))
    parser.add_argument(
        "--passes",
        type=int,
        default=3,
        help="timed passes per set (speed: the best one; the first also counts the verdicts)",
    )
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON object")
    out.add_argument("--markdown", action="store_true", help="print the README table")
    parser.add_argument(
        "--second-opinion",
        action="store_true",
        help="measure alt-profanity-check beside check_text on English lines (figures only)",
    )
    parser.add_argument(
        "--model", action="store_true", help="turn on the trained second opinion (exchange/safety/model.py)"
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=0,
        metavar="N",
        help="at most N lines of each language, label and kind of personal data, the first in the set (a quick check "
        "of the report's shape; its figures are the sample's)",
    )
    args = parser.parse_args()
    if args.sample < 0:
        parser.error("--sample takes a number of lines, 1 or more (0: every line)")
    global SAMPLE
    SAMPLE = args.sample
    if args.model:
        global POLICY
        POLICY = SafetyPolicy(second_opinion=True)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    names = ("old", "independent", "dev", "short") if args.set == "all" else (args.set,)
    warm_up()
    date = datetime.date.today().isoformat()
    if args.second_opinion:
        result = second_opinion(names, args.audience)
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            print_second_opinion(result)
        return
    results = {name: measure(name, args.audience, max(1, args.passes)) for name in names}
    if args.json:
        print(
            json.dumps(
                {"date": date, "audience": args.audience, "targets": TARGETS, "sets": results}, ensure_ascii=False
            )
        )
    elif args.markdown:
        print("\n\n".join(markdown(s, date) for s in results.values()))
    else:
        for s in results.values():
            print_text(s)


if __name__ == "__main__":
    main()
