"""The labelled corpus: quality thresholds of the filter, and the corpus is reproducible."""

from __future__ import annotations

import csv
import runpy
from collections import Counter
from pathlib import Path

import pytest

from exchange.safety import check_text
from exchange.safety.lexicon import ABUSE_CATEGORIES

CORPUS_DIR = Path(__file__).resolve().parents[1] / "data" / "safety_corpus"
LINKS = {"link", "pii_invite", "pii_location"}


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    with open(CORPUS_DIR / "corpus.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def caught(row: dict, audience: str) -> bool:
    verdict = check_text(row["text"], audience)
    acted = {r.category for r in verdict.reasons if r.action != "allow"}
    label = row["category"]
    if label == "clean":
        return verdict.action != "allow"
    if label in ABUSE_CATEGORIES:
        return verdict.action != "allow" and bool(acted & set(ABUSE_CATEGORIES))
    if label == "pii":
        return any(c.startswith("pii_") for c in acted)
    return bool(acted & LINKS)


def test_corpus_shape(corpus):
    clean = Counter(r["lang"] for r in corpus if r["category"] == "clean" and r["variant"] == "plain")
    assert len(clean) == 12 and min(clean.values()) >= 150, clean
    obfuscated = Counter(r["variant"] for r in corpus if r["category"] != "clean" and r["variant"] != "plain")
    assert sum(obfuscated.values()) >= 2000 and len(obfuscated) >= 10


@pytest.mark.parametrize("audience", ["under13", "teen"])
def test_students_get_at_most_half_a_percent_false_positives_on_clean_talk(corpus, audience):
    clean = [r for r in corpus if r["category"] == "clean"]
    flagged = [r["text"] for r in clean if caught(r, audience)]
    assert len(flagged) / len(clean) <= 0.005, flagged[:10]


@pytest.mark.parametrize("audience", ["under13", "teen"])
def test_recall_on_obfuscated_abuse_is_at_least_95_percent(corpus, audience):
    obfuscated = [r for r in corpus if r["category"] != "clean" and r["variant"] != "plain"]
    missed = [(r["lang"], r["variant"], r["text"]) for r in obfuscated if not caught(r, audience)]
    recall = (len(obfuscated) - len(missed)) / len(obfuscated)
    assert recall >= 0.95, missed[:10]


def test_every_language_and_category_is_caught_at_least_nine_times_in_ten(corpus):
    unsafe = [r for r in corpus if r["category"] != "clean"]
    totals, hits = Counter(), Counter()
    for r in unsafe:
        for key in (r["lang"], r["category"]):
            totals[key] += 1
            hits[key] += caught(r, "teen")
    weak = {k: round(hits[k] / totals[k], 3) for k in totals if hits[k] / totals[k] < 0.9}
    assert not weak


def test_corpus_file_is_what_the_generator_writes():
    generator = runpy.run_path(str(CORPUS_DIR / "generate.py"))  # not run as __main__: writes nothing
    rows = generator["clean_messages"]() + generator["abusive_messages"]()
    with open(CORPUS_DIR / "corpus.tsv", encoding="utf-8", newline="") as f:
        stored = [tuple(row) for row in csv.reader(f, delimiter="\t")][1:]
    assert stored == [tuple(r) for r in rows]
