"""Numbers that classroom talk is full of (a product's code or barcode, a times table, the digits of pi, a sum
to work out, a count of words due) pass, while a phone number dictated in pieces with pauses, a Japanese block
address and a street beside a clock time are told apart; deaths counted in a game, a six in cricket and a fat pet
cat pass; threats in es and fr (a stab, scissors or a fork named, fire for a pupil's hair, poison for a pet, a
wait at the school gate, snitches warned), work mocked as made "with the feet", a short skirt ordered, a new group
made without the reader, half a phone number with the rest promised later, a game's PIN, a mild word over a
slip laughed at (the forty-third session's rules; fictional lines written for these tests, not lines of
any evaluation set)."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    # a number dictated in pieces, a pause before each, with or without a phone word
    "07 61... attends le surveillant passe... 42 18 ... 93",
    "text me 07911 ... brb ... 123 ... 456",
    "area code 312 then 555 ... then 0178 ok",
    # Japanese block addresses
    "うちは札幌の北5条東3丁目だよ",
    "住所は駅前二丁目七の三のアパート",
    # a street still given with its house number
    "vivo en la calle Olmo 23, ven cuando quieras",
    # threats in es and fr
    "si me vuelve a insultar le meto una puñalada",
    "te vamos a dejar que no te reconozca ni tu madre",
    "a tu perro le rompo las patas si hablas",
    "ojalá te atropelle el bus mañana",
    "le voy a clavar el compás en la mano",
    "vas a acabar en el hospital y tu mama tendra que recogerte al hospital",
    "mañana llevo gasolina al cole, ya podéis rezar",
    "jvais lui mettre le feu aux cheveux pendant la récré",
    "je te plante un compas dans la main si tu recommences",
    "demain jte mets un coup de ciseaux dans l'oeil",
    "ton chien il va finir dans le congélateur, continue",
    "tu sais ce qui arrive aux poukaves ? bientôt ton tour",
    "fais gaffe à ta petite soeur, on sait où tu habites",
    "on va t'attendre avec mes cousins à la sortie",
    "k t bo a reventar la kara mañana",
    # work mocked as made with the feet; a short skirt ordered; left out of a new group
    "tolles Bild, hast du das mit den Füßen gemalt?",
    "wow nice poster, you drew it with your feet",
    "你用脚写的吧这作文",
    "お前これ足で描いたの？",
    "umechora kwa miguu au?",
    "zieh morgen wieder den kurzen Rock an",
    "ponte otra vez la minifalda mañana",
    "wear that short skirt again tomorrow",
    "🍑🔥 when she walks past",
    "wir haben eine neue Gruppe gemacht ohne dich",
    "tumeunda group mpya ya class bila wewe",
    "お前は入れてないから",
    "fala mkubwa wewe",
    # half a number now, the rest later or in private
    "mi número empieza por 0611, el resto por privado",
    "first part 07911 4.. rest in dm",
    "07 12 45 ... la suite en mp",
    # more threats; the class laughing at the reader; nobody invited them
    "tu vas manger tes dents à la sortie",
    "te corto la lengua si lo cuentas",
    "ce soir je t'envoie mes cousins, ils vont te défoncer",
    "alle haben über dich gelacht 😂",
    "nobody invited you to the party lol",
    "toda la clase se rió de ti",
    # from the review: a phone word beats a quiz word; an emoticon is no sum; a house number after a clock time
    "kahoot tomorrow! text me on 07700 900123 if u want to team up",
    "my new number 07700900123 =D",
    "ven a la calle Mayor a las 5, al número 23, 2ºB",
    "over acting band kar chakke",
    # from the second review: the number word nearest the digits; a number after "="; a quiz word and a 0
    "call me after school ok? my number starts 07700 … wait … 900 … 123",
    "first 5 digits are 07700, i'll send the rest in dm",
    "mon num = 06 12 34 56 78",
    "kahoot pin 07700900123 😉",
    "snap: sophiaxo wbu?",
    "ven a la calle Pez a las 5, es el 23, 2ºB",
]

PASSED = [
    # a product's code or barcode; a times table; pi; a sum; words due
    "the product code on the box is 07700 431 552",
    "Artikelnummer 0172-5531-904 steht auf der Rechnung",
    "código de barras 8437 1234 5678 2 en la etiqueta",
    "シリアル番号 4988 1234 5678 0 をメモして",
    "9 ka pahada: 9 18 27 36 45 54 63 72 81 90",
    "12 24 36 48 60 72 84 96 108 120 is the twelve times table",
    "pi: 3,14159 26535 89793 23846 hab ich auswendig",
    "Ejercicio 2: 615 238 / 7 = ?",
    "essay on the war of 1812. 500 words, due Monday",
    "pages 02... 14... 27... 33 for the quiz",
    # a clock time after a street word; a game's heading with a question
    "la carrera empieza a las 9, traed agua",
    "Minecraft: wer hat meine Truhe geleert?",
    # deaths counted in a game; a six in cricket; a fat pet cat
    "morri tipo 25 vezes no chefão, não aguento mais kkkk",
    "ボスに20回死んだ、もう無理w",
    "died like 40 times on level 3, i can't anymore lol",
    "aaj ke match mein 4 chhakke lage",
    "うちのデブ猫が寝てる",
    # idioms and lessons beside the new rows
    "ça va mettre le feu aux poudres",
    "la prof de cuisine a dit de couper avec le couteau à pain",
    "mit den Füßen abstimmen ist eine Redewendung",
    "Mein Opa liegt im Krankenhaus, es geht ihm aber besser",
    "Ci vediamo il 12/05 alle 15:30 davanti al CDI",
    "rdv le 14/05 à 10h devant le CDI pour l'exposé",
    # a quiz's game PIN, a race number, a test id, a list of days
    "kahoot pin 517 2290 quick",
    "PIN de kahoot : 391 8820",
    "Teilnehmernummer 41187 2290 für den Wettbewerb",
    "test ID 2024-0612-17 on the sheet",
    "los exámenes son el 3/6 10/6 17/6",
    # a mild word over a slip laughed at; the rest of a chapter later
    "omg you idiot you posted it in the wrong group 😂😂",
    "seu burro mandou no grupo errado kkkkkkk",
    "page 0145 finie, la suite demain",
    # from the review: idioms, lessons and kind words beside the new rows
    "con ese corte de pelo no te va a reconocer ni tu madre 😂",
    "tranquila, nadie te quiere obligar a hablar en público",
    "Zoom mal rein, dann seh ich mehr",
    "quelqu'un peut taper le compte rendu ?",
    "regardez ce qui arrive aux balances quand on ajoute 2 kg",
    "il gol l'hai fatto con il piede sinistro?",
    "Ukimwambia mwalimu, utaona atakusaidia",
    "Juma, kikundi bila wewe hakitamaliza kazi",
    "mamie a fait une tarte aux pêches 🍑🍑",
    "ce soir on va mettre le feu à la baraque 🔥🎉",
    "attention tu vas te brûler avec le bec Bunsen",
    "hay que clavar el compás en el punto A",
    "05... 04... 03... 02... 01... 🚀 vacances !!",
    "Abgabe 03.11.2024, den Rest besprechen wir Montag",
    # from the second review
    "Ton cahier ? Je sais où il est, il est resté dans la classe",
    "Chicos, antes de entrar a clase pueden rezar en la capilla del colegio",
    "On va t'attendre à 10 heures devant le musée",
    "qui veut défoncer le boss final avec moi ce soir ?",
    "Demain au collège il va t'arriver quelque chose de génial 😉",
    "On vient te choper devant le collège à 17h",
    "明天别再穿那条短裙来学校了",
    "please don't wear that short skirt again, it's not uniform",
    "大丈夫、みんなお前のこと笑ってないよ",
    "en el recreo le doy un pinchazo de insulina",
    "fees ke pehle ke 9000 de diye, baaki next month",
    "最初の6000円は払った、残りは来月",
    "この絵、足で描いたの！？すごい",
]


@pytest.mark.parametrize("text", HELD)
def test_held_for_a_moderator(text):
    assert check_text(text, "under13").action != "allow", text


@pytest.mark.parametrize("text", PASSED)
def test_passes(text):
    assert check_text(text, "under13").action == "allow", text
