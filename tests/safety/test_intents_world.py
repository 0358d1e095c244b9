"""Phrase and intent rules beyond the six European languages (lexicons/phrases/<lang>.tsv).

Each family of each language has a message the filter must hold or block and a benign
look-alike it must let through. The examples were written for this test (not copied from
the dev set or the held-out set), in the chat register of each language.
"""

from __future__ import annotations

from importlib import resources

import pytest

from exchange.safety import check_text
from exchange.safety.lexicon import expand
from exchange.safety.lexicon_rules import compact

LANGS = ("ar", "hi", "ru", "zh", "ja", "sw", "ko", "tr", "pl", "nl", "sv", "fi", "id", "vi", "uk", "nb")
CATEGORIES = {"grooming", "self_harm", "violence", "bullying", "sexual", "hate", "identity", "allow"}

# (lang, family, harmful message, benign look-alike)
CASES = [
    ("ru", "grooming", "не говори маме, что мы общаемся, ладно?", "не забудь сказать маме про собрание в четверг"),
    ("ru", "self_harm", "я больше не хочу жить, всё бесполезно", "я так хочу спать после контрольной"),
    ("ru", "violence", "завтра принесу нож в школу, увидишь", "мы их разгромили в финале 3:1"),
    ("ru", "bullying", "тебя никто не любит, уходи из чата", "меня никто не предупредил про экскурсию"),
    ("uk", "grooming", "скажи мамі, що ти ночуєш у подруги", "мама сказала, що заїде по мене о п'ятій"),
    ("uk", "self_harm", "хочу зникнути назавжди, набридло все", "хочу на море назавжди"),
    ("uk", "violence", "я знаю, де ти живеш, чекай", "я знаю, де бібліотека, ходімо разом"),
    ("uk", "bullying", "ти нікому не потрібна, зрозумій", "цей зошит нікому не потрібен? заберу"),
    ("pl", "grooming", "jesteś sama w domu? napisz na privie", "jestem w domu po szóstej, zadzwoń"),
    ("pl", "self_harm", "nie chcę już żyć, serio", "nie chcę już pizzy, jestem pełny"),
    ("pl", "violence", "wiem gdzie mieszkasz, uważaj", "wiem gdzie jest sala gimnastyczna"),
    ("pl", "bullying", "nikt cię nie lubi, spadaj z grupy", "nikt nie lubi poniedziałków xD"),
    ("ko", "grooming", "이거 우리 둘만의 비밀이야 엄마한테 말하지 마", "선생님 생신 깜짝 파티는 금요일에 해요"),
    ("ko", "self_harm", "요즘 너무 힘들어서 죽고 싶어", "배고파 죽겠다 ㅋㅋ 급식 언제 나와"),
    ("ko", "violence", "방과후에 칼로 찌를 거야 기다려", "방과후에 도서관에서 만나 과제하자"),
    ("ko", "bullying", "아무도 너 안 좋아해 그냥 나가", "아무도 숙제 안 했어? 나도 아직"),
    ("tr", "grooming", "annene konuştuğumuzu söyleme tamam mı", "annene selam söyle, yarın görüşürüz"),
    ("tr", "self_harm", "artık ölmek istiyorum, bıktım", "yarın sinemaya gitmek istiyorum"),
    ("tr", "violence", "seni okul çıkışı bıçaklıcam", "okul çıkışı dondurma yiyelim mi"),
    ("tr", "bullying", "kimse seni sevmiyor, gruptan çık", "kimse ödevi bitirmedi mi hala"),
    ("zh", "grooming", "别告诉你妈妈我们聊天的事", "记得告诉你妈妈明天开家长会"),
    ("zh", "self_harm", "我真的不想活了", "我真的不想写作业了哈哈"),
    ("zh", "violence", "明天把刀带到学校，看我怎么收拾你", "明天把手工作品带到学校"),
    ("zh", "bullying", "没人喜欢你，快退群吧", "没人带伞吗？外面下雨了"),
    ("ja", "grooming", "親には内緒ね、二人だけの秘密", "先生の誕生日サプライズは金曜日まで内緒ね"),
    ("ja", "self_harm", "もう消えたい、生きてたくない", "さすがだね、もう宿題終わったの？"),
    ("ja", "violence", "学校に包丁を持っていくから覚えとけ", "調理実習の包丁は家庭科室にあります"),
    ("ja", "bullying", "誰もお前のことなんか好きじゃない", "誰もこの問題わからないの？"),
    ("ar", "grooming", "لا تقولي لأهلك انا نتكلم", "قولي لأهلك ان الرحلة يوم الخميس"),
    ("ar", "self_harm", "ابي اموت ما عاد فيني حيل", "ابي اروح البحر يوم الجمعة"),
    ("ar", "violence", "اعرف وين ساكن، استناني", "اعرف وين المكتبة، تعال معي"),
    ("ar", "bullying", "محد يحبك هنا، اطلع من القروب", "محد جاب الدفتر اليوم؟"),
    ("hi", "grooming", "ye hamara secret hai, mummy ko mat batana", "mummy ko bolo ki parent meeting kal hai"),
    ("hi", "self_harm", "ab jeena nahi chahti, bas khatam", "ab khana nahi chahti, pet bhar gaya"),
    ("hi", "violence", "kal school me goli chalaunga, dekh lena", "kal school me science fair hai, dekh lena"),
    ("hi", "bullying", "koi tujhe pasand nahi karta, nikal ja", "koi mujhe notes bhej sakta hai?"),
    ("sw", "grooming", "usiwaambie wazazi wako kuhusu sisi", "waambie wazazi wako kuhusu mkutano wa kesho"),
    ("sw", "self_harm", "nataka kufa, nimechoka na kila kitu", "nataka kula chipsi leo"),
    ("sw", "violence", "nitakuchoma na kisu baada ya shule", "tutacheza mpira baada ya shule"),
    ("sw", "bullying", "hakuna anayekupenda, toka kwenye group", "hakuna aliyeleta daftari leo?"),
    ("id", "grooming", "jangan bilang ke ortu ya kalau kita chat", "bilang ke ortu ya besok ada rapat"),
    ("id", "self_harm", "aku pengen mati aja, capek banget", "aku pengen makan bakso aja"),
    ("id", "violence", "besok gue bawa pisau ke sekolah", "besok gue bawa bekal ke sekolah"),
    ("id", "bullying", "gak ada yang suka sama kamu, keluar dari grup", "gak ada yang punya penghapus?"),
    ("vi", "grooming", "đừng nói với bố mẹ là mình nói chuyện nhé", "nhớ nói với bố mẹ về buổi họp phụ huynh"),
    ("vi", "self_harm", "mình muốn chết, mệt mỏi quá rồi", "từ từ thôi, mình đang làm bài"),
    ("vi", "violence", "tao sẽ đâm mày sau giờ học", "sau giờ học đi ăn kem không"),
    ("vi", "bullying", "không ai thích mày đâu, cút khỏi nhóm", "không ai mang bút chì à?"),
    (
        "nl",
        "grooming",
        "zeg het niet tegen je ouders, dit is ons geheim",
        "vergeet niet je ouders het briefje te geven",
    ),
    ("nl", "self_harm", "ik wil dood, niemand zou me missen", "ik wil naar huis, ik heb honger"),
    ("nl", "violence", "ik neem een mes mee naar school", "ik neem een taart mee naar school"),
    ("nl", "bullying", "niemand vindt je leuk, ga uit de groep", "niemand heeft de opdracht af toch?"),
    ("sv", "grooming", "säg inte till dina föräldrar att vi pratar", "glöm inte att ge lappen till dina föräldrar"),
    ("sv", "self_harm", "jag vill dö, orkar inte mer", "jag vill ha glass efter skolan"),
    ("sv", "violence", "jag vet var du bor, akta dig", "jag vet var biblioteket ligger"),
    ("sv", "bullying", "ingen gillar dig, lämna gruppen", "ingen har gjort läxan än va?"),
    ("fi", "grooming", "älä kerro sun vanhemmille meistä", "muista kertoa vanhemmille vanhempainillasta"),
    ("fi", "self_harm", "mä haluun kuolla, ei jaksa enää", "mä haluun pizzaa tänään"),
    ("fi", "violence", "mä tiedän missä sä asut", "mä tiedän missä kirjasto on"),
    ("fi", "bullying", "kukaan ei tykkää susta, häivy ryhmästä", "kukaan ei tehnyt läksyjä vai?"),
    (
        "nb",
        "grooming",
        "ikke si det til foreldrene dine, det er vår hemmelighet",
        "husk å gi lappen til foreldrene dine",
    ),
    ("nb", "self_harm", "jeg vil dø, ingen ville savne meg", "jeg vil ha is etter skolen"),
    ("nb", "violence", "jeg tar med kniv til skolen i morgen", "jeg tar med kake til skolen i morgen"),
    ("nb", "bullying", "ingen liker deg, forlat gruppa", "ingen har gjort leksa ennå?"),
]


@pytest.mark.parametrize(("lang", "family", "harmful", "benign"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_each_family_is_caught_and_its_look_alike_is_not(lang, family, harmful, benign):
    verdict = check_text(harmful, audience="under13")
    assert verdict.action in ("hold", "block"), (harmful, verdict)
    assert check_text(benign, audience="under13").action == "allow", benign


def test_every_language_and_family_has_a_case():
    assert {(c[0], c[1]) for c in CASES} == {
        (lang, family) for lang in LANGS for family in ("grooming", "self_harm", "violence", "bullying")
    }


@pytest.mark.parametrize("lang", LANGS)
def test_phrase_files_are_well_formed(lang):
    path = resources.files("exchange.safety").joinpath("lexicons", "phrases", f"{lang}.tsv")
    text = path.read_text("utf-8")
    assert text.startswith("#") and "Provenance" in text.split("\n# ---")[0]
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        phrase, category, severity = line.split("\t")
        assert category in CATEGORIES or category.startswith("cue_"), (lang, lineno, category)
        assert int(severity) == 0 if category.startswith("cue_") else 1 <= int(severity) <= 4, (lang, lineno)
        assert phrase == phrase.strip() and "\\" not in phrase, (lang, lineno)
        # a rule kept whole parses into spellings without spelling out every one (millions for some)
        assert compact(phrase) is not None or expand(phrase), (lang, lineno)
