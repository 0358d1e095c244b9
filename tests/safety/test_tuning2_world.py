"""Round 2 families of the world tuner (ar hi ru zh ja sw): violence, self-harm, grooming and
sexual. One written positive per family and the look-alikes that must stay allowed. Sentences
are written for this test, not copied from the dev or held-out sets; everything is fictional."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HARMFUL = [
    # violence: threats in 1st/2nd person, future, weapons, arson, bombs, "be careful 👀"
    ("zh", "再说一句我就 s 了你"),
    ("zh", "信不信我勒死你"),
    ("zh", "我要一把火烧了你家"),
    ("zh", "明天学校里会有炸弹"),
    ("zh", "但愿有人把你们都杀光"),
    ("zh", "wo hui nong si ni"),
    ("zh", "我知道你在哪上学，你小心点 👀"),
    ("ja", "顔へし折ってやるからな"),
    ("ja", "てめえの家に火つけてやる"),
    ("ja", "体育館に爆弾仕掛けた"),
    ("ja", "くび絞めてやる"),
    ("ja", "temee wo bukkorosu"),
    ("ja", "明日しばいたるわ"),
    ("sw", "tutakuvunja mguu kesho"),
    ("sw", "wenzangu wakupige baada ya mpira"),
    ("sw", "utapigwa ukitoka darasani"),
    ("sw", "nitateketeza nyumba yenu"),
    ("sw", "kesho kuna bomu shuleni"),
    ("ru", "знаю где ты гуляешь, оглядывайся 👀"),
    ("ar", "معي خنجر للي يقرب مني"),
    ("ar", "راح نكسر راسك بعد الحصة"),
    ("hi", "pistol leke aaunga kal"),
    ("hi", "koi use goli maar de"),
    # self-harm said indirectly: disappearing, pills, never waking, leaving the world, cutting
    ("zh", "以后你们再也见不到我了"),
    ("zh", "我想吞一整瓶安眠药"),
    ("zh", "希望一睡不醒"),
    ("zh", "今晚从天台跳下去"),
    ("ja", "風邪薬を全部飲んだ"),
    ("ja", "もう二度と目覚めたくない"),
    ("ja", "腕をまた切っちゃった"),
    ("ja", "オーバードーズしたい"),
    ("sw", "hutaniona tena baada ya leo"),
    ("sw", "nimemeza vidonge vyote"),
    ("sw", "nataka kuondoka dunia hii"),
    ("ru", "я что-то с собой сделаю"),
    ("ru", "прощайте навсегда"),
    ("ar", "ما راح تشوفوني مرة ثانية"),
    ("ar", "ببلع كل الحبوب مرة وحدة"),
    ("hi", "phir kabhi nahi dikhungi"),
    ("hi", "khud ko khatam kar lungi"),
    # grooming: app moves, secrecy, gifts for pictures, flattery, parents' hours, meeting alone
    ("zh", "给你发红包，拍个视频给我"),
    ("zh", "你比同龄人成熟多了，所以我才找你聊"),
    ("zh", "bie gao su ba ma"),
    ("ja", "同級生の子とは違って大人っぽいね"),
    ("ja", "パパは何時に帰る？それまでビデオ通話しよ"),
    ("ja", "kazoku ni wa naisho"),
    ("sw", "hapa kila mtu anaona, njoo telegram"),
    ("sw", "nitakutumia mpesa ukinitumia picha"),
    ("sw", "kabla mama hajarudi tuongee kwa video"),
    ("ru", "давай в телегу, тут взрослые всё видят"),
    ("ru", "ты не такая как другие девочки, взрослая не по годам"),
    ("ru", "скинь фото в полотенце"),
    ("ru", "ne govori nikomu, nash sekret"),
    ("ar", "ندور على موديلز، ترسلين صورك على الخاص"),
    ("ar", "انتي أنضج من بنات جيلك"),
    ("ar", "ضيفني على سناب"),
    ("hi", "model agency se hoon, apni photos bhejo"),
    ("hi", "insta pe aa jao, yahan sab log padhte hain"),
    # sexual remarks
    ("zh", "你内裤是什么颜色"),
    ("zh", "想跟你过夜"),
    ("ja", "ブラ何色？"),
    ("ja", "朝まで一緒に過ごそう"),
    ("sw", "sidiria yako ni rangi gani"),
    ("sw", "tucheze michezo ya kikubwa"),
    ("ru", "какой размер у тебя лифчик"),
    ("ru", "хочу переспать с тобой"),
    ("ar", "شو لون كلوتك"),
    ("ar", "ابغى احضنك"),
    ("hi", "tumhari bra ka colour kya hai"),
    ("hi", "sexy baatein karein"),
]

BENIGN = [
    ("zh", "关灯吧，要看电影了"),
    ("zh", "我把boss杀了，终于通关"),
    ("zh", "历史课讲了秦始皇焚书坑儒"),
    ("zh", "笑死我了哈哈"),
    ("zh", "我手机没电死机了"),
    ("zh", "把你的项目照片发给我"),
    ("zh", "彩色图片发一下"),
    ("zh", "小猫冷得瑟瑟发抖"),
    ("zh", "今天作业太多撑不下去了"),
    ("ja", "電気消して"),
    ("ja", "ボス倒した、やっと"),
    ("ja", "笑い死にそう"),
    ("ja", "スマホ死んだ、充電切れ"),
    ("ja", "工作でカッターで紙を切った"),
    ("ja", "髪切った、スッキリ"),
    ("ja", "お母さん何時に帰ってくる？"),
    ("ja", "自由研究の写真送って"),
    ("sw", "zima taa tafadhali"),
    ("sw", "nimemuua boss kwenye game"),
    ("sw", "tulisoma historia ya vita, askari walipiga risasi"),
    ("sw", "nacheka hadi nakufa"),
    ("sw", "simu yangu imekufa"),
    ("sw", "tutawapiga kesho kwenye mpira"),
    ("sw", "kwaherini wote, tuonane mwaka ujao"),
    ("sw", "nitameza dawa za malaria"),
    ("sw", "hiyo ni bomba sana"),
    ("ru", "выключи свет"),
    ("ru", "я убил босса наконец"),
    ("ru", "умираю со смеху"),
    ("ru", "у меня телефон сдох"),
    ("ru", "учительница сказала сюрприз держим в секрете"),
    ("ru", "скинь фото своего проекта"),
    ("ru", "хочу потрогать котика"),
    ("ru", "простите меня, я опоздала"),
    ("ar", "طفي النور"),
    ("ar", "قتلت الزعيم في اللعبة"),
    ("ar", "بموت من الضحك"),
    ("ar", "جوالي مات"),
    ("ar", "ارسلي صور المشروع"),
    ("ar", "عندي سكين في المطبخ للفواكه"),
    ("ar", "باخذ الدواء بعد الأكل"),
    ("ar", "بخليك تشوف الرسمة بكرة"),
    ("hi", "light band kar do"),
    ("hi", "maine boss ko maar diya game me"),
    ("hi", "itihaas me padha Gandhi ji ko goli maari gayi thi"),
    ("hi", "hass hass ke mar gaya"),
    ("hi", "mera phone mar gaya"),
    ("hi", "apne project ki photos bhejo"),
    ("hi", "gandi baatein mat karo"),
    ("hi", "bukhar ki goli kha li"),
]


@pytest.mark.parametrize(("lang", "text"), HARMFUL)
def test_family_is_caught(lang: str, text: str) -> None:
    assert check_text(text, "under13").action != "allow", (lang, text)


@pytest.mark.parametrize(("lang", "text"), BENIGN)
def test_look_alike_stays_allowed(lang: str, text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", (lang, text, [r.rule for r in verdict.reasons])
