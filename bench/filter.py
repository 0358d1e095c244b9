"""Benchmark the text filter on the labelled corpus, beside better-profanity.

    python bench/filter.py [--sample N] [--passes N] [--audience under13|teen|adult]

Prints precision, recall and false-positive rate per language and per category, recall
on obfuscated variants, throughput on one core, the same figures for better-profanity
(on a stratified sample, since it is slow), and one JSON summary line at the end.

Definitions. A clean message is a false positive when its verdict is anything but
"allow". An unsafe message is detected when the verdict is not "allow" and carries a
reason of its family: an abuse category (profanity, hate, sexual, violence, self_harm,
grooming) for abusive text, a pii_* reason for personal data, a link, invite or map
reason for links. better-profanity has no categories: any hit counts as detected.
The corpus (tests/data/safety_corpus) was written by the same team as the lexicons, so
recall here is an upper bound of what unseen abuse would meet; clean talk is the harder
test of the two.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exchange.safety import check_text  # noqa: E402
from exchange.safety.lexicon import ABUSE_CATEGORIES  # noqa: E402
from exchange.safety.text import warm_up  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "safety_corpus" / "corpus.tsv"
LINK_FAMILY = {"link", "pii_invite", "pii_location"}


def load_corpus() -> list[dict]:
    with open(CORPUS, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def family(category: str) -> str:
    return "abuse" if category in ABUSE_CATEGORIES else category


def detected(row: dict, verdict) -> bool:
    """Did the verdict catch this row, by the definitions in the module docstring?"""
    if verdict.action == "allow":
        return False
    acted = {r.category for r in verdict.reasons if r.action != "allow"}
    label = row["category"]
    if label in ABUSE_CATEGORIES:
        return bool(acted & set(ABUSE_CATEGORIES))
    if label == "pii":
        return any(c.startswith("pii_") for c in acted)
    if label == "link":
        return bool(acted & LINK_FAMILY)
    return True  # clean: any non-allow verdict is a false positive


def predicted_categories(verdict) -> set[str]:
    """Label families a verdict points at, for per-category precision."""
    out = set()
    for r in verdict.reasons:
        if r.action == "allow":
            continue
        if r.category in ABUSE_CATEGORIES:
            out.add(r.category)
        elif r.category in LINK_FAMILY:
            out.add("link")
        elif r.category.startswith("pii_"):
            out.add("pii")
    return out


class Tally:
    """Counts for precision, recall and false-positive rate."""

    def __init__(self):
        self.tp = self.fn = self.fp = self.tn = 0
        self.obf_tp = self.obf_n = 0

    def add(self, row: dict, hit: bool) -> None:
        if row["category"] == "clean":
            self.fp += hit
            self.tn += not hit
        else:
            self.tp += hit
            self.fn += not hit
            if row["variant"] != "plain":
                self.obf_n += 1
                self.obf_tp += hit

    @staticmethod
    def ratio(a, b):
        return round(a / b, 4) if b else None

    def summary(self) -> dict:
        return {"precision": self.ratio(self.tp, self.tp + self.fp),
                "recall": self.ratio(self.tp, self.tp + self.fn),
                "fpr": self.ratio(self.fp, self.fp + self.tn),
                "obfuscated_recall": self.ratio(self.obf_tp, self.obf_n),
                "unsafe": self.tp + self.fn, "clean": self.fp + self.tn}


def evaluate(rows: list[dict], judge) -> dict:
    """judge(row) -> (hit, predicted categories). Returns overall, per language, per category."""
    overall, by_lang, by_cat = Tally(), defaultdict(Tally), defaultdict(Tally)
    predicted_count, predicted_right = defaultdict(int), defaultdict(int)
    for row in rows:
        hit, predicted = judge(row)
        overall.add(row, hit)
        by_lang[row["lang"]].add(row, hit)
        if row["category"] != "clean":
            by_cat[row["category"]].add(row, hit)
        else:
            for cat in by_cat_keys(rows):
                by_cat[cat].add(row, hit and (cat in predicted or predicted == {"*"}))
        for cat in predicted:
            predicted_count[cat] += 1
            predicted_right[cat] += cat == row["category"] or cat == "*"
    cats = {}
    for cat, tally in sorted(by_cat.items()):
        s = tally.summary()
        if predicted_count.get(cat) is not None and "*" not in predicted_count:
            s["precision"] = Tally.ratio(predicted_right[cat], predicted_count[cat])
        cats[cat] = s
    return {"overall": overall.summary(),
            "languages": {lang: t.summary() for lang, t in sorted(by_lang.items())},
            "categories": cats}


_CAT_KEYS: list[str] = []


def by_cat_keys(rows):
    if not _CAT_KEYS:
        _CAT_KEYS.extend(sorted({r["category"] for r in rows if r["category"] != "clean"}))
    return _CAT_KEYS


def our_judge(audience: str):
    def judge(row):
        verdict = check_text(row["text"], audience)
        return detected(row, verdict), predicted_categories(verdict)
    return judge


def better_profanity_judge():
    from better_profanity import profanity
    profanity.load_censor_words()

    def judge(row):
        hit = profanity.contains_profanity(row["text"])
        return hit, {"*"} if hit else set()
    return judge


def throughput(texts: list[str], check, passes: int = 1) -> tuple[float, float]:
    """(messages/s by this process's CPU time, best pass; messages/s by the wall clock, all passes).

    CPU time is what one core gives; the wall clock also counts time other processes
    took from that core, so on a busy machine it reads lower.
    """
    best_cpu = float("inf")
    wall = time.perf_counter()
    for _ in range(passes):
        cpu = time.process_time()
        for text in texts:
            check(text)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    wall = time.perf_counter() - wall
    return len(texts) / best_cpu, passes * len(texts) / wall


def stratified_sample(rows: list[dict], size: int) -> list[dict]:
    """Every k-th row of each (language, category), about `size` rows in all."""
    groups = defaultdict(list)
    for row in rows:
        groups[(row["lang"], row["category"] == "clean")].append(row)
    share = size / len(rows)
    sample = []
    for members in groups.values():
        step = max(1, round(1 / share))
        sample.extend(members[::step])
    return sample


def fmt(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def print_table(title: str, rows: dict) -> None:
    print(f"\n{title}")
    print(f"  {'':<11}{'precision':>10}{'recall':>9}{'FPR':>8}{'obf.rec':>9}{'unsafe':>8}{'clean':>7}")
    for name, s in rows.items():
        print(f"  {name:<11}{fmt(s['precision']):>10}{fmt(s['recall']):>9}{fmt(s['fpr']):>8}"
              f"{fmt(s['obfuscated_recall']):>9}{s['unsafe']:>8}{s['clean']:>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=400, help="better-profanity sample size")
    parser.add_argument("--passes", type=int, default=3, help="timed passes over the corpus")
    parser.add_argument("--audience", default="under13", choices=("under13", "teen", "adult"))
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    rows = load_corpus()
    started = time.perf_counter()
    warm_up()
    startup = time.perf_counter() - started

    ours = evaluate(rows, our_judge(args.audience))
    texts = [r["text"] for r in rows]
    clean_texts = [r["text"] for r in rows if r["category"] == "clean"]
    ours_rate, ours_wall = throughput(texts, lambda t: check_text(t, args.audience), args.passes)
    clean_rate, _ = throughput(clean_texts, lambda t: check_text(t, args.audience), args.passes)
    mean_chars = sum(len(r["text"]) for r in rows) / len(rows)
    by_audience = {a: evaluate(rows, our_judge(a))["overall"] for a in ("under13", "teen", "adult")}

    sample = stratified_sample(rows, args.sample)
    bp_judge = better_profanity_judge()
    bp = evaluate(sample, bp_judge)
    from better_profanity import profanity
    bp_rate, _ = throughput([r["text"] for r in sample], profanity.contains_profanity, 1)
    ours_on_sample = evaluate(sample, our_judge(args.audience))["overall"]

    print(f"Corpus: {len(rows)} messages ({ours['overall']['clean']} clean, {ours['overall']['unsafe']} unsafe), "
          f"mean {mean_chars:.0f} characters, 12 languages. Audience: {args.audience}.")
    print_table("exchange.safety.check_text, per language", ours["languages"])
    print_table("exchange.safety.check_text, per category (precision: share of verdicts naming the "
                "category that were right)", ours["categories"])
    print_table("exchange.safety.check_text, by audience (adult differs by design: adults' own "
                "contacts pass, adults asking a child's age are held)", by_audience)
    print(f"\nThroughput on one core (best of {args.passes} passes, CPU time of this process): "
          f"{ours_rate:,.0f} messages/s over the whole corpus, {clean_rate:,.0f} messages/s on the clean "
          f"classroom talk alone (the unsafe and obfuscated rows take the slower paths).")
    print(f"Wall clock over all passes: {ours_wall:,.0f} messages/s (lower when other processes share the core). "
          f"Start-up {startup:.2f} s compiles the lexicons of all twelve languages once per process.")
    print(f"\nbetter-profanity 0.7 on a stratified sample of {len(sample)} messages "
          f"(it checks about {bp_rate:,.0f} messages/s, so not the whole corpus):")
    print_table("better-profanity, per language", bp["languages"])
    print_table("side by side on that sample", {"ours": ours_on_sample, "better-prof": bp["overall"]})

    summary = {
        "corpus": {"messages": len(rows), "clean": ours["overall"]["clean"],
                   "unsafe": ours["overall"]["unsafe"], "mean_chars": round(mean_chars, 1)},
        "audience": args.audience,
        "ours": {**ours["overall"], "msgs_per_s_one_core": round(ours_rate),
                 "msgs_per_s_one_core_clean_only": round(clean_rate), "msgs_per_s_wall": round(ours_wall),
                 "startup_s": round(startup, 2),
                 "languages": ours["languages"], "categories": ours["categories"],
                 "by_audience": by_audience},
        "better_profanity": {**bp["overall"], "sample_size": len(sample), "msgs_per_s": round(bp_rate, 1),
                             "languages": bp["languages"]},
        "ours_on_same_sample": ours_on_sample,
        "aims": {"obfuscated_recall": 0.95, "clean_fpr": 0.005, "msgs_per_s": 20000},
    }
    print("\nSummary as JSON on the next line.")
    print(json.dumps(summary, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main()
