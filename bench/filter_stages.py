"""CPU time of each stage of check_text over a set's texts (dev or old), best of N passes.

    python bench/filter_stages.py [--set dev|old] [--passes N] [--calls]

Prints microseconds per message for: folding (Folded), the lexicon scan of the skeleton
(Lexicon.hits), all lexicon views (text._lexicon_findings), personal data (find_pii) and
the whole check_text, so a speed change can be seen where it lands.

``--calls`` then runs check_text once more with the split matcher's regex calls
(``dispatch.Split``) timed one by one: calls per message, µs per call and the share of the
time per caller (the word-start scan, ``overlapping``'s longer and inner matches, letters
typed apart...), and the share taken by the slowest 1 % of calls. Timing each call costs
time of its own: compare these figures with each other, not with the lines above.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from exchange.safety import check_text, dispatch  # noqa: E402
from exchange.safety.lexicon import lexicon_for  # noqa: E402
from exchange.safety.normalize import Folded  # noqa: E402
from exchange.safety.pii import find_pii, regions_for  # noqa: E402
from exchange.safety.text import _lexicon_findings, warm_up  # noqa: E402
from filter import load_set  # noqa: E402


def best(fn, items, passes: int) -> float:
    times = []
    for _ in range(passes):
        started = time.process_time()
        for item in items:
            fn(item)
        times.append(time.process_time() - started)
    return min(times) / len(items) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="dev", choices=("dev", "old"))
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--calls", action="store_true", help="time the split matcher's regex calls by caller")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    warm_up()
    texts = [row["text"] for row in load_set(args.set)]
    lexicon = lexicon_for(None)
    regions = regions_for(None)
    folded = [Folded(t) for t in texts]
    skeletons = [f.skeleton for f in folded]
    stages = {
        "Folded": lambda t: Folded(t),
        "hits(skeleton)": lexicon.hits,
        "_lexicon_findings": lambda f: _lexicon_findings(f, lexicon, None),
        "find_pii": lambda f: find_pii(f, regions, False),
        "check_text": lambda t: check_text(t, audience="under13"),
    }
    inputs = {"Folded": texts, "hits(skeleton)": skeletons, "check_text": texts}
    for name, fn in stages.items():
        us = best(fn, inputs.get(name, folded), args.passes)
        print(f"{name:20s} {us:8.1f} µs/msg")
    print(f"check_text: {1e6 / us:,.0f} msg/s")
    if args.calls:
        split_calls(texts)


def split_calls(texts: list[str]) -> None:
    """Each regex call of ``dispatch.Split`` during one check_text pass, timed, by caller."""
    plain = dispatch.Split._first
    spent: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    each: list[float] = []

    def timed(self, view, pos, endpos, full):  # type: ignore[no-untyped-def]
        frame = sys._getframe(2)  # the caller of Split.match / fullmatch
        where = f"{frame.f_code.co_name}:{frame.f_lineno}" + (" (full)" if full else "")
        started = time.perf_counter()
        found = plain(self, view, pos, endpos, full)
        took = time.perf_counter() - started
        spent[where] += took
        calls[where] += 1
        each.append(took)
        return found

    dispatch.Split._first = timed  # type: ignore[method-assign]
    try:
        for text in texts:
            check_text(text, audience="under13")
    finally:
        dispatch.Split._first = plain  # type: ignore[method-assign]
    total = sum(spent.values())
    n = len(texts)
    print(f"\nsplit matcher: {sum(calls.values()) / n:.1f} calls/msg, {total / n * 1e6:.1f} µs/msg timed")
    for where, seconds in spent.most_common():
        print(
            f"  {where:28s} {calls[where] / n:5.2f} calls/msg {seconds / calls[where] * 1e6:7.2f} µs/call "
            f"{seconds / total:6.1%} of the time"
        )
    each.sort(reverse=True)
    slowest = each[: max(1, len(each) // 100)]
    print(f"  slowest 1 % of calls: {sum(slowest) / total:.1%} of the time (from {slowest[-1] * 1e6:.1f} µs a call)")


if __name__ == "__main__":
    main()
