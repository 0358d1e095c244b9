"""Phrasings a third fresh helper batch (2026-12-06, dev lines d25001+) showed, in general form.

False alarms on classroom talk: a suicide-prevention poster, an anti-bullying week quoting what must
never be said, a class outing's meeting point, a breeder's word for a female dog, friends' banter
beside "bestie" or "happy birthday", "piscina" read as a Turkish slur before an Indonesian identity
term, Italian "mosse" (moves) read as a German word, "zu dritt" as Norwegian, "je suis crevé". Missed:
abuse with a pictograph typed inside the word ("bi🤡tch"), abuse in Swahili, Hindi, Arabic, Chinese,
German and Russian, German self-harm, French threats in chat spelling, and a child telling where
they can be found at a habitual time, or that the parents are away. Each phrasing here differs from
the dev lines; the look-alikes beside them stay allowed.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text, category",
    [
        # a breeder's word only about a dog; a heart alone is no banter
        ("ur such a bitch, go have puppies", "profanity"),
        ("ur so dumb nobody likes you ❤️", "bullying"),
        # a pictograph inside the word
        ("ur such a bi🤡tch honestly", "profanity"),
        # abuse
        ("wewe ni fala kabisa, toka hapa", "bullying"),
        ("kila mtu darasani anakuchukia", "bullying"),
        ("tu kisi kaam ka nahi hai yaar", "bullying"),
        ("teri aukaat nahi hai yahan baithne ki", "bullying"),
        ("ما حدا بدو ياك بالشلة", "bullying"),
        ("谁拉你进来的 赶紧退群", "bullying"),
        ("wer hat dich hier eingeladen, echt jetzt", "bullying"),
        ("кому ты вообще нужен в этом чате", "bullying"),
        ("москали опять всё испортили", "hate"),
        # German self-harm
        ("ich bin für alle nur eine last", "self_harm"),
        ("wenns so bleibt häng ich mich auf", "self_harm"),
        ("du solltest dich echt umbringen", "self_harm"),
        ("ritz mir wieder in die arme, merkt eh keiner", "self_harm"),
        # French threats as typed in chat
        ("jvé te défigurer toi", "violence"),
        ("on va te coincer à la sortie", "violence"),
        ("g un couteau dans mon sac demain", "violence"),
        # where a child can be found
        ("im at the skatepark behind Hillcrest Primary every saturday around 4 if u wanna come", "pii_location"),
        ("mes parents sont partis jusqu'à dimanche, je suis toute seule", "pii_location"),
        ("salgo por la puerta de atrás del cole a las 2 todos los días", "pii_location"),
        ("每天下午四点我都在学校旁边的公园", "pii_location"),
    ],
)
def test_fresh_phrasings_are_held(text: str, category: str) -> None:
    verdict = check_text(text, audience="under13")
    assert verdict.action != "allow", verdict
    assert category in {r.category for r in verdict.reasons}, verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        # a prevention campaign: the word, with nothing said about the writer
        "Suicide prevention day: our posters say talk to someone you trust 💛",
        "Journée de prévention du suicide : on a fait des affiches pour dire qu'on peut en parler",
        "Semana de prevención del suicidio: pegamos carteles en el pasillo",
        "自殺予防のポスターを美術の時間に描きました",
        # an anti-bullying week quoting what must never be said
        'Anti-bullying week: we wrote "nobody likes you" on the board and crossed it out',
        "Semaine contre le harcèlement : « personne t'aime » fait partie des phrases interdites",
        # a class outing's meeting point
        "Sortie au zoo vendredi : rdv devant le portail de l'école à 8h15",
        "Zoo trip tomorrow: meet at the front gate at 8:30, packed lunch please",
        "Treffpunkt 9 Uhr vor dem Tierpark, Brotdose nicht vergessen",
        # a breeder's word about a dog; banter with a word of affection
        "our lab bitch had 6 puppies!!",
        "у нашей суки (овчарка) ночью родилось 6 щенков",
        "ur so dumb 😂 bestie",
        "happy birthday you idiot, see you at the party",
        # words inside other words
        "wir arbeiten zu dritt am Referat",
        "Kommt das Fick'sche Gesetz in der Klausur dran?",
        "Big Bazaar me kapdon pe 50% ki chhoot hai",
        "Vamos a la piscina después de clase",
        "A piscina da escola fecha às 17h",
        "Le mosse del cavallo sono le più difficili",
        "je suis crevé après le match de hand",
        # pictographs between words, not inside one
        "great job 👍 see you tomorrow",
        # routines without a findable place
        "Le samedi je vais à la piscine avec ma sœur",
        "On Saturdays I go to the park with my family",
        "I'm at the library every Tuesday for chess club",
        "Mis padres trabajan mucho pero los fines de semana vamos al campo",
        # a game given up
        "level 7 ist unmöglich, ich geb auf",
        # German look-alikes of self-harm rows
        "ich bin allen dankbar, die geholfen haben",
        "Mama hat die Tabletten für Oma schon rausgesucht",
    ],
)
def test_look_alikes_stay_allowed(text: str) -> None:
    verdict = check_text(text, audience="under13")
    assert verdict.action == "allow", verdict
