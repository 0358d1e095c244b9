"""When a child is alone, and where: a routine a stranger could use to find them.

"I walk home alone down the alley behind the co-op every day at 3:20", "ma mère bosse de nuit,
je suis seule à la maison de 20h à 7h", "爸妈7点以后才回来，下午家里就我一个": no address, no
number, yet a stranger learns where and when to find the child on their own. Three things in
one message make it: a word of being alone ("alone", "allein", "seule", "da sola", "sozinha",
"одна", "peke yangu", "akeli", "لوحدي", "一个人", "ひとり"), a time or a habit (a clock time,
"every day", "on Saturdays", "nights", "每天"), and home, the way home or a place (home, the
way home, a park, a library...). Advice is not a disclosure: "never walk home alone at night"
stays allowed.

A vehicle's number plate after its word ("reg KX19 TYP", "Kennzeichen K LM 4821", "车牌京A·3K7Q2")
is the other kind of detail that leads to a child's door: it is found here too.
"""

from __future__ import annotations

import re

# the meeting reader's word edges, clock times and place nouns: one definition of each
from .pii_access import find_access_codes, find_hidden_keys, find_pointed_windows
from .pii_meeting import _B, _E, _PLACE_NOUN, _TIME, Found

_ALONE = re.compile(
    _B + r"(?:alone|by myself|by meself|on my own|home alone|allein|alleine|sturmfrei|seule?|tout seul|toute seule|"
    r"sol[ao] en (?:casa|ksa)|siempre sol[ao]|(?:voy|vuelvo|estoy|me quedo|regreso|camino) sol[ao]|"
    r"da sol[ao]|sozinh[oa]|один|одна|одна дома|один дома|peke yangu|niko solo|akela|akeli|akele|"
    r"अकेला|अकेली|अकेले|لوحدي|لحالي|وحدي|lewa7di|lwa7di|la7ali|la7ale|"
    # nobody else there: "nobody's home", "just me", "ghar pe koi nahi hota", "ما في أحد بالبيت"
    r"nobody(?:'s| is)? (?:at )?home|no one(?:'s| is)? (?:at )?home|nobody(?:'s| is)? there|just me|only me|"
    r"niemand|keiner (?:zu hause|daheim|da)|nur ich|personne (?:à la maison|chez moi|chez nous)|que moi|"
    r"no hay nadie|nadie en (?:casa|ksa)|solo yo|não tem ninguém|nao tem ninguem|ninguém em casa|só eu|"
    r"non c'è nessuno|nessuno a casa|solo io|никого нет|никого не будет|только я|hakuna mtu|mimi tu|"
    r"koi nahi (?:hota|hai|rehta|hoga)|कोई नहीं (?:होता|है|रहता)|sirf main|"
    r"ما في (?:أحد|احد|حد)|مافي (?:أحد|احد|حد)|محد (?:بالبيت|في البيت)|ما فيه (?:أحد|احد))"
    + _E
    + r"|一个人|我自己|独自|就我一个|ひとり|一人で|一人なんだ|혼자|家里没人|家里没有人|只有我|誰もいない|誰もいなく|私だけ"
)
_HABIT = re.compile(
    _B
    + r"(?:every ?day|every (?:mon|tues|wednes|thurs|fri|satur|sun)day|on (?:mon|tues|wednes|thurs|fri|satur|sun)days|each day|weekdays|nights|afternoons|"
    r"jeden tag|täglich|(?:mon|diens|mittwoch|donners|frei|sams|sonn)tags|nachmittags|nachts|bis morgens|"
    r"tous les jours|chaque jour|tous les (?:lundis|mardis|mercredis|jeudis|vendredis|samedis|dimanches)|de nuit|"
    r"todos los días|todos los dias|cada día|cada dia|los (?:lunes|martes|miércoles|miercoles|jueves|viernes|sábados|sabados|domingos)|"
    r"toda la tarde|por las tardes|"
    r"ogni giorno|tutti i giorni|il pomeriggio|di notte|ogni (?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)|"
    r"todo dia|todos os dias|toda tarde|de noite|à noite|"
    r"каждый день|каждую (?:субботу|среду|пятницу)|каждое воскресенье|по (?:понедельникам|вторникам|средам|четвергам|пятницам|субботам|воскресеньям)|днём|днем|ночью|"
    r"kila siku|kila (?:jumatatu|jumanne|jumatano|alhamisi|ijumaa|jumamosi|jumapili)|usiku|mchana|"
    r"roz|har din|रोज़|रोज|हर दिन|dopahar|रात|"
    r"كل يوم|كل سبت|كل جمعة|بالليل|kol yom|kol el 3asr|kol yo?m|"
    # a stretch of days: "this weekend", "for 3 days", "till Sunday"
    r"(?:this |the |all )?weekend|wochenende|week-end|fin de semana|fim de semana|fine settimana|выходные|"
    r"wikendi|mwisho wa wiki|\d+ (?:days|tage|jours|días|dias|giorni|дня|дней|siku)|\d+ din|din ke liye|"
    r"दिन के लिए|الويكند|(?:لآخر|لاخر|آخر|اخر) (?:الأسبوع|الاسبوع)|عطلة نهاية الأسبوع)"
    + _E
    + r"|周末|週末|这几天|这周"
    + r"|每天|天天|每周|每个周|下午|晚上|毎日|毎週|夜勤|午後|매일"
)
_HOME = re.compile(
    _B + r"(?:home|house|the way home|walk home|alley|shortcut|footbridge|path|"
    r"daheim|zuhause|zu hause|heim|nach hause|"
    r"maison|chez moi|je rentre|chemin|"
    r"casa|ksa|camino|strada|sentiero|caminho|trilha|"
    r"дома|домой|через гаражи|"
    r"nyumbani|njia|keja|"
    r"ghar|ghr|घर|raste|रास्ते|"
    r"البيت|بالبيت|الطريق|beit|el beit|bei uns|bei mir)" + _E + r"|家|回家|小路|帰"
)
# "Never walk home alone", "don't stay home alone": advice, not a disclosure.
_ADVICE = re.compile(
    _B
    + r"(?:never|don't|dont|do not|shouldn't|should not|nie|niemals|nicht|jamais|ne pas|nunca|no (?:vuelvas|vayas|te quedes)|"
    r"non (?:tornare|andare|restare)|não (?:volte|vá|fique)|никогда не|не (?:ходи|оставайся)|kamwe|kabhi mat|لا تمشي|لا تروح)"
    + _E
    + r"|不要|别|しないで|しない"
)

# Schoolwork beside it: "I'm home alone till 5, so I'm starting the slides, join the shared doc".
_TASK = re.compile(
    _B + r"(?:slides?|doc|homework|project|presentation|diapos|exposé|devoirs|hausaufgaben|referat|deberes|tarea|"
    r"presentación|compiti|ricerca|dever de casa|trabalho|apresentação|домашк\w*|презентаци\w*|kazi ya nyumbani|"
    r"प्रोजेक्ट|واجب|المشروع)" + _E + r"|作业|宿題|スライド|课件"
)
_PLATE_WORD = re.compile(
    _B + r"(?:number ?plate|plate|reg|registration|licen[cs]e plate|kennzeichen|nummernschild|matrícula|matricula|"
    r"targa|placa|plaque|immatriculation|immatricul[ée]e?|госномер|номер машины|номер|namba ya gari|namba|"
    r"gaadi ka number|gadi ka number)" + _E + r"|车牌|ナンバー|गाड़ी का नंबर|गाडी का नंबर|رقم اللوحة|لوحة السيارة"
)
_VEHICLE = re.compile(
    _B
    + r"(?:car|auto|voiture|coche|carro|macchina|машин\w*|лада|gari|गाड़ी|gaadi|golf|corsa|clio|panda|gol|prius|swift|probox)"
    + _E
    + r"|车|車|سيارة"
)


# the film: "we watched Home Alone this weekend"
_TITLE = re.compile(r"(?:watch|watched|watching|seen|saw|love|like)\s+home alone|home alone\s+(?:\d|film|movie)")


def find_alone_routines(text: str, lower: str | None = None) -> list[Found]:
    """Being alone, a time or habit, and home or a place, in one message that is not advice."""
    lower = text.lower() if lower is None else lower
    alone = _ALONE.search(lower)
    if alone is None or _TITLE.search(lower):
        return []
    when = _TIME.search(lower) or _HABIT.search(lower)
    if when is None:
        return []
    where = _HOME.search(lower) or _PLACE_NOUN.search(lower)
    if where is None or _ADVICE.search(lower, max(0, alone.start() - 30), alone.start()) or _TASK.search(lower):
        return []
    start = min(alone.start(), when.start(), where.start())
    end = max(alone.end(), when.end(), where.end())
    return [("pii_location", 3, (start, end), "pii:alone_routine")]


def find_plates(text: str, lower: str | None = None) -> list[Found]:
    """A vehicle's number plate: its word, a vehicle nearby, and letters with digits after the word."""
    lower = text.lower() if lower is None else lower
    word = _PLATE_WORD.search(lower)
    if word is None or _VEHICLE.search(lower) is None:
        return []
    tail = text[word.end() : word.end() + 24]
    digits = sum(c.isdigit() for c in tail)
    letters = sum(c.isalpha() for c in tail[:16])
    if digits < 2 or letters < 1:
        return []
    return [("pii_id", 3, (word.start(), min(len(text), word.end() + 16)), "pii:plate")]


def find_ways_in(text: str, lower: str) -> list[Found]:
    """What leads a stranger to the child's door without an address: a number plate, a door or
    gate code, the bedroom window pointed out (``pii_access``)."""
    return (
        find_plates(text, lower) + find_access_codes(text) + find_pointed_windows(text) + find_hidden_keys(text, lower)
    )
