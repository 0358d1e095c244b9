"""Threats typed as they are spoken ("je vé te tué", "te voi a kitar la vida"), a school set alight, people who
"deserve a bullet", a weapon's picture beside a time; an e-mail address given by its name and its mail host alone,
a phone number dictated piece by piece with "then" or to be "put together", a letter after every digit; abuse in
ar de hi ja sw zh (a pupil's video posted to the class, a question about underwear, exclusion, a disability or a
caste used as a name); beside the look-alikes that must pass: a school's own site in a zone for schools only, the
same words in a game, a lesson or a story (the forty-second session's rules; fictional lines written for these
tests, not lines of any evaluation set)."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    # threats typed as spoken
    "jvé te tué à la récré",
    "à la sortie t mort, sérieux",
    "demain t mort, jte préviens",
    "mañana te boy a kitar la vida wey",
    # a school set alight; people who deserve a bullet; blood promised
    "ce bahut il va flamber un jour",
    "les surveillants méritent tous une balle dans la tête",
    "esos profes se merecen un balazo",
    "te dejamos tirado en un charco de sangre",
    # veiled: the days left, turning up in the river, a house that would be a shame to burn
    "linda tu casa... sería una pena que se quemara",
    "elle est belle ta maison, ce serait dommage que ta maison crame 🙂",
    # a pupil's small sister leaving school alone, named with a warning
    "ta petite soeur elle rentre seule de l'école le mardi hein",
    # fire for the school or the reader's things, poison for a pet, a beating to take, "t mato en serio"
    "alguien debería incendiar este colegio",
    "le vamos a prender fuego a tu moto",
    "le doy veneno a tu gato y ya",
    "t mato y no es broma",
    "quelqu'un devrait mettre le feu à ce lycée",
    "tu vas prendre une raclée à la sortie",
    "m'as t'arranger le portrait demain",
    # a weapon's picture beside a time
    "🔪 lundi 17h devant le portail",
    # an e-mail given by its name and host alone
    "ajoute moi c'est lea.martin09 sur gmail",
    "my gmail is tom_brooks2012 add me",
    "الايميل تبعي sara.k2011 على الجيميل",
    "envoie à noa_24 a commercial yahoo point fr",
    "lily2011 at www.gmail dot com",
    "kavya2010 एट द रेट gmail डॉट com",
    "c'est moi sur insta, et le mail: lukas_b07 auf gmx",
    "meera.s2010 एट द रेट जीमेल डॉट कॉम",
    # a phone number dictated in pieces joined by "then", or to be put together
    "mon numéro 06 puis 71 puis 44 puis 90 puis 12",
    "0788 ... 321 ... 4456 put them together",
    # a link hidden after a closing bracket
    "regarde https://www.youtube.com/watch)https://evil-site.example/x",
    # a number typed a piece a line
    "nipigie\n07\n20\n48\n59\n83",
    "+44\n7700\n900\n123",
    "mi número\n612\n34\n56\n78",
    # holes a second review named
    "お前シネマジで",
    "je vais t'arranger le portrait",
    "faut foutre le feu au collège",
    "my gmail is lulu2010.",
    "c'est yanis.benali sur gmail",
    "kid_2010 at www.icloud.com",
    # an insult the new allowed compounds leave held; a phone number beside "my number"
    "お前でぶっちょだな",
    "mi número es 2015550123",
    # a letter after every digit
    "0m7n1p2q3r4s5t6u7v8 sans les lettres",
    # abuse: a video posted to the class, underwear, exclusion, a disability or a caste as a name
    "ولاد الشراميط ما بيفهموا",
    "نزلت صورته وهو بيعيط بالقروب",
    "ايش لون كلسونك؟",
    "mafish 7ad 3ayzak hena",
    "Deine Mutter ist doch nur ne Säuferin",
    "Was für Unterwäsche trägst du gerade?",
    "arey bahre sunai nahi deta kya",
    "yeh chamar hai isko mat chhuna",
    "sab log isko group se nikalo",
    "カメラの前で脱いでみて",
    "おまえシネ",
    "Wewe ni kiziwi au nini?",
    "Umewahi kufanya ngono?",
    "你这个结巴别说话了",
]

PASSED = [
    # a school's own site in a zone for schools only
    "Our class blog is at www.oakfield.sch.uk/year5 - have a look!",
    "学校のホームページ www.midori-es.ed.jp を見てください",
    "Ratiba iko kwenye www.shulemsingi.sc.ke/ratiba",
    # the same words in a game, a lesson or a story
    "t'es mort dans Fortnite, la prochaine fois je te couvre",
    "la prochaine fois je te préviens avant de venir",
    "cuenta los días que faltan para las vacaciones!",
    "el personaje aparece muerto en el capítulo 3",
    "ce serait dommage qu'il pleuve pour la sortie",
    "mi hermanita sale sola del cole desde este año, ya es mayor",
    "🔪🥕 on coupe les carottes à 10h en atelier cuisine",
    "los soldados prendieron fuego a la escuela en 1812",
    # numbers and words that are no contact
    "pages 12 puis 14 puis 18 pour demain",
    "my account on gmail got hacked yesterday",
    "the hash was 3fa9b2c7d1e0a4f5b6c8",
    "Je ne connais pas la chanson, tu la mets ?",
    "Was für ein Wetter heute, wir gehen trotzdem raus",
    "Mein Vater ist Busfahrer, und deiner?",
    "hamare class mein sab log bahut acche hain",
    "ビデオ通話でまた話そうね",
    "我说话有时候有点结巴，别介意",
    # look-alikes a review named (the rows and rules were narrowed for them)
    "Le voy a quitar la vida al jefe final",
    "Se merecen un tiro libre, ¡fue falta!",
    "¡Cuenta los días que te quedan para las vacaciones!",
    "Mañana vas a amanecer muerta de sueño 😴",
    "La dejamos en silla de ruedas en la entrada del hospital",
    "Notre collège va exploser le record de la collecte.",
    "Los chicos mayores son mejores en fútbol",
    "En mi cole los chicos mayores te cuidan el primer día",
    "Os meninos mais velhos são melhores no vôlei",
    "早くシネマ行こう！",
    "お前シネコン行く？",
    "ぼっち乙女ゲームやってる",
    "la2 ma 7ada bado yak trou7 🥺",
    "7ta wa7ed ma bgha yji l-match 3la qbel chta",
    "Koi unknown link bheje to sab log usko ignore karo",
    "Arey andhe umpire, wo out tha!",
    "Wanafunzi wa mwaka jana, tafadhali jiondoe kwenye group hili",
    "Mach die Jeans auf links, bevor du sie wäschst.",
    "Dein Vater ist halt Alkoholiker, das ist eine Krankheit.",
    "Je vé remuer pour pas qu'il brûle",
    "Demain je vé chez mamie, je rentre seule de l'école",
    "¡Feliz cumple! Disfruta hoy con tu familia",
    "no quiero que te pase algo, avísame cuando llegues mañana",
    "変顔写真撮った！クラス全員に見せよ😂",
    "07\n14\n21\n28\n35\n42",
    "0850\n0945\n1040",
    "page numbers 012 then 045 then 067",
    "أرقام الصفحات 120 و 135 و 150",
    "4567 aur 3289 aur 1204 ko jodo",
    "I put lesson5.pptx on icloud",
    "a long mail from mr.khan says hi2u",
    "checked my gmail today.nothing new",
    "We watched a commercial today. It was funny",
    "💦🔫 water fight at 4!",
    "1a2b3c4d5e6f7g8h9 is the grid",
    # look-alikes a second review named
    "¿Tu hermano vuelve solo del cole ya?",
    "Cuenta tus días de vacaciones",
    "Comptez vos jours d'absence",
    "En el segundo acto apareces muerta",
    "Si me haces spoiler de la peli te mato en serio 😂",
    "En Minecraft te voy a quitar la vida",
    "El chocolate puede envenenar a tu perro",
    "Notre chorale va mettre le feu à cette école",
    "Mon chien mérite une balle neuve",
    "Was für Unterwäsche hast du eingepackt?",
    "スカート短くして来て先生に怒られた",
    "شو لون البوكسر تبعكم؟",
    "7ta wa7ed ma bghak tmchi",
    "Arey langdi khelenge recess mein",
    "Ye forward fake hai, sab isko ignore karo",
    "Katika tamthilia wewe ni kipofu",
    "他长大结巴就好了",
    "Mets de la crème demain, tu vas prendre des coups de soleil",
    "Si tu veux pas être là demain, préviens",
    "Pour toi ce sera pire demain avec la chaleur",
    "Mañana no vas a tener tanta suerte con el tiempo",
    "I saved homework3 on icloud",
    "covid19 on yahoo news today",
    "Outlook: year7 trip letters are out",
    "250 g de farine, 125 g de beurre, 1000 ml de lait, mets-les ensemble",
    "0850\n0940\n1040",
    # a relay won by a mile (particle で before a ぶっ-compound); a file number that starts with its year
    "リレーでぶっちぎりの1位だった！",
    "リハなしでぶっつけ本番だった",
    "O número de inscrição da equipa é 2025-204817, guardem bem.",
    "Il numero di protocollo della domanda è 2025/0772",
]


@pytest.mark.parametrize("text", HELD)
def test_held_for_a_moderator(text):
    assert check_text(text, "under13").action != "allow", text


@pytest.mark.parametrize("text", PASSED)
def test_passes(text):
    assert check_text(text, "under13").action == "allow", text
