"""CPU time of each stage of check_text over a set's texts (dev or old), best of N passes.

    python bench/filter_stages.py [--set dev|old] [--passes N]

Prints microseconds per message for: folding (Folded), the lexicon scan of the skeleton
(Lexicon.hits), all lexicon views (text._lexicon_findings), personal data (find_pii) and
the whole check_text, so a speed change can be seen where it lands.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from exchange.safety import check_text  # noqa: E402
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


if __name__ == "__main__":
    main()
