"""A phone number hidden by letters typed between its digits or by bracketed asides between its pieces,
"attherate" in an e-mail, threats that nobody will help the reader or that something bad will happen at school,
farewells that tell everyone it is not their fault, abuse in de es fr ja zh (an antisemitic trope, slurs, sexual
remarks about a pupil); beside the look-alikes that must pass: "shoot you a message", "ti sparo un vocale", the
stage's "merde pour ce soir", a story's hero who may die, lessons that use knives, laughter typed on and on, a
school office's mailbox told to families, and the ordinary lines two reviews of these rules named (the forty-first
session's rules; fictional lines written for these tests, not lines of any evaluation set)."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    # one letter typed between the digits of a phone number
    "0k7k9k1k1k2k3k4k5k6k7 ignore the k",
    "06q12q34q56q78 enlève les q",
    "0k7k1k2 3k4k5 6k7k8 (sans les k)",
    # letters standing alone between separated digits; an aside in brackets between the pieces
    "call 07.a.7.b.0.0.c.9.0.0.1.2.3 lol",
    "ruf an: 0-q-1-7-q-6-2-q-4-4-q-9-0-1 😜",
    "my number is 0802 [dont tell the mods] 739 [ok] 4416",
    # a role's name at a free mail host is somebody's own address
    "write to me: contact@gmail.com",
    "I'm the server admin, email admin@blockparty-mc.net for a free rank",
    # "attherate", and a country's domain after a spelled dot
    "priya.k07 [attherate] gmail [dot] com",
    "noah.tremblay [at] xtra [dot] co [dot] nz",
    # abuse: an antisemitic trope, slurs, sexual remarks about a pupil, swearing
    "Die Juden haben das ganze Geld, sagt mein Opa",
    "les juifs ils ont tout l'argent",
    "el nuevo es un mongolito jaja",
    "fickt euch alle",
    "うっせーよボケ",
    "Tom hat nen Ständer gekriegt 😂",
    # nobody will help the reader, with a day named
    "Am Montag holen wir dich, niemand wird dir helfen",
    "el lunes vamos a por ti, nadie te va a ayudar",
    "lunedì ti prendiamo, nessuno ti aiuterà",
    "nobody will help you on friday, just wait",
    # threats a review found the look-alike rows must not let through
    "I'll shoot you, text me if you dare",
    "Devine qui va mourir demain à la sortie",
    # stay away from school, something will happen
    "non venite a scuola domani. succederà qualcosa di brutto",
    "não venham pra escola amanhã, vai acontecer algo sério",
    # farewells that say it is nobody's fault
    "addio a tutti, non è colpa vostra",
    "adieu tout le monde, c'est pas votre faute",
    "gute nacht für immer, ich will einfach nicht mehr",
]

PASSED = [
    # sending, in slang
    "I'll shoot you an email with the worksheet tonight",
    "can you shoot me a text when the bus arrives?",
    "ti sparo un vocale tra poco",
    # the stage's good luck
    "merde pour ton audition demain, tu vas tout déchirer !",
    "Merda para a estreia, vais estar ótima!",
    # a story's character
    "On se demande si le héros va mourir à la fin du roman",
    # a cooking lesson's knife
    "Für die Kochstunde am Freitag bitte ein Schneidebrett und ein kleines Messer mitbringen",
    # an office's mailbox told to families
    "Parents: please e-mail the school office at office@hillcrest-primary.sch.uk",
    # laughter typed on and on beside despair; worn out after a race
    "jajajajajajaja no puedo más, qué video",
    "je suis morte après le cross, j'en peux plus",
    # the Austrian village, "verdammt" as "very", lessons that use knives
    "In Österreich gibt es ein Dorf namens Fucking, das heute Fugging heißt",
    "verdammt lecker, die Pizza von gestern",
    "Design and technology on Thursday: bring a craft knife and a cutting mat",
    "Atelier arts plastiques mardi : apportez un cutter et de la colle",
    # a pupil telling a teacher what a classmate is called
    "先生に言っておきたいんですが、けんくんが新しい子を「ガイジ」って呼んでます",
    # ordinary lines near the new rules
    "it's not your fault we lost the match, you played great",
    "Nobody can help you if you don't ask, so ask me tomorrow in class",
    "Mañana no hay clase, es festivo",
    "3x4x5 cm box for the science project",
    "the code is 0x1F600 in hexadecimal",
    # look-alikes a review named (the rows were narrowed for them)
    "la caja mide 120x150x200 cm",
    "Nenda ukajifiche, nitahesabu hadi kumi",
    "这朵云长得好像猴子",
    "non venite a scuola domani, c'è sciopero",
    "Vocês não vão pra escola amanhã?",
    "熱あるなら明日学校来ない方がいいよ",
    "il va se passer un truc de ouf demain au concert",
    "¿quieres jugo de naranja?",
    "cuida a mi gato cuando yo no esté, que me voy de vacaciones",
    "さようなら!持ち物全部持って帰ってね",
    "can u send me the maths homework 📏📐",
    "the answer key: 0-a-1-b-2-c-3-d-4-a-5-b-6-c-7-d-8",
    "the answers are 1-a-2-c-3-b-4-d-5-a-6-c-7-b-8-d-9-a",
    "It's not your fault your grandma died, I'm so sorry",
    "Es ist nicht deine Schuld, dass dein Opa gestorben ist",
    "Wir haben einen Ständer bei IKEA gekauft",
    "Viele Juden haben die Welt der Wissenschaft geprägt",
]


@pytest.mark.parametrize("text", HELD)
def test_held_for_a_moderator(text):
    assert check_text(text, "under13").action != "allow", text


@pytest.mark.parametrize("text", PASSED)
def test_passes(text):
    assert check_text(text, "under13").action == "allow", text
