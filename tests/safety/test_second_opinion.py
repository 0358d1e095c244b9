"""The trained second opinion (exchange/safety/model.py, issue 15 point 7): loads, holds, never blocks.

Lines here are our own, written for these tests (not from any evaluation set). The export
test trains on a small sample twice and needs scikit-learn (the ``train`` extra): it is
skipped where that is not installed.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exchange.safety import SafetyPolicy, check_text
from exchange.safety import text as text_module
from exchange.safety.model import CATEGORIES, MODEL_FILE, Model, Opinion, grams, loaded
from exchange.safety.normalize import Folded

ROOT = Path(__file__).resolve().parents[2]
ON = SafetyPolicy(second_opinion=True)  # off unless the deployment turns it on: see the README


def opinion(text: str):
    model = loaded()
    assert model is not None
    return model.opinion(Folded(text).skeleton)


def test_the_export_loads_with_its_header_and_thresholds():
    model = loaded()
    assert model is not None and MODEL_FILE.stat().st_size < 3_000_000
    assert any("trained" in line and "d0001-d3999 and d10001+" in line for line in model.header)
    assert set(model.thresholds) == set(CATEGORIES)
    assert all(0.5 <= t <= 1.0 for t in model.thresholds.values())
    assert model.orders == (1, 2, 3, 4, 5) and len(model.gate) > 1000


@pytest.mark.parametrize(
    "text, category",
    [
        ("delete our messages so ur parents dont see them ok?", "grooming"),
        ("come to my house alone, don't tell your mom, i'll give you robux", "grooming"),
        ("you are a freak, nobody wants you here", "bullying"),
        ("eres un inútil, nadie te quiere aquí", "bullying"),
        ("nobody would miss me if i was gone, i'm done with everything", "self_harm"),
        # the export of 2026-12-06 puts "watch your back, i'll beat you up after school" at 0.964, under its
        # 0.975 floor; the rules block that line (test below)
        ("i'm gonna beat you up after school", "violence"),
        ("send nudes", "sexual"),
    ],
)
def test_obvious_lines_are_named_and_held_by_the_model(text, category):
    seen = opinion(text)
    assert seen is not None and seen.held and seen.category == category


def test_the_threat_the_model_now_doubts_is_blocked_by_the_rules():
    assert check_text("watch your back, i'll beat you up after school", audience="under13").action != "allow"


class Sure:
    """A stand-in model that is sure of one category, to test the wiring into check_text."""

    def __init__(self, category: str):
        self.category = category

    def opinion(self, skeleton: str) -> Opinion:
        return Opinion(self.category, 0.99, True)


def test_what_the_rules_let_through_is_held_with_the_models_rule(monkeypatch):
    monkeypatch.setattr(text_module, "loaded_model", lambda: Sure("grooming"))
    text = "we planted beans today"
    assert check_text(text, audience="under13", policy=SafetyPolicy(second_opinion=False)).action == "allow"
    verdict = check_text(text, audience="under13", policy=ON)
    assert verdict.action == "hold" and verdict.text == text  # held, never masked
    (reason,) = verdict.reasons
    assert (reason.category, reason.rule, reason.action, reason.span) == ("grooming", "model:grooming", "hold", (0, 22))


def test_the_model_never_blocks_and_adults_are_held_only_for_the_serious_categories(monkeypatch):
    monkeypatch.setattr(text_module, "loaded_model", lambda: Sure("profanity"))
    assert check_text("we planted beans today", audience="teen", policy=ON).action == "hold"
    assert check_text("we planted beans today", audience="adult", policy=ON).action == "allow"
    monkeypatch.setattr(text_module, "loaded_model", lambda: Sure("self_harm"))
    assert check_text("we planted beans today", audience="adult", policy=ON).action == "hold"
    # what the rules already hold or block keeps their verdict: the model is not asked
    for text in ("kill yourself", "you are a fucking idiot"):
        ruled = check_text(text, audience="under13")
        assert ruled.action in ("hold", "block") and check_text(text, audience="under13", policy=ON) == ruled


@pytest.mark.parametrize(
    "text",
    [
        "can everyone upload a photo of their bean plant by Friday?",
        "we won the football match 3-1, see you at lunch",
        "Qué bonito tu dibujo del volcán, ¿lo terminamos mañana?",
        "明天的数学作业是第五页",
        "Kesho tutaenda kwenye maktaba na mwalimu",
        "Привет! Завтра мы рисуем карту нашего города",
    ],
)
def test_benign_classroom_lines_are_allowed(text):
    verdict = check_text(text, audience="under13", policy=ON)
    assert verdict.action == "allow", verdict.reasons
    seen = opinion(text)
    assert seen is None or not seen.held


@pytest.mark.parametrize("text", ["", "   ", "😂😂😂🎉", "🙂" * 5000, "a" * 100_000, "word " * 20_000])
def test_odd_texts_are_safe_and_fast_for_the_model(text):
    model = loaded()
    assert model is not None
    seen = model.opinion(Folded(text).skeleton)  # the model reads at most model.MAX_CHARS
    assert seen is None or seen.category in CATEGORIES
    if text.strip():
        assert 0.0 <= model.probability(Folded(text).skeleton) <= 1.0


def test_check_text_on_empty_and_emoji_only_texts():
    assert check_text("", audience="under13", policy=ON).action == "allow"
    assert check_text("😂😂😂🎉", audience="under13", policy=ON).action == "allow"
    long = "we planted beans and measured them every day for the science fair. " * 60
    assert check_text(long, audience="under13", policy=ON).action == "allow"


def test_grams_are_distinct_and_padded():
    found = grams("ab  ab", (1, 2))
    assert found == {"a", "b", " a", "ab", "b "}  # the lone space, in every text, says nothing
    assert grams("", (3,)) == set()


def test_the_model_is_off_unless_the_deployment_or_a_policy_turns_it_on(monkeypatch):
    from exchange.safety import use_model

    monkeypatch.setattr(text_module, "_MODEL_ON", [False])  # as before any app set it (an app does)
    monkeypatch.setattr(text_module, "loaded_model", lambda: Sure("grooming"))
    text = "we planted beans today"

    def model_held(policy):
        return any(r.rule.startswith("model:") for r in check_text(text, audience="under13", policy=policy).reasons)

    assert not model_held(None) and not model_held(SafetyPolicy(allow_words=frozenset({"beans"})))
    assert model_held(ON)
    use_model(True)  # EXCHANGE_SAFETY_MODEL=on (the default): every policy that does not say
    assert model_held(None) and model_held(SafetyPolicy())
    assert not model_held(SafetyPolicy(second_opinion=False))  # a policy says it for itself


def test_a_server_reads_the_model_at_start_up_when_the_deployment_has_it_on(monkeypatch):
    """warm_up (called by `exchange serve`) reads the export, so a pupil's first message does not wait
    about a second for it (the flood bench's first ack took 1.3 s before)."""
    from exchange.safety import model as model_module
    from exchange.safety.text import warm_up

    monkeypatch.setattr(model_module, "_LOADED", [])  # as in a fresh process
    monkeypatch.setattr(text_module, "_MODEL_ON", [False])
    warm_up()
    assert model_module._LOADED == []  # off: never read
    monkeypatch.setattr(text_module, "_MODEL_ON", [True])
    warm_up()
    assert model_module._LOADED and model_module._LOADED[0] is not None


def test_a_deployment_has_the_model_on_unless_it_says_off():
    from exchange.config import load_config

    assert load_config({})["SAFETY_MODEL"] is True
    assert load_config({"EXCHANGE_SAFETY_MODEL": "off"})["SAFETY_MODEL"] is False


@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None, reason="needs the train extra (scikit-learn)")
def test_the_export_is_deterministic(tmp_path):
    outs = []
    for name in ("one", "two"):
        out = tmp_path / f"{name}.tsv.gz"
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "train-safety-model"), "--date", "2000-01-01"]
            + ["--sample", "25", "--folds", "3", "--out", str(out)],
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    model = Model(tmp_path / "one.tsv.gz")
    assert any("2000-01-01" in line for line in model.header)


class Fairly:
    """A stand-in model that holds one category at a given probability (its export's cut is lower)."""

    def __init__(self, category: str, probability: float):
        self.category, self.probability = category, probability

    def opinion(self, skeleton: str) -> Opinion:
        return Opinion(self.category, self.probability, True)


def test_an_adults_message_is_held_only_from_the_adult_floor(monkeypatch):
    """The export holds longer texts from 0.92 (2026-12-07, measured on pupils' lines); an adult's message,
    such as a teacher's safeguarding note, still needs 0.975 (model.ADULT_FLOOR)."""
    text = "if you ever feel like hurting yourself, come and talk to me"
    monkeypatch.setattr(text_module, "loaded_model", lambda: Fairly("self_harm", 0.95))
    assert check_text(text, audience="adult", policy=ON).action == "allow"
    assert check_text(text, audience="under13", policy=ON).action == "hold"
    monkeypatch.setattr(text_module, "loaded_model", lambda: Fairly("self_harm", 0.98))
    assert check_text(text, audience="adult", policy=ON).action == "hold"


def test_a_deployment_can_raise_the_models_floor(monkeypatch):
    """EXCHANGE_SAFETY_MODEL_FLOOR=0.975 gives back the cuts before 2026-12-07: no hold below it."""
    from exchange.safety import use_model

    monkeypatch.setattr(text_module, "_MODEL_ON", [False])
    monkeypatch.setattr(text_module, "_MODEL_FLOOR", [None])
    monkeypatch.setattr(text_module, "loaded_model", lambda: Fairly("violence", 0.95))
    use_model(True)
    assert check_text("we planted beans today", audience="under13").action == "hold"
    use_model(True, floor=0.975)
    assert check_text("we planted beans today", audience="under13").action == "allow"
    monkeypatch.setattr(text_module, "loaded_model", lambda: Fairly("violence", 0.99))
    assert check_text("we planted beans today", audience="under13").action == "hold"


@pytest.mark.parametrize("value", ["0.4", "1.5", "high", "0,95"])
def test_a_floor_that_is_no_probability_stops_the_start_with_a_sentence(value):
    from exchange.config import load_config

    with pytest.raises(SystemExit, match="EXCHANGE_SAFETY_MODEL_FLOOR must be a number from 0.5 to 1.0"):
        load_config({"EXCHANGE_SAFETY_MODEL_FLOOR": value})
    assert load_config({"EXCHANGE_SAFETY_MODEL_FLOOR": "0.975"})["SAFETY_MODEL_FLOOR"] == 0.975
    assert load_config({})["SAFETY_MODEL_FLOOR"] is None
