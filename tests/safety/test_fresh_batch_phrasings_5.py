"""Phrasings the thirty-first session's helper batches (2026-12-06, dev lines d30001+) showed, in general
form: bullying with no swear word (exposing a pupil's secret or photo to many, exclusion, everyone
against you), self-harm and threats said plainly, and the look-alikes beside them (games, spoilers,
ordinary words). Each line is phrased differently from the dev lines."""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        # exposing what is the reader's own to many: a spreading and a private thing, in any order
        "i'll post your diary pages in the group chat",
        "montre à tout le collège tes messages, je vais le faire",
        "ich schick allen dein tagebuch",
        "todo el cole va a saber tu secreto",
        "我把你的聊天记录发到班群了",
        "kila mtu atajua siri zako",
        "твою переписку увидит весь класс",
        "सबको दिखा दूंगी तेरी चैट",
        "الكل رح يعرف سرك",
        # exclusion and everyone against the reader
        "die ganze klasse lacht über dich",
        "кроме тебя все идут",
        "nani alikualika kwenye hii group",
        "连班长都受不了你",
        # self-harm said plainly
        "je me coupe encore tous les soirs",
        "mein plan steht: nach der schule zu den gleisen",
        "a meta é não comer até sexta",
        # threats said plainly
        "stay home if you like me, friday is the day",
        "le voy a clavar el lápiz en el brazo",
        "vou entrar atirando amanhã",
        # grooming said subtly: the parents asleep, a camera or photo seen by one only, talking freely
        # elsewhere, a cover story (when a parent comes home is asked by children too: not held alone)
        "papa so gaye? ab baat karte hain",
        "لما الكل ينام كلمني فيديو",
        "accendi la webcam, nessuno la vedrà",
        "カメラつけてよ、俺だけが見るから",
        "naya skin dila dunga, ye hamare beech rahe",
        "قولي إني قريبك لو سألوك",
    ],
)
def test_said_plainly_is_held(text: str) -> None:
    assert check_text(text, audience="under13").action != "allow", text


@pytest.mark.parametrize(
    "text",
    [
        # a class sharing its own work with everyone, a teacher's task
        "send the photo of your volcano project to the whole class group",
        "please read your diary entry to the whole class, it's for the writing project",
        # games and spoilers explain violent words
        "je vais t'éclater aux échecs ce soir",
        "nakuua kwa chess leo 😂",
        "チェスでボコボコにしてやる",
        "si tu me dis la fin du film je te tue 😂",
        "kama utaniambia mwisho wa filamu nitakuua 😂",
        # ordinary words
        "放学后我操场上等你们",
        "don't be so hard on yourself, everyone makes mistakes",
        "press hard on the cut with a clean cloth",
        "a baleia azul é o maior animal do planeta",
        "il bocchino del sax va pulito dopo ogni prova",
        "prendete la sega e il martello dall'armadio",
        "クラスのアンケート：みんな何歳？",
        "hamari gali ki kutiya ne 5 pille diye 🐶",
        "المعلمة قالت ما حدا يضحك لما نشوف الصور",
        # practical "leave", "without you", "don't come"; a family's secret recipe
        "wrong chat! leave the group and join the 8A one",
        "加错群了，退群去五班的吧",
        "мы закончили проект без тебя, но твоё имя вписали",
        "कल पहली क्लास में मत आना, टीचर छुट्टी पर हैं",
        "grandpa's secret recipe for chili stays in the family, sorry 🤐",
        "la ricetta del ragù della nonna è segreta, non la dico a nessuno",
        "te gano al parchís hoy, despídete de tus fichas 😎",
        # a surname or a town that is a rude word elsewhere, given as a name
        "ihr Familienname ist Fick, das ist in Österreich nicht selten",
        "स्वीडन का Lund शहर बहुत सुंदर है",
        "mwalimu mpya anaitwa Kuma, anatoka Japani",
        "我们班有个同学姓操",
        # a dish, a language, "female" in Swahili
        "faggots in gravy are on the school dinner menu today",
        "ela fala crioulo haitiano com a avó",
        "wanafunzi wa kike wanacheza mpira leo",
        # "I'm going to die" of laughter, hunger or a test
        "je vais mourir de rire 😂",
        "contrôle de maths demain, je vais mourir",
        "vou morrer de fome, cadê o lanche",
        # a camera for a lesson, a mother checking a coat
        "accendi la webcam per la lezione di inglese",
        "お母さん今家にいる？宿題のプリント届けたいんだけど",
        "papa kitne baje ghar aate hain? unse maths poochna hai",
    ],
)
def test_look_alikes_are_allowed(text: str) -> None:
    verdict = check_text(text, audience="under13")
    assert verdict.action == "allow", (text, [r.rule for r in verdict.reasons])


@pytest.mark.parametrize(
    "text",
    [
        "我操，太难了",  # the overlap rule reads an allowed word only where it continues the hit
        "vc é uma baleia",
        "ô baleia, sai da frente",
        "he got a hardon lol",
        "je veux mourir",
        "não aguento mais, vou morrer",
        "je vais me tuer ce soir",
        "Fick dich, Lund",
    ],
)
def test_the_words_themselves_still_count(text: str) -> None:
    assert check_text(text, audience="under13").action != "allow", text
