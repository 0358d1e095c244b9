"""Rules added on 2026-12-04 (issue 15) from the misses of new abuse dev batches (ar, ja, hi, sw,
ru), each with look-alikes that must stay allowed, and everyday words of one language that an entry
of another folded onto (French "retard" and "douche", German "Kummer" and "Horror"...). The
sentences are written here, not copied from any evaluation or dev line."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    ("انتي ولا شي", "ar", "bullying"),
    ("نتا مكلخ بزاف", "ar", "bullying"),
    ("محدش بيحبك يا بنتي", "ar", "bullying"),
    ("نعل بوك يا خويا", "ar", "profanity"),
    ("الحريم مكانهم في المطبخ", "ar", "hate"),
    ("صيفطي ليا تصويرتك دابا", "ar", "grooming"),
    ("بدي شوفك بالكام الليلة", "ar", "grooming"),
    ("お前マジで存在してるだけで邪魔", "ja", "bullying"),
    ("あいつ明日からシカトしようぜ", "ja", "bullying"),
    ("あの子ヤリマンって噂", "ja", "sexual"),
    ("パンツ見せてよ", "ja", "sexual"),
    ("tu toh pagal hai kya, mental hai tu", "hi", "bullying"),
    ("अबे गधे, इतना भी नहीं आता", "hi", "bullying"),
    ("koi bhi tere saath nahi khelega", "hi", "bullying"),
    ("wo toh chakka hai, door raho", "hi", "hate"),
    ("chal pehle kiss de", "hi", "sexual"),
    ("wewe ni mjinga sana", "sw", "bullying"),
    ("hakuna mtu anakupenda hapa", "sw", "bullying"),
    ("wakamba wote ni wezi", "sw", "hate"),
    ("tufanye mapenzi leo", "sw", "sexual"),
    ("твой батя алкаш", "ru", "bullying"),
    ("кикнем его из чата", "ru", "bullying"),
    ("хачей не пускать", "ru", "hate"),
    ("скинь нюдсы или всем расскажу", "ru", "sexual"),
]

ALLOWED = [
    ("الطقس حلو اليوم، نلعب برا؟", "ar"),
    ("وين مدرسة الموسيقى؟ بدي اسجل", "ar"),
    ("このうどんシコシコで最高", "ja"),
    ("理科のノート見せてくれない？", "ja"),
    ("友達とサッカーした", "ja"),
    ("kal match mein usne chhakka maara", "hi"),
    ("mujhe pani chahiye", "hi"),
    ("mwalimu alisema kichwa chako ni kizuri", "sw"),
    ("chui ana madoadoa mengi mwilini", "sw"),
    ("У соседей сука ощенилась, шесть щенков", "ru"),
    ("мы читали про Лох-Несское чудовище", "ru"),
    ("мама купила хачапури", "ru"),
    ("je suis en retard, désolé !", "fr"),
    ("le bus a du retard ce matin", "fr"),
    # words of one language that an entry of another (English is loaded in every room) folded onto
    ("je prends une douche et j'arrive", "fr"),
    ("der Film war Horror pur, ich bin fast gestorben", "de"),
    ("schreibt eure Sorgen in den Kummerkasten", "de"),
    ("wir sind auf den Wank gewandert", "de"),
    ("quel boss ti shotta subito", "it"),
    ("minha prima é trans e dá aula de física", "pt"),
]


@pytest.mark.parametrize("text,lang,category", HELD)
def test_abuse_forms_are_held(text: str, lang: str, category: str) -> None:
    verdict = check_text(text, "under13", languages=[lang])
    assert verdict.action != "allow" and any(r.category == category for r in verdict.reasons), verdict


@pytest.mark.parametrize("text,lang", ALLOWED)
def test_everyday_look_alikes_stay_allowed(text: str, lang: str) -> None:
    assert check_text(text, "under13", languages=[lang]).action == "allow"
    assert check_text(text, "under13").action == "allow"


@pytest.mark.parametrize("text", ["you are such a retard", "shut up you douche", "go wank yourself"])
def test_the_english_insults_are_still_held_in_english(text: str) -> None:
    """The other languages' allowed phrases ("en retard", "une douche", "den Wank") do not reach them."""
    verdict = check_text(text, "under13", languages=["en"])
    assert verdict.action != "allow"


@pytest.mark.parametrize(
    "text,category",
    [
        ("就你这脑子还想当班长？", "bullying"),
        ("全班都别理她", "bullying"),
        ("你活着就是浪费空气", "bullying"),
        ("你是不是智障啊", "bullying"),
        ("放学别走，听见没", "violence"),
        ("女的就该在家做饭", "hate"),
        ("让我摸一下又没事", "sexual"),
    ],
)
def test_chinese_abuse_forms_are_held(text: str, category: str) -> None:
    verdict = check_text(text, "under13", languages=["zh"])
    assert verdict.action != "allow" and any(r.category == category for r in verdict.reasons), verdict


@pytest.mark.parametrize(
    "text",
    ["我去收拾你的书包", "不要浪费粮食", "摸摸你的头，别难过", "历史课讲美国孤立他国的政策", "我长得像我妈"],
)
def test_chinese_look_alikes_of_those_forms_stay_allowed(text: str) -> None:
    assert check_text(text, "under13", languages=["zh"]).action == "allow"
