"""Slur-free hate and grooming questions in ko, tr, pl, nl, sv, fi, id, vi, uk, nb.

Examples written for this test (not copied from the dev or held-out sets): a hateful
generalisation about a group must be blocked, the same group named respectfully must pass;
a question about a child's age or room must be held.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text

# (lang, hateful generalisation, the same group named respectfully)
HATE = [
    ("sv", "flyktingar är kackerlackor", "flyktingar är välkomna i vår stad"),
    ("nb", "muslimene er rotter", "muslimene feirer eid i dag"),
    ("nl", "migranten moeten terug", "migranten leren nederlands op school"),
    ("pl", "uchodźcy to szczury", "uchodźcy mieszkają w naszym mieście"),
    ("fi", "pakolaiset on rottia", "pakolaiset oppii suomea koulussa"),
    ("tr", "göçmenler asalaktır", "göçmenler hakkında sunum hazırlıyoruz"),
    ("ko", "난민들은 다 범죄자", "난민에 대한 발표 준비하자"),
    ("vi", "người nhập cư toàn là ăn cắp", "người nhập cư đóng góp cho kinh tế"),
    ("uk", "біженці — щури", "біженці живуть у нашому місті"),
    ("id", "pendatang itu sampah", "pendatang baru di kelas kita namanya Sari"),
]

# (lang, a question about the reader's age, school or room; held whoever asks)
PERSONAL = [
    ("sv", "har du eget rum? hur gammal är du?"),
    ("nb", "hvor gammel er du egentlig?"),
    ("nl", "heb je een eigen kamer?"),
    ("pl", "ile masz lat?"),
    ("fi", "onks sulla oma huone?"),
    ("tr", "kaç yaşındasın?"),
    ("vi", "em bao nhiêu tuổi?"),
    ("uk", "скільки тобі років?"),
    ("id", "kamu punya kamar sendiri?"),
]


@pytest.mark.parametrize(("lang", "hateful", "respectful"), HATE, ids=[c[0] for c in HATE])
def test_slur_free_hate_is_blocked_and_the_group_named_respectfully_is_not(lang, hateful, respectful):
    verdict = check_text(hateful, audience="under13")
    assert verdict.action == "block", (hateful, verdict)
    assert "hate" in {r.category for r in verdict.reasons}, hateful
    assert check_text(respectful, audience="under13").action == "allow", respectful


@pytest.mark.parametrize(("lang", "question"), PERSONAL, ids=[c[0] for c in PERSONAL])
def test_questions_about_age_school_or_room_are_held(lang, question):
    assert check_text(question, audience="adult").action == "hold", question
