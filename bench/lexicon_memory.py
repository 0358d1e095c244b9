"""Resident memory of one process for the content filter's compiled word lists.

    python bench/lexicon_memory.py

Every server process loads the compiled lexicons once (``exchange.safety.text.warm_up``, from
the regex cache when this machine built them before: run it twice, the first run compiles).
Prints the process's resident memory (VmRSS, Linux) after the import, after ``warm_up``, and
after the first checked message, with the number of lexicon entries and the compiled code of
the matchers: the figure a district multiplies by its processes.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def resident_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main() -> None:
    from exchange.safety import check_text
    from exchange.safety.lexicon import lexicon_for
    from exchange.safety.text import warm_up

    print(f"after import: {resident_mb():,.0f} MB")
    started = time.perf_counter()
    warm_up()
    took = time.perf_counter() - started
    print(f"after warm_up: {resident_mb():,.0f} MB ({took:.1f} s)")
    check_text("hello from our partner class")
    print(f"after the first message: {resident_mb():,.0f} MB")
    whole = lexicon_for(None)
    print(f"lexicon entries: {len(whole.entries):,}")
    code = 0
    for split in (whole._pattern, whole._relaxed):  # noqa: SLF001 - a bench reads the insides
        if split is not None:
            patterns = {id(p): p for plan in [*split._plans.values(), split._other] for p, _ in plan}  # noqa: SLF001
            code += sum(p.__sizeof__() for p in patterns.values())
    print(f"compiled word-start and letters-apart matchers: {code / 2**20:,.0f} MB")


if __name__ == "__main__":
    main()
