"""bench/filter.py runs on the dev set and reports every language and category (not their values): on a sample of
three lines of each language and label, as the report's shape is the same for every line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "dev_set"
LABELS = ("profanity", "bullying", "hate", "sexual", "grooming", "self_harm", "violence", "pii")


def test_bench_filter_json_has_every_language_and_category_of_the_dev_set():
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "filter.py"), "--set", "dev", "--json", "--passes", "1", "--sample", "3"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout)
    dev = report["sets"]["dev"]
    langs = sorted(p.stem for p in DEV.glob("*.jsonl"))
    assert len(langs) >= 20
    assert dev["languages"] == langs
    assert set(report["sets"]) == {"dev"}
    for lang in [*langs, "all"]:
        assert set(dev["recall"][lang]) >= {*LABELS, "abuse"}, lang
        assert lang in dev["benign_fpr"], lang
    assert {"phone", "email", "address", "handle", "iban"} <= set(dev["pii_kinds"])
    assert "all" in dev["phone_digits_visible"]
    assert dev["msgs_per_s_one_core"] > 0
    figures = {(c["lang"], c["figure"]) for c in dev["checks"]}
    assert {(lang, "abuse") for lang in langs} <= figures
    serious = {
        (lang, label) for lang in ("en", "es", "fr", "de", "pt") for label in ("grooming", "self_harm", "violence")
    }
    assert serious <= figures
    assert ("all", "msgs_per_s_one_core") in figures
