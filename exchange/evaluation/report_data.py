"""The records behind the public safety report: flags and vetting decisions, read as plain facts
for `safety_report.figures`, and the filter's measured figures from the evaluation bench.

The filter's figures are measured, not computed live: `bench/filter.py --set independent --json`
runs the content filter over `tests/data/independent_eval` (material written by people who never
saw the filter) and its output is kept in `filter_report.json` beside this module.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

from sqlalchemy import func, select

from ..db import db
from ..moderation.models import Flag
from ..vetting.models import VettingRecord, VettingTransition
from .safety_report import FlagFact, VettingFact

log = logging.getLogger("exchange.evaluation")
FILTER_REPORT = Path(__file__).resolve().parent / "filter_report.json"
CATEGORIES = ("abuse", "grooming", "self_harm", "violence", "pii")


def flag_facts() -> list[FlagFact]:
    rows = db.session.execute(select(Flag.created_at, Flag.resolved_at, Flag.category, Flag.source, Flag.status)).all()
    return [FlagFact(*row) for row in rows]


def vetting_facts() -> list[VettingFact]:
    rows = db.session.execute(select(VettingTransition.at, VettingTransition.after)).all()
    return [VettingFact(*row) for row in rows]


def verified_now() -> int:
    return int(db.session.scalar(select(func.count(VettingRecord.id)).where(VettingRecord.state == "verified")) or 0)


@lru_cache(maxsize=1)
def filter_figures() -> dict | None:
    """Per language: recall per category and the false-positive rate on ordinary messages; None
    when the file is missing or unreadable (the page then says the figures are not available)."""
    try:
        data = json.loads(FILTER_REPORT.read_text(encoding="utf-8"))
        measured = data["sets"]["independent"]
        languages = [*measured["languages"], "all"]
        return {
            "date": data["date"],
            "audience": data["audience"],
            "messages": measured["messages"],
            "rows": [
                {
                    "language": lang,
                    **{c: measured["recall"][lang].get(c) for c in CATEGORIES},
                    "fpr": measured["benign_fpr"][lang],
                }
                for lang in languages
            ],
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("safety report: filter figures unavailable (%s)", type(exc).__name__)
        return None
