"""The trained second opinion must not hold ordinary lines (issue 15, point 7): with the model on,
short everyday lines stay allowed, and so do the look-alikes the rules' tests pin, but for a few the
model is known to hold (``KNOWN_HELD``), never blocked or masked.

The look-alikes are adversarial: each was written to share words with a harmful line, many because an
earlier model or rule held them. Since 2026-12-07 the model holds longer texts from 0.92 on (it was
0.975, the lowest floor at which every one of them passed): on the 2,833 benign lines of the fresh dev
sets and the short set (used to choose it) the lower floor holds no more, on 600 benign lines written
afterwards one more, and it catches 44 more of 1,951 abusive, 27 of 745 self-harm and 32 of 759
threatening fresh lines (README, "Forty-fourth session"). It holds 5 of the 277 pinned look-alikes.

The look-alike lists are the tuners' (tuning*.py) and the fold tests'; the everyday lines below are
written for this test (fictional, in 16 languages) and are not in the model's training data
(tests/data/model_training/short_everyday.tsv holds other lines of the same kinds).
"""

from __future__ import annotations

import gzip

import pytest
import test_false_alarms_folds
import test_reports_keys_and_scripts
import tuning2_western
import tuning2_world
import tuning3_western
import tuning3_world
import tuning_western

from exchange.safety import SafetyPolicy, check_text
from exchange.safety.model import CATEGORIES, Model, loaded
from exchange.safety.normalize import Folded

ON = SafetyPolicy(second_opinion=True)

LOOK_ALIKES = (
    tuning_western.BENIGN
    + tuning2_western.BENIGN
    + tuning2_world.BENIGN
    + tuning3_western.BENIGN
    + tuning3_world.BENIGN
    + test_false_alarms_folds.BENIGN
    + [("mixed", text) for text in test_reports_keys_and_scripts.LOOK_ALIKES_OF_THREATS]
)

EVERYDAY = [
    ("en", "my tablet died lol"),
    ("en", "you're so sweet, thanks a lot"),
    ("en", "i'm gonna die of boredom in maths"),
    ("en", "can u send me ur notes"),
    ("en", "brb dinner"),
    ("es", "se me apagó la tablet"),
    ("es", "qué majo eres, gracias"),
    ("fr", "ma tablette s'est éteinte"),
    ("fr", "trop sympa, merci beaucoup"),
    ("de", "mein Tablet ist aus"),
    ("de", "danke dir, echt süß"),
    ("pt", "meu tablet desligou"),
    ("it", "mi si è spento il tablet"),
    ("nl", "mijn tablet is uitgevallen"),
    ("pl", "rozładował mi się tablet"),
    ("ru", "планшет разрядился"),
    ("tr", "tabletimin şarjı bitti"),
    ("ar", "الآيباد فصل شحن"),
    ("hi", "mera tablet off ho gaya"),
    ("zh", "平板没电了"),
    ("ja", "タブレットの電池切れた"),
    ("sw", "tablet yangu imezima"),
    # Held as violence before the retraining of 2026-12-04 (README): ordinary Swedish and Norwegian.
    ("sv", "Var är du?"),
    ("sv", "Var är skolan?"),
    ("sv", "Skolan vår"),
    ("nb", "Vår skolegård"),
    ("nb", "Vår skolegård om vinteren"),
]


# The pinned look-alikes the export of 2026-12-07 holds (its floor for longer texts went from 0.975 to 0.92; README,
# "Forty-fourth session"): each waits until a moderator has read it. A retrained export that holds another one, or
# none of these, fails below; change this list only after reading what the model holds and why.
KNOWN_HELD = frozenset(
    {
        "ich weiß wo die turnhalle ist",  # the gym is where many training threats are set
        "a gente vai te pegar na escola às cinco",  # "we will pick you up" reads as "we will get you"
        "eres muy alta para tu edad",
        "no lo metas en el horno todavía",
        "ladkiyon ka dimaag bhi utna hi tez hai jitna ladkon ka",
    }
)


@pytest.mark.parametrize(("lang", "text"), LOOK_ALIKES + EVERYDAY)
def test_look_alikes_and_everyday_lines_stay_allowed_with_the_model_on(lang: str, text: str) -> None:
    """Delivered; the few known to be held are held by the model alone, never blocked or masked."""
    verdict = check_text(text, "under13", policy=ON)
    if text not in KNOWN_HELD:
        assert verdict.action == "allow", (lang, text, [r.rule for r in verdict.reasons])
        return
    acting = [r for r in verdict.reasons if r.action != "allow"]
    assert verdict.action == "hold", (lang, text, verdict.action)
    assert acting and all(r.rule.startswith("model:") and r.action == "hold" for r in acting), (lang, text, acting)
    assert check_text(text, "under13", policy=SafetyPolicy(second_opinion=False)).action == "allow"


def test_the_known_held_look_alikes_are_few_pinned_look_alikes():
    assert KNOWN_HELD <= {text for _, text in LOOK_ALIKES}
    assert len(KNOWN_HELD) <= 0.02 * len(LOOK_ALIKES)  # 5 of 277


def test_the_model_never_holds_for_swearing_alone():
    model = loaded()
    assert model is not None and model.thresholds["profanity"] == 1.0
    teen = check_text("that was shit", "teen", policy=ON)  # the word lists mask it; no hold on top
    assert teen.action == "redact" and teen.text == "that was ****"


def _export(tmp_path, short_grams: int) -> Model:
    """A tiny export whose gate is sure of 'zzz': long texts need 0.9, short ones 0.99."""
    lines = [
        "# test export",
        "orders\t3",
        "gate_bias\t0",
        "category_bias\t" + "\t".join("1" if c == "bullying" else "0" for c in CATEGORIES),
        f"short_grams\t{short_grams}",
        *(f"threshold\t{c}\t0.9\t0.99" for c in CATEGORIES),
        "gram\tgate\t" + "\t".join(CATEGORIES),
        "zzz\t6" + "\t" * len(CATEGORIES),
    ]
    path = tmp_path / "tiny.tsv.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return Model(path)


def test_short_texts_are_held_only_above_their_own_threshold(tmp_path):
    model = _export(tmp_path, short_grams=20)
    short, longer = "zzz zzz", "zzz and then a few more ordinary words"  # two words: one is left to the rules
    seen = model.opinion(Folded(short).skeleton)
    assert seen is not None and 0.9 < seen.probability < 0.99 and not seen.held  # sigmoid(6/sqrt(3)) = 0.97
    assert model.opinion(Folded(longer).skeleton) is None  # diluted below every threshold
    assert _export(tmp_path, short_grams=0).opinion(Folded(short).skeleton).held  # one set: 0.9 applies


def test_one_word_in_a_spaced_script_is_left_to_the_word_lists(tmp_path):
    """A single word ("User", a surname) is not the model's to judge; scripts written without spaces are."""
    model = _export(tmp_path, short_grams=0)
    assert model.opinion(Folded("zzz").skeleton) is None
    assert model.opinion(Folded("zzz zzz").skeleton).held
    assert check_text("User", "under13", policy=ON).action == "allow"  # was held as bullying
