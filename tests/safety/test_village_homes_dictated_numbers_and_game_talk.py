"""Contact details as children dictate them (a village with its ward and district, a Japanese lot number, an
Indian flat in a named society, a number given in pieces with pauses, keycap digits then plain ones, kana
readings, "underscore" and "(dot)" spelled inside a handle, "(at)" inside an e-mail, an app's name with the
Arabic article or touching Japanese text), abuse in ar de hi ja sw zh and threats and despair in es fr; beside
the look-alikes that must pass: trash talk after a video game is named, a numbered classroom as the meeting
point, dogs as animals, the Swiss "huere guet", the Austrian village (the fortieth session's rules; fictional
lines written for these tests, not lines of any evaluation set)."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    # a village with the units around it, and one's home
    "tunakaa kijiji cha Mnarani, kata ya Kipande, wilaya ya Kilifi, nyumba ya tatu baada ya duka",
    "mera gaon Sonpur hai, tehsil Deoli, zila Tonk, mandir ke saamne wala ghar",
    "احنا ساكنين في قرية الشيخ زايد مركز كفر الدوار، البيت اللي ورا الجامع",
    "うちは山梨県南都留郡鳴沢村3340番地だよ",
    # an Indian flat in a named housing society
    "Flat C-702, Silver Oak Apartments, near the petrol pump, come at 6",
    # a number dictated in pieces, with pauses
    "my number... 07 then 700 ... wait ... 90 then 0123",
    "mon numéro c'est 07 ... attends ... 12 ... 34 ... 56 78",
    "الرقم بتاعي 0100 ... استنى ... 555 ... 0199",
    "電話番号は090…ちょっと待って…1188…最後は4422",
    # keycap digits, then plain digits, with emoji between
    "0️⃣7️⃣1️⃣2️⃣ ⭐ 3 4 5 ⭐ 6 7 8 piga sasa",
    # kana readings
    "でんわ ぜろはちぜろ、さんさんよんよん、ごーごーろくろく",
    # spelled marks inside a handle; "(at)" inside an e-mail
    "add me on kik its frosty underscore lion",
    "my insta is maya(dot)draws(underscore)22",
    "LINEのIDは sora アンダーバー 1207 だよ",
    "write to tomasz(at)example(dot)com tonight",
    # an app's name with the Arabic article, or touching Japanese text
    "كلمني عالتيليجرام يوزري @nour_k99",
    "LINEのID→ hana_0417 追加して",
    # abuse
    "お前ってクラスの誰にも好かれてないよね",
    "お前友達いないもんねｗ",
    "二人きりでホテル行こうよ",
    "裸の写メ送って",
    "还好意思来上学？",
    "死ji佬走开",
    "一起涩涩吗",
    "去你m的",
    "خلقتك بتقرف يا زلمة",
    "انت أغبى طالب في الفصل",
    "ابعتيلي صورة بدون هدوم",
    "abe bhikari, naye joote kab lega",
    "tu chhakka hai kya",
    "wewe ni mshamba tu",
    "tumtoe kwa group, anaboa",
    "hao wote ni makafiri",
    "vua nguo kwa video nione",
    "Bist du so arm, dass du keine Schuhe hast?",
    "Dein Akzent ist voll peinlich",
    "Lust auf Sex?",
    # threats and despair
    "al profe le rajo las llantas mañana",
    "te vamos a esperar a la salida, tú sabes",
    "los que quieran seguir vivos que no vengan el lunes",
    "tu hermano también se va a llevar lo suyo",
    "j'ai prévenu mes grands frères, ils arrivent",
    "ta daronne aussi elle va morfler",
    "je fous le feu chez toi ce soir",
    "j'ai mis de côté les somnifères de mon père",
    "demain tout s'arrête, merci à vous",
    "désolée d'avoir été un fardeau pour vous",
    # threats that name a game word but are no game (a review's holes, kept closed)
    "Uno de estos días te voy a matar",
    "This is not a game, I'm going to kill you",
    # meeting elsewhere, whatever classroom is also named
    "Meet me at the park at 4, don't tell your mum. I'm in room 12 till 3:30",
    # slurs beside the allowed dogs
    "tum saare kutte ho, gali ke kutte",
]

PASSED = [
    # trash talk once a video game is named, at the reader, nobody else drawn in
    "ce soir minecraft, je vais te tuer prépare toi",
    "stasera fortnite, ti ammazzo 💀",
    "hoje no free fire eu vou te matar kkkk",
    "stasera a Mario Kart ti faccio a pezzi",
    # a numbered classroom as the meeting point
    "Meet at the front entrance at 8:15, then we all go up to room 214 together",
    "Treffpunkt um 7:50 vor dem Eingang, dann gehen wir in Raum 108",
    # dogs as animals; the Swiss intensifier; the Austrian village; a place named by its class
    "hamare gaon mein bahut kutte aur billiyan hain",
    "Das Raclette war huere guet!",
    "Fugging in Österreich hiess früher wirklich so, das hiess früher Fucking",
    "Bagamoyo ni wilaya ya mkoa wa Pwani, tunasoma historia yake",
    # numbers that are not a phone dictated in pieces
    "page numbers 012 to 045 then 067 and 089 for homework",
    "the bus number 07 leaves at 8 15 then 09 at 9 30",
    # handles of nobody: an app named alone
    "do you use LINE or WhatsApp in Japan?",
    # a cricket six
    "kal ke match mein Rohit ne chhakka maara",
    "Ye chakka hai ya four?",
    # everyday lines a review named (the fortieth session's rows were narrowed for them)
    "Lleva el paraguas, nunca sabes lo que te puede pasar",
    "老师，要打印彩色图片吗？",
    "Ta mère va prendre le train ?",
    "J'ai appelé mon grand frère pour les devoirs",
    "¡Te vamos a esperar en la estación con un cartel!",
    "Ya sé dónde para el bus 12",
    "你还好意思笑😂",
    "Total, ¿a quién le importa el fútbol?",
    "À la boum du collège on va mettre le feu 🔥",
    "Niemand will dich ausschließen",
    "Bock auf Sex Education Staffel 4?",
    "مستحيل أنزل صورة بدون عباية",
    "Read the text and underline the new words",
    "Our village has a post office and a church",
    "Shule yetu iko kijiji cha Mwembeni, wilaya ya Bagamoyo. Karibuni kwetu!",
    "मेरा इंस्टाग्राम पोस्ट देखो",
    "1️⃣2️⃣3️⃣ 4 5 6 7 8 9 🙈",
    "Mein Handy ist seit 03.11.2024 kaputt... Reparatur kostet 89 Euro",
    "our Drama Society meets on floor 2",
    "看完恐怖片我们一起瑟瑟发抖",
    "パパとママが二人きりでホテルに泊まる",
]


@pytest.mark.parametrize("text", HELD)
def test_held_for_a_moderator(text):
    assert check_text(text, "under13").action != "allow", text


@pytest.mark.parametrize("text", PASSED)
def test_passes(text):
    assert check_text(text, "under13").action == "allow", text
