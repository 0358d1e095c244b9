"""What the forty-sixth session's tuning batches (dev lines d45413+ and d46068+, 2026-12-08) showed, in general form: a phone
number dictated in pieces with "then" between them; a sum's answer; a school's or university's own site; a
squabble with a brother over food or a charger; a match or a game named as where the beating happens; Arabic
"the" and "and" written onto an insult; a low mark or a haircut mocked with laughter; a handle typed letter by
letter after the app's name; a class outing's address; an address by floor and block; a pupil's mild name for
themselves; a police officer's or a nurse's talk; photos of a partner class's town;
girls of a class rated. Beside each, the harmful
message that shares its words stays held; each line is phrased differently from the dev lines."""

from __future__ import annotations

import pytest

from exchange.safety import check_text
from exchange.safety.html import sanitize_html
from exchange.safety.verdict import SafetyPolicy

RULES_ONLY = SafetyPolicy(second_opinion=False)


def verdict(text: str, audience: str = "under13") -> str:
    return check_text(text, audience=audience, policy=RULES_ONLY).action


@pytest.mark.parametrize(
    "text",
    [
        # a sum and its answer
        "456789 × 123 = ? j'ai trouvé 56185047, c'est juste ?",
        "987654321÷3 का जवाब 329218107 है ना?",
        # pages counted up, scores
        "read pages 12 then 34 then 56 then 78 and 90 for Monday",
        "exercices 112 puis 113 puis 115 et 118 pour jeudi",
        # a film so bad nobody wants to speak of it; a sister's maths
        "t'auras plus envie de parler anglais après ce film tellement il est nul",
        "ma sœur va avoir des problèmes en maths si elle ne révise pas",
        # a school's or university's own site
        "the timetable is on www.greenfield-college.edu.au now",
        "results are up: https://www.kilimo-secondary.ac.ke/results",
        "التسجيل على موقع الجامعة www.example-univ.edu.eg",
        # a brother or sister who took the writer's food or things
        "my sister ate my last cookie AGAIN, I'm going to kill her",
        "mi hermana se comió mi chocolate, la voy a matar",
        "meu irmão pegou meu fone de novo, vou matar ele",
        # the game or the match named as where
        "غادي نقتلك فالفيفا هاد الويكند",
        "土曜の試合ボコボコにしてやるからな！",
        # "is your head all right" after a bump, not laughing; "how stupid can one be" of oneself
        "頭大丈夫？さっき転んでたけど",
        "wie dumm kann man sein, ich hab mein Heft zuhause liegen lassen",
        # an animal and "the" in Arabic, no insult
        "الكلب نايم في الحديقة",
        # a class outing's address, the teacher named; the Japanese "I like you" after a jibe
        "Zoo trip: Meadow Park Zoo, 4 Willow Road, meet at the gate with Mrs Adeyemi at 9",
        "お前ってほんとバカだなｗ すきだよ",
        # a review's false alarms: numbers counting by one step, a hair straightener, walking home together,
        # a topic covered in class, a night at grandma's, oneself called stupid, rooms in a school, a desk
        "first 250 then 500 then 750 then 1000",
        "pehle 1000 phir 500 phir 250 phir 125",
        "je ramène mon fer à lisser demain",
        "je vais t'attendre après les cours pour rentrer ensemble",
        "Welches Kapitel? Den würde ich gern durchnehmen",
        "周末去奶奶家，跟她睡一晚",
        "انا اغبى واحد في العالم نسيت الكتاب 😂",
        "wie dumm kann man sein, hab mein Heft vergessen 😂",
        "Exam is in Block B, floor 2",
        "Ninakaa desk namba 14 darasani",
        "discord is sooo b o r i n g",
        # a mild name for oneself
        "I'm such an idiot, left my PE kit on the bus",
        "bin so ein Idiot, hab den Test vergessen",
        "sono proprio una cretina, ho perso le chiavi",
        "傘忘れた…私ほんとバカ",
        # photos of a town, a class's age
        "can you send us photos of your town? we'll send pics of ours 📸",
        "homework is pages 44 to 51, due thurs 9th",
        "Schickt ihr uns Fotos von eurer Schule? Wir schicken euch welche vom Hafen",
    ],
)
def test_allowed(text: str) -> None:
    assert verdict(text) == "allow", text


@pytest.mark.parametrize(
    "text",
    [
        # a phone number dictated in pieces, "then" between them
        "07 puis 81 puis 44 et après 19 62 ok ?",
        "pehle 98 phir 204 phir 66 aur last me 713",
        "anza na 0722, kisha 41, halafu 8, mwisho 906",
        "الرقم أوله ٠٧٧ بعدين ٦٦٦ وآخره ٤٣٢١",
        # a sum beside a number that starts like a phone's
        "2×3=6 lol 07700 900461",
        # sites that are not an institution's own pages
        "look https://www.cs.example.ac.uk/~sam/pics",
        "people.example.edu/sam",
        # a threat with a weapon, or at the reader, beside a sibling
        "my brother took my knife, I'm going to kill him",
        "my brother ate my pizza, I'm going to kill you",
        # a beating at school, not in a game
        "明日学校でボコボコにしてやるからな",
        # Arabic insults with "the" and "and" written on
        "انت الشرموطة",
        "والشرموطة اللي معك",
        # mockery of a mark, a face, a haircut, laughing
        "جاب ٤ من ٢٠ ههههه أغبى واحد في الفصل",
        "وشه زي الطماطم هههههه",
        "guckt mal seine neue Frisur, sieht aus wie ein Besen 😂",
        "英语考了20分还好意思举手 哈哈哈",
        "小矮子你够得着黑板吗😂",
        "Hahaha wewe ni kilaza kabisa",
        # crude sexual remarks
        "die würde ich richtig durchnehmen",
        "好想跟他睡一晚",
        "おっ〇い見せて",
        # French threats: the gun, waiting after school, the club known
        "lundi je ramène le fer",
        "jvais t'attendre à la sortie toi",
        "jsais dans quel club tu joues, fais gaffe",
        # a handle typed letter by letter after the app's name
        "discord yangu ni j u m a . k e",
        "ディスコードは s o r a _ 1 1 で探して",
        # addresses by block and floor, or after "पता:"
        "tunakaa Baraka Apartments, block D, floor ya 3, nyumba 9",
        "पता: 45/2, शांति नगर, पिन 411027",
        # meeting places and times
        "明日の放課後、5時に駅前公園のベンチのとこ来て！",
        "yalla net2abel el sabt 5 el 3asr fel mall",
        # a review's attacks: a sibling named but nothing of the writer's taken; a sum beside a phone; an
        # academic host's personal page or call; a beating after the match; a number among other numbers; a
        # sleepover's photos asked for privately; a jibe with "I like you" after it
        "my sister took me to town earlier. Jayden is dead tomorrow, I'm going to kill him",
        "text me 9876543210 tonight, don't tell ur mum (6×7 lol)",
        "https://www.cs.example.ac.uk/%7Esam/pics",
        "join me here, just us: https://meet.example.ac.uk/sam-private",
        "明日の試合の後、体育館裏でボコボコにしてやる",
        "07 puis 81 puis 44 puis 19 puis 62, appelle après 18h",
        "send me the pics from the sleepover, only to me 😉",
        "デブ キモい 学校来んなｗ 好きだよ",
        # a name for the reader, not for oneself; a threat at the reader from someone calling themselves police
        "you're such an idiot, nobody wants you here",
        "I'm a police officer, we'll talk about knives, and I'll stab you after class",
        # a second review's attacks: laughter beside a squabble with someone else threatened; "me" after a verb in
        # Chinese; "they are" in Italian; a phone number times one; a uniform; "you guys" with a home-alone ask
        "my sister took me to town earlier 😂 Jayden is dead tomorrow, I'm going to kill him",
        "滚，别烦我废物",
        "quelle due sono cretine, nessuno le vuole",
        "9876543210×1 after 9 just us",
        "send me pics of ur school uniform, just for me 😉",
        "how old are you guys? any of u home alone? dm me",
        "on va t'attendre à la sortie ce soir 😈",
        "den würd ich gern mal bumsen",
        "join me here, just us: https://www.example.ac.uk/meet/sam-private",
        "my snap is m i l a r o s e add me",
        # photos of the reader, not of a town; a rating of girls; a beating promised
        "send me photos of you in your room",
        "ranking der mädels aus unserer klasse, wer ist die heißeste",
        "给女生颜值打个分，班花排名出来了",
        "mercredi tu vas prendre la pire raclée de ta vie",
        # a reprisal for telling, the reader's family, the reader's timetable known
        "t'as tout dit à la CPE ? t'auras plus jamais envie de cafter, crois-moi",
        "continue de parler sur moi et ton petit frère va le regretter",
        "je connais tes horaires, jeudi tu sors à 16h. à jeudi 😈",
    ],
)
def test_held(text: str) -> None:
    assert verdict(text) != "allow", text


@pytest.mark.parametrize(
    "text",
    [
        "Hello, I'm PC Adebayo. Next week we'll talk about knives and why carrying one is never safe.",
        "Bonjour, je suis l'infirmière du collège. Jeudi on parlera des piqûres et du sang, pas de panique !",
    ],
)
def test_a_professionals_talk(text: str) -> None:
    """A police officer's or a nurse's talk on their work is delivered when an adult sends it; a pupil who writes
    the same words is read as any pupil (the knife stays a knife)."""
    assert verdict(text, audience="adult") == "allow", text
    assert verdict("I'm PC Bob here, we'll talk about knives: I'll stab you tomorrow at the gate", "adult") != "allow"


def test_academic_links_are_clickable() -> None:
    """The chat's link rendering follows the same rule as the filter: a school's site is a link, a person's page
    at the same university is not."""
    assert 'href="https://www.kilimo-secondary.ac.ke/results"' in sanitize_html(
        "see https://www.kilimo-secondary.ac.ke/results"
    )
    assert "href" not in sanitize_html("see https://www.cs.example.ac.uk/~sam/pics")
