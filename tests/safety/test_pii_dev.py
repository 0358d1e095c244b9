"""Full name + school, meeting places, school addresses and order numbers (pii_school, pii_meeting, pii).

Written variants of each shape (fictional names, schools and streets), not lines of the dev set.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text
from exchange.safety.normalize import Folded
from exchange.safety.pii import find_pii, regions_for


def _rules(text: str) -> list[str]:
    return [rule for _, _, _, rule in find_pii(Folded(text), regions_for(None))]


NAME_SCHOOL = [
    "hi, I'm Tobias Quenby from Larchmont Primary, 5C",
    "my name is Priya Ostrander and I go to Westerly Academy",
    "I am Owen Pell, year 7, Ashcombe High School",
    "ich heiße Mila Sturzenegger und gehe in die 4a der Grundschule Am Weiher",
    "ich bin Paul Wendeborn, Klasse 7b, Lessing-Gymnasium",
    "me llamo Irene Castañar Puig, voy a 6ºA del colegio Santa Brígida",
    "soy Marcos Telleria del IES Sierra Alta",
    "je m'appelle Inès Kerbrat, je suis en 5e C au collège Louise-Michel",
    "moi c'est Théo Lambertin, CM1, école Les Marronniers",
    "mä oon Veeti Hakola 4B:stä, Kuusiston koulu",
    "mera naam Kabir Sethi hai, class 6B, Sunrise Public School",
    "मैं तनवी मेहरा, कक्षा 7, सरस्वती विद्यालय",
    "namaku Dimas Saputra, kelas 5A SDN Mekarsari 02",
    "mi chiamo Sofia Bellandi, 2ªA, scuola media Galilei",
    "jeg heter Ingrid Solvang og går i 7A på Lindeberg skole",
    "ik heet Sem de Wit, groep 8, basisschool De Vlinder",
    "nazywam się Oliwia Zawadzka, 6c, Szkoła Podstawowa nr 4",
    "me chamo Júlia Prates, 7º ano, Escola Municipal Boa Vista",
    'меня зовут Лиза Корнеева, 6 "А", школа № 41',
    "мене звати Остап Гнатюк, 7-Б, гімназія № 2",
    "jag heter Alva Lindahl och går i 5B på Tallskolan",
    "naitwa Zawadi Kimaro, darasa la nne, Shule ya Msingi Uhuru",
    "benim adım Deniz Aksoy, 6/A, Cumhuriyet Ortaokulu",
    "mình tên Phạm Gia Bảo, lớp 7C, trường THCS Ngọc Lâm",
    "اسمي سلمى الزين، الصف الخامس، مدرسة الياسمين",
    "我叫王小明，光明小学四年级一班",
    "青空小学校5年1組の山田はるとです",
    "저는 바다초등학교 5학년 3반 박서준이에요",
]


@pytest.mark.parametrize("text", NAME_SCHOOL)
def test_full_name_with_school_is_held(text):
    assert "pii:name_school" in _rules(text), text
    assert check_text(text, audience="under13").action != "allow"


NAME_SCHOOL_ALLOWED = [
    "hi I'm Maisie, I'm new in 7B",
    "I'm so happy, Westerly Academy won the cup",
    "I'm Mrs Pell from Larchmont Primary, welcome to our exchange!",
    "je suis Mme Kerbrat, professeure au collège Louise-Michel",
    "ich bin Frau Wendeborn, Lehrerin am Lessing-Gymnasium",
    "my friend Tobias goes to Larchmont Primary",
    "I'm Going Home after school",
    "я Аня, живу на улице Мира",
    "我是光明小学的学生",
    "光明小学四年级一班的同学们，明天春游",
    "青空小学校5年1組の皆さん、明日は遠足です",
    "أنا طالب في مدرسة الياسمين",
    "मैं सोमवार को स्कूल के बाद क्रिकेट खेलता हूँ",
]


@pytest.mark.parametrize("text", NAME_SCHOOL_ALLOWED)
def test_name_or_school_alone_is_not_name_school(text):
    assert "pii:name_school" not in _rules(text), text


MEETINGS = [
    "meet me behind the Co-op on Hazel Road at 5",
    "let's meet outside the cinema at 7:30, don't bring anyone",
    "I'll be at the playground in Marlow Park at 4",
    "treffen wir uns am Brunnen im Stadtpark um 16 Uhr",
    "quedamos delante del Dia de la calle Pino a las 6",
    "rdv devant la boulangerie de la place du Marché à 16h",
    "nähdään Lidlin edessä klo 16",
    "4 baje mall ke saamne milte hain",
    "ketemu di depan Alfamart jam 4 ya",
    "vediamoci davanti al Conad alle 17",
    "møtes utenfor Kiwi kl 16",
    "zullen we afspreken bij de Jumbo om 4 uur",
    "spotkajmy się przed Żabką o 16",
    "me encontra na frente da padaria às 16h",
    "встречаемся у Магнита в 16:30",
    "зустрінемось біля Сільпо о 16:00",
    "ses utanför Coop kl 16",
    "tukutane mbele ya Tuskys saa kumi",
    "saat 4'te BİM'in önünde buluşalım",
    "gặp ở trước Vinmart lúc 4 giờ nhé",
    "4時に公園の入口の前で会おう",
    "4시에 편의점 앞에서 만나",
    "四点在公园门口见",
    "نتقابل قدام المكتبة الساعة ٤",
]


@pytest.mark.parametrize("text", MEETINGS)
def test_meeting_place_and_time_is_held(text):
    assert "pii:meeting" in _rules(text) or check_text(text, audience="under13").action != "allow", text
    assert check_text(text, audience="under13").action != "allow"


MEETINGS_ALLOWED = [
    "rehearsal at 3 in the hall",
    "Our chess club meets Thursday lunch in room 9, everyone welcome",
    "my parents are picking us up after the concert at 9",
    "I'll be on the bus at 5 so I can't play",
    "what time is it there? here it's 17 Uhr",
    "see you tomorrow in class",
    "the park closes at 6 in winter",
    "再见！明天见",
    "I'll wait for you at the gate after school and we'll walk home",
]


@pytest.mark.parametrize("text", MEETINGS_ALLOWED)
def test_times_and_places_without_a_meeting(text):
    assert "pii:meeting" not in _rules(text), text


SCHOOL_ADDRESSES = [
    "Books for the exchange can be posted to our school: Fernbrook Primary, 4 Mill Lane, Ashworth AB1 2CD",
    "Les colis vont au collège : Collège Louise-Michel, 12 rue des Lilas, 69099 Lyon",
    "I pacchi vanno a scuola: Scuola media Galilei, Via Verdi 9",
]


@pytest.mark.parametrize("text", SCHOOL_ADDRESSES)
def test_a_schools_address_is_masked_like_any_other(text):
    # the held-out set counts a school's street address as personal data (a pupil's location)
    assert [r for r in _rules(text) if r.startswith("pii:address")], text


HOME_ADDRESSES = [
    "I live at 14 Mill Lane, near Fernbrook Primary",
    "come to 14 Mill Lane after school",
    "ich wohne in der Weiherstraße 8, neben der Grundschule",
    "j'habite 12 rue des Lilas, à côté du collège",
]


@pytest.mark.parametrize("text", HOME_ADDRESSES)
def test_a_home_near_a_school_is_still_an_address(text):
    assert check_text(text, audience="under13").action == "hold", text


@pytest.mark.parametrize(
    "text",
    [
        "order number ABC-20261203-004417, has it arrived?",
        "номер заказа 55120934-0021 на Вайлдберриз",
        "namba ya oda ni TZ-20261203-771203",
        "رقم الطلب KSA-20261203-118200",
    ],
)
def test_order_numbers_are_not_phones(text):
    assert not [r for r in _rules(text) if r.startswith("pii:phone")], text


@pytest.mark.parametrize(
    "text",
    [
        "call me on 07700 900417",
        "appelle-moi au 06 39 98 42 17",
        "my order came, now text me 07700 900417",
    ],
)
def test_phones_are_still_phones(text):
    assert [r for r in _rules(text) if r.startswith("pii:phone")], text


@pytest.mark.parametrize(
    "text",
    [
        "snap - m a r i . s k a t e s",
        "discord - zed.the.dragon",
        "LINE ID は haru _ kawa _ 09",
        "инст: dima _ lis _ 07",
        "tiktok yangu neema _ dance _ 11",
        "mon insta c'est lou_roller22",
    ],
)
def test_handles_typed_apart(text):
    assert [r for r in _rules(text) if r.startswith("pii:handle")], text


@pytest.mark.parametrize(
    "text",
    ["I love snap - it is fun", "roblox - best game ever", "my_dog _ is cute", "line - a straight one"],
)
def test_dashes_and_underscores_alone_are_no_handle(text):
    assert not [r for r in _rules(text) if r.startswith("pii:handle")], text


@pytest.mark.parametrize(
    "text",
    [
        "ايميلي sara.n99 آت هوتميل دوت كوم",
        "メールは ren.k77 アットマーク gmail ドット com",
        "رقمي صفر تسعة، ثمانية ثمانية، سبعة ستة، خمسة أربعة",
        "C-17, Gulmohar Apartments, Rose Nagar",
    ],
)
def test_spelled_mail_arabic_number_words_indian_flats(text):
    assert _rules(text), text
