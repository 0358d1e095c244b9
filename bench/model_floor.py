"""The trained second opinion's hold threshold against recall and false holds, on lines it never trained on.

    python bench/model_floor.py [--floors 0.975,0.95,0.92,0.90] [--audience under13|adult]

Runs ``check_text`` with the model on (the path the chat server takes) over the fresh dev sets
(d4001-d9999, which scripts/train-safety-model leaves out), the short benign set and the pending
training batch (tests/data/model_training/pending, never trained on), first with the export's own
cuts, then with every category's cut for longer texts set to each floor (short texts keep theirs;
swearing is never held by the model). Prints harmful lines caught and benign lines held per set,
and the benign lines held per language with the export's cuts. Used on 2026-12-07 to lower the
floor for longer texts from 0.975 to 0.92 (README, "Forty-fourth session"); the held-out set is
not read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from exchange.safety import SafetyPolicy, check_text  # noqa: E402
from exchange.safety.model import _logit, loaded  # noqa: E402
from exchange.safety.text import warm_up  # noqa: E402
from filter import FRESH, load_set  # noqa: E402

PENDING = ROOT / "tests" / "data" / "model_training" / "pending"
ON = SafetyPolicy(second_opinion=True)


def sets() -> dict[str, list[dict]]:
    found = {name: load_set(name) for name in [*FRESH, "short"]}
    found["pending"] = [
        json.loads(line)
        for path in sorted(PENDING.glob("*.jsonl"))
        for line in path.open(encoding="utf-8")
        if line.strip()
    ]
    return found


def score(rows: list[dict], audience: str) -> tuple[int, int, int, int, Counter[str]]:
    """Harmful caught, harmful, benign held, benign, and benign held per language."""
    caught = harmful = held = benign = 0
    by_lang: Counter[str] = Counter()
    for row in rows:
        if row["label"] == "pii":
            continue  # contact details are the rules' alone
        flagged = check_text(row["text"], audience, policy=ON).action != "allow"
        if row["label"] == "benign":
            benign += 1
            held += flagged
            by_lang[row["lang"]] += flagged
        else:
            harmful += 1
            caught += flagged
    return caught, harmful, held, benign, by_lang


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floors", default="0.975,0.95,0.92,0.90")
    parser.add_argument("--audience", default="under13", choices=("under13", "teen", "adult"))
    args = parser.parse_args()
    warm_up()
    model = loaded()
    if model is None:
        raise SystemExit("No second opinion is shipped (exchange/safety/model/second_opinion.tsv.gz).")
    shipped = dict(model.thresholds)
    data = sets()
    rows = [("export's cuts", shipped)]
    for floor in (float(f) for f in args.floors.split(",")):
        rows.append((f"all cuts {floor:.3f}", {c: (1.0 if t >= 1.0 else floor) for c, t in shipped.items()}))
    print(f"audience {args.audience}; export's cuts for longer texts: {shipped}")
    print("cuts | " + " | ".join(f"{name} harmful caught / benign held" for name in data))
    for label, thresholds in rows:
        model.thresholds.clear()
        model.thresholds.update(thresholds)
        model.gate_floor = _logit(min([*thresholds.values(), *model.short_thresholds.values()]))
        cells, langs = [], Counter()
        for rows_of_set in data.values():
            caught, harmful, held, benign, by_lang = score(rows_of_set, args.audience)
            cells.append(f"{caught}/{harmful} · {held}/{benign}")
            langs += by_lang
        print(f"{label} | " + " | ".join(cells))
        if thresholds is shipped:
            print("  benign held per language: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items()) if v))
    model.thresholds.clear()
    model.thresholds.update(shipped)
    model.gate_floor = _logit(model.lowest)


if __name__ == "__main__":
    main()
