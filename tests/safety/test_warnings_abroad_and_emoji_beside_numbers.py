"""Threats as pupils abroad write them (waiting after school with cousins, a shooting announced, a house to be
burnt, found "in a bag", "on sait où tu habites", a Québec rifle), farewells by giving things away, mockery of poverty,
weight and clothes, exclusion and pile-ons, masked slurs and requests for nudes in Japanese; emoji findings
beside a number ("🔪🔪 at 7"); an e-mail spelled in Arabic words or with "at the rate"; beside the look-alikes that must pass: 幹 in ordinary Chinese and Japanese words
(新幹線, 你在幹嘛), a fat cat, a "kamina dost", caring warnings about a sister (the thirty-ninth session's rules;
fictional lines written for these tests, not lines of any evaluation set)."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    # waiting after school with others, a shooting announced, a house to burn, found in a bag
    "a la salida lo esperamos, voy con mis primos",
    "a tu hermanita le va a ir mal, me sé dónde vives",
    "va a haber balacera el lunes en la secu",
    "al profe le quemamos la casa",
    "a ese lo van a encontrar en una bolsa",
    "la próxima que abres la boca te la cierro de un ladrillazo",
    "le vamos a dar una golpiza al nuevo",
    "tu perro no amanece vivo",
    "à la sortie du collège je t'attends, une fois que t'es seul t'es cuit",
    "on sait où tu habites, ta maison va brûler",
    "ils vont brûler avec toute ta famille dedans",
    "ton p'tit frère, on va le coincer à la sortie",
    "j'amène la carabine de mon oncle à l'école demain",
    # farewells by giving things away; pills taken from a parent
    "adieu tout le monde, je vous laisse mes affaires, j'en aurai plus besoin",
    "j'ai avalé toute la boîte de comprimés de ma mère",
    "les regalo mis cosas, ya no las voy a necesitar",
    # emoji findings beside a number
    "🔪🔪 mañana a las 7",
    "🍑🍆 at 9pm?",
    # poverty, weight and clothes mocked; exclusion and pile-ons
    "ما عندكم غسالة ولا شو 😂",
    "لا تحطوه بالتيم 😂",
    "他家穷成这样了🤣",
    "あいつの服ダサすぎｗｗ",
    "あいつの投稿に🤡つけようぜ",
    "Kik-Kind halt 😂",
    "isko team me mat lo 😂",
    "kila mtu aige accent yake 😂",
    # hate by trope, masked slurs, girls and science
    "Mädchen können halt kein Mathe",
    "女子に理系は無理ｗ",
    "wasichana ni wa jikoni",
    "fair and lovely laga le 😂",
    # bodies, nudes
    "服脱いで自撮り送って",
    "えち画像交換しよ",
    "كنتي بتعملي ايه تحت البطانية 😏",
    # contact details: an e-mail spelled in Arabic or Devanagari words, "at the rate" for @
    "ايميلي سلمى دوت نور آت جيميل دوت كوم",
    "mail id hai rahul zero seven at the rate gmail dot com",
    "प्रिया डॉट शर्मा एट जीमेल डॉट कॉम",
    # still threats beside the new look-alikes: a knife over crisps, "ugly" in katakana, a threat at the gate
    "touch my crisps again and i'll stab you with my knife 😂",
    "お前ブスすぎｗ",
    "te mato mañana a la salida",
    # the second review: a snack beside a sister's way home, "leaving" with a secret, a present for the reader
    "i know where ur little sister walks home lol. leave my sweets alone or she's dead 😂",
    "im leaving dont tell anyone",
    "the exchange ends soon so I got you a leaving present 🎁 dont tell anyone ok",
]

PASSED = [
    # 幹 in ordinary words: a bullet train, "what are you doing", capable, a club organiser, a tree trunk
    "新幹線で東京に行きます",
    "你在幹嘛",
    "他很能幹",
    "幹事は田中さんです",
    "体幹トレーニングをしよう",
    # a fat cat, a friend called a rascal fondly
    "うちの猫デブすぎて可愛い",
    "kamina dost hai mera 😂 birthday pe cake le aaya",
    # a pupil's number beside a drawing, a page of homework
    "my drawing is on page 7 🎨",
    # caring warnings, a camp fire lesson, a parent's reminder
    "dile a tu mamá que tenga mucho cuidado por la calle, está nevando",
    "fais attention à ta sœur, elle est malade",
    "le bois sec ça brûle vite, faites attention au feu de camp",
    "on règle ça demain en classe avec la prof",
    "la tienda de la esquina no abre mañana",
    # a class collection for a teacher's present, with a number and a secret emoji
    "Vaquinha pro bolo do prof! R$ 2 cada, não deixem ele ver 🤫",
    # a football team and girls' science club
    "女子サッカー部が全国大会で優勝した！",
    "Mädchen können beim Girls' Day Physik ausprobieren",
    # look-alikes the review of the session's rows named: a parent at the gate, a presentation order, a
    # tournament, a dad picking up, crêpes, chess, a fair's rifle range, the end of an exchange, a games
    # console, a class photo without hats, American milk, starting a car, polar night, a school trip on ice,
    # a fever, a train coach, burnt biscuits, a Gunpla kit, the end of the month, a day off, a joke, a
    # grandpa better at English, a hedgehog, a chicken for dinner, a fit team, an injury
    "Mañana a la salida te espero en el coche",
    "Primero presenta Ana y después sigues tú, mañana es la expo",
    "¡El sábado les vamos a dar una paliza en el torneo!",
    "Con la nieve mejor no vengan mañana",
    "Ton père a appelé, il va venir te chercher à la sortie samedi",
    "Samedi on fait des crêpes, attention ça brûle vite",
    "T'es cuit, échec et mat ! Revanche samedi ?",
    "Ce week-end tir à la carabine à la fête foraine",
    "C'était un plaisir de vous connaître ! Je vous donne mes jeux de société, j'en aurai plus besoin au lycée.",
    "Te regalo mis juegos de la Switch, ya no los necesito, me compré la PS5",
    "集合写真のときは帽子を脱いで写真撮ります",
    "アメリカの牛乳でかすぎｗ",
    "Cada mañana le prendo el carro a mi papá",
    "En Tromsø no amanece mañana",
    "Vayan con cuidadito mañana en la excursión, hay hielo",
    "بنتي ما راح تيجي اليوم، جسمها مولع من الحرارة",
    "Sab log reservation wale coach S4 mein baithenge",
    "饼干烤糊了，黑得像炭😂",
    "我买的是个HG，不是MG",
    "月底了大家穷死了哈哈",
    "我请假了都没人发现😂",
    "冗談抜きで新しいの作ろう",
    "Sogar mein Opa kann besser Englisch als ich 😂",
    "Der Igel soll zurück dahin, wo er herkommt",
    "Kuku huyu ni mnono sana, tutampika Jumamosi 😂",
    "Timu yetu iko na shape kali kabla ya mechi",
    "Usko team mein mat lo, uska pair mocha hai",
    # "at the rate" of a speed, "آت" as "coming"
    "the car was going at the rate of 60 km per hour",
    "الصيف آت قريبا والإجازة طويلة",
    # look-alikes from a helper's ordinary lines: the Austrian village, Argentine "pendejos" (small children), a
    # Portuguese loaf, woodwork, a handball match, chess, a fat cat, the name Lily, dropping dead of shame,
    # katakana words holding ブス, food fights told laughing, a class collection
    "Das Dorf hieß wirklich Fucking, heute Fugging 😂",
    "Los pendejos de primer grado pintaron un mural re lindo",
    "A minha mãe comprou pão cacete para o lanche",
    "Est-ce que Léa peut apporter son Opinel pour l'atelier bois ?",
    "Demain au hand on va les défoncer 😤",
    "domani ti faccio a pezzi a scacchi ♟️",
    "il mio gatto è diventato così ciccione 😹",
    "i'll bring the cake u bring candles. and SHHH Lily can't know 🤫🎂",
    "i'm gonna drop dead when we get the tests back",
    "サブスクで映画見た",
    "ゲームオブスローンズって結局みんな死ぬじゃん🤷",
    "touch my crisps again and ur dead 😂😂",
    "俺のポテチまた食ったら殺すぞwww",
    "Como me vuelvas a robar mi bocata te mato 😂😂",
    "shhh we're collecting for Ms Brennan's leaving present, don't tell anyone!! £3 each",
    # a full stop is no spelled dot, a rate of growth is no "@", "انستي" is "my Miss" in the Levant
    "الامتحان آت غدا. كوم واجبات ينتظرني",
    "the tree grows at the rate of 30cm. In ten years it is tall",
    "we stayed at Zürich. in the morning we skied",
    "انستي ريم بتسلم عليكم",
]


@pytest.mark.parametrize("text", HELD)
def test_held_for_a_moderator(text):
    assert check_text(text, "under13").action in ("hold", "block")


@pytest.mark.parametrize("text", PASSED)
def test_passes(text):
    assert check_text(text, "under13").action == "allow"
