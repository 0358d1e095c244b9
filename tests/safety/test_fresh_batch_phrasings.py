"""Phrasings a fresh helper batch (2026-12-05, dev lines d20501+) showed the filter missing, in general form.

Grooming in Arabic, Japanese, Hindi, Russian and Italian (flattery about maturity, "I understand you
better than your parents", secrecy, a private app, the parents away, a cover story, a gift then a
favour); threats and self-harm in German, French and Portuguese; abuse in Spanish, Hindi, Chinese,
Swahili and Arabic. Each phrasing here differs from the dev lines; the look-alikes beside them stay
allowed.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text, category",
    [
        ("انتي واعية جدا بالنسبة لعمرك، ومحد لازم يعرف اننا نحكي", "grooming"),
        ("خلينا نكمل على السناب، هنا كلو مراقب", "grooming"),
        ("ابغى اشوفك لوحدك بكرا، لا تجيبي حدا معك", "grooming"),
        ("親には友達の家に泊まるって言っておいで", "grooming"),
        ("お母さん夜勤いつ？その日遊びに行こう", "grooming"),
        ("LINEの通知切っといて。ママに見られないように", "grooming"),
        ("mummy papa kitne baje so jaate hain? phir vc karte hain", "grooming"),
        ("дома скажи что ты у подруги, а сама приезжай ко мне", "grooming"),
        ("я тебя понимаю лучше чем твои родители, только никому не говори", "grooming"),
        ("ai tuoi dici che vai da un'amica e vieni in centro", "grooming"),
        ("ti ho ricaricato 500 robux, adesso mi fai un favore", "grooming"),
        ("wir warten nach der schule vorm tor auf dich, wir sind zu viert", "violence"),
        ("kannst schon mal dein grab schaufeln", "violence"),
        ("tu passes pas la semaine, crois-moi", "violence"),
        ("pode ir cavando tua cova", "violence"),
        ("hab mich gestern wieder geritzt", "self_harm"),
        ("j'ai avalé toute la plaquette", "self_harm"),
        ("engoli a caixa inteira de remédios", "self_harm"),
        ("ni tu madre te aguanta", "bullying"),
        ("koi tujhse baat nahi karna chahta", "bullying"),
        ("你脑子是不是进水了", "bullying"),
        ("hata mamako hakupendi", "bullying"),
        ("ما نبيه معنا في الفريق", "bullying"),
    ],
)
def test_the_phrasing_is_held(text: str, category: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action != "allow" and category in {r.category for r in verdict.reasons}, (
        text,
        [r.rule for r in verdict.reasons],
    )


@pytest.mark.parametrize(
    "text",
    [
        "متى تسافر عائلتك في العطلة؟ نحن نسافر الى البحر",
        "お母さん何時に帰ってくる？",
        "tuition kal band hai, mummy ne bola",
        "ты уже взрослый, сам решай какой проект выбрать",
        "non dire a nessuno il finale del film, dai",
        "nach der schule gehen wir ins kino",
        "wir warten am tor auf dich, beeil dich",
        "a gente te espera na saída pra ir no shopping",
        "la photo avec toi dedans est trop belle",
        "je veux pas avoir 30 ans un jour lol",
        "tenho medo de aranha, sério",
        "cuatro estaciones tiene el año",
        "hamara kutta bahut pyaara hai",
        "我有点玻璃心，别介意",
        "tumia mavi ya kuku shambani",
        "sir, kya 'chamar' bolna galat hai? kitaab me ek jaati ka naam tha",
    ],
)
def test_the_look_alike_stays_allowed(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", (text, [r.rule for r in verdict.reasons])
