"""Harm a pupil quotes to an adult to ask for help is a report, not the pupil's own threat
(`speech.reported_harm`): delivered with a note the message path turns into a flag. Fictional lines
written for these tests; the evaluation sets are never copied here."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

REPORTS = [
    "Sir, a boy in year 8 messaged me 'you're dead on Monday', I screenshotted it, what should I do?",
    "Frau Brandt, jemand hat unter mein Video geschrieben 'bring dich um', was soll ich machen?",
    "Profe, me escribieron por el grupo 'te vamos a reventar', me da miedo ir mañana",
    "Madame, un garçon m'a écrit « je vais te frapper à la sortie », je fais quoi ?",
    "Prof, mi hanno scritto 'ammazzati' sotto la foto della gita, ci sto male",
    "Professora, alguém comentou 'se mata' no meu desenho, o que eu faço?",
    "先生、知らない人から「明日ぶっ殺す」って来ました…怖いです",
    'Mwalimu, Juma ameniandikia "kesho nitakuchapa" naogopa sana',
]

STILL_HELD = [
    "Jake wrote 'you're dead on Monday'",  # passed on to its target: no appeal to an adult
    "Miss, I'm going to stab you after school",  # the writer's own threat, unquoted
    "Sir, what do I do, I'll kill you 'lol'",  # the quotation holds no harm; the threat is outside it
    "Miss, he wrote 'send me a photo in your pyjamas', what do I do?",  # a grooming line is never a report
]


@pytest.mark.parametrize("text", REPORTS)
def test_a_report_is_delivered_with_a_note_that_asks_for_a_reader(text):
    verdict = check_text(text, audience="under13")
    assert verdict.action == "allow", verdict
    assert verdict.reports_harm and all(r.rule.startswith("reported:") for r in verdict.reasons)
    assert verdict.text == text  # delivered whole: the teacher reads what was written to the pupil


@pytest.mark.parametrize("text", STILL_HELD)
def test_harm_that_is_not_a_report_stays_caught(text):
    verdict = check_text(text, audience="under13")
    assert verdict.action in ("hold", "block"), verdict
    assert not verdict.reports_harm
