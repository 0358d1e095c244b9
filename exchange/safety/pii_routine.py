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
    _B
    + r"(?:alone|by myself|by meself|on my own|home alone|allein|alleine|sturmfrei|seule?|tout seul|toute seule|tt seul|tte seule|"
    r"sol[ao] en (?:casa|ksa)|siempre sol[ao]|(?:voy|vuelvo|estoy|me quedo|regreso|camino|andando|caminando) sol[ao]|solit[ao]|"
    r"casa libera|sturmfrei|house to myself|the house to myself|la maison pour moi|иду сам|иду сама|хожу сам|хожу сама|"
    r"no viene a buscarme|no me viene a buscar|vient pas me chercher|nobody picks me up|no one picks me up|i wait outside|"
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
    + r"|一个人|我自己|自己走|自己回家|独自|迎えに来ない|就我一个|ひとり|一人で|一人なんだ|혼자|家里没人|家里没有人|只有我|誰もいない|誰もいなく|私だけ"
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
    r"ghar|ghr|घर|raste|रास्ते|a piedi|a pie|à pied|zu fuß|zu fuss|a pé|peshi|पैदल|kwa miguu|пешком|ماشي|ماشية|"
    r"البيت|بالبيت|الطريق|beit|el beit|bei uns|bei mir)" + _E + r"|家|回家|小路|帰|走路|篮球场|小区"
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
    r"gaadi ka number|gadi ka number|car ka number)"
    + _E
    + r"|车牌|ナンバー|(?:गाड़ी|गाडी|कार) का नंबर|رقم اللوحة|لوحة السيارة|"
    r"رقم (?:ال)?سيار[ةه]"
)
_VEHICLE = re.compile(
    _B
    + r"(?:car|auto|voiture|coche|carro|macchina|машин\w*|лада|gari|गाड़ी|कार|gaadi|golf|corsa|clio|panda|gol|prius|swift|"
    r"probox)" + _E + r"|车|車|سيارة"
)


# Where a child can be found, told as a habit: "im at the skate park behind Oakridge every sat
# around 4", "je prends le bus à l'arrêt rue des Tilleuls chaque matin à 7h45", "bin jeden samstag
# um 4 auf dem spielplatz neben meiner schule". The writer's own presence, a public place, a habit or
# a clock time, and what makes the place findable (a landmark beside it, a street, a way out of
# school, an invitation). "Le samedi je vais à la piscine" (a textbook sentence) has none of the last.
_PRESENCE = re.compile(
    _B + r"(?:i'?m|im|i am|i'?ll be|i go|i wait|i come out|i get the bus|i catch the bus|i take the bus|i walk|"
    r"find me|drops me(?: off)?|we live|je suis|jsuis|j'suis|chuis|je sors|je prends|j'attends|jattends|j'y passe|"
    r"jy passe|me trouver|me dépose|on habite|estoy|salgo|cojo|espero|bajo a|vuelvo|me encuentras|me deja|vivimos|"
    r"bin|ich bin|steh|stehe|komm|komme|warte|findest mich|setzt mich ab|wir wohnen|"
    r"estou|tô|to sempre|fico|saio|pego|desço|desco|me encontra|me deixa|moramos|"
    r"sono|sto|esco|prendo|aspetto|mi trovi|ci passo|mi lascia|abitiamo|"
    r"я|жду|выхожу|меня можно найти|мы живём|мы живем|niko|nipo|huwa|nasubiri|natoka|utanipata|tunaishi|"
    r"मैं|main (?:roz|har|hamesha)|hota hu|hoti hu|hota hoon|hoti hoon|rehta hu|rehti hu|nikalta hu|nikalti hu|"
    r"milunga|milungi|मिलूंगा|मिलूंगी|मिलता हूँ|मिलती हूँ|"
    r"أكون|بكون|بتلاقيني|تلاقيني|بطلع|بنزل|tla9ini|betla2eeni|bakoun|bkoon)"
    + _E
    + r"|我[^，。,.!?！？]{0,10}在|天天去|每天去|常去|都去|いつも|毎週|毎日|毎朝|待ってる|寄ってる"
)
_ALWAYS = re.compile(
    _B + r"(?:always|usually|every (?:morning|evening|afternoon|night|week|sat|sun)|each morning|after school|"
    r"toujours|chaque (?:matin|soir|semaine|mercredi|samedi)|le soir|après l'école|apres l'ecole|"
    r"le (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|"
    r"siempre|casi siempre|cada mañana|todas las mañanas|los findes|el finde|después del cole|despues del cole|"
    r"immer|fast immer|jeden (?:morgen|abend|samstag|sonntag|montag|dienstag|mittwoch|donnerstag|freitag)|"
    r"jede woche|nach der schule|sempre|toda manhã|todo sábado|todo sabado|todos os sábados|depois da escola|"
    r"ogni mattina|ogni sera|dopo scuola|dopo pranzo|всегда|каждое утро|каждый вечер|по утрам|по вечерам|после уроков|"
    r"kila mara|kila asubuhi|kila jioni|baada ya shule|hamesha|हमेशा|har roz|हर रोज़|har subah|स्कूल के बाद|"
    r"دايما|دايماً|دائما|كل صباح|كل مسا|بعد المدرسة|kol sbe7)" + _E + r"|总是|经常|放学|いつも|毎朝|学校帰り"
)
_MORE_PLACES = re.compile(
    _B + r"(?:bakery|bus stop|gym|leisure centre|swimming pool|pool|skate park|corner shop|chippy|trampoline|"
    r"boulangerie|arrêt|arret|city stade|gymnase|dojo|piscine|biblio|porte|portail|"
    r"panadería|panaderia|parada|polideportivo|piscina|puerta|plaza|"
    r"bäckerei|baeckerei|bushaltestelle|turnhalle|hallenbad|freibad|(?:hinter|schul|haupt|seiten|hof|garten)?tor|"
    r"padaria|ponto de ônibus|ponto de onibus|quadra|campinho|portão|portao|"
    r"panetteria|forno|fermata|palestra|parchetto|giardinetti|giardini|oratorio|cancello|piazza|"
    r"пекарн\w*|остановк\w*|бассейн\w*|спортзал\w*|библиотек\w*|ворот\w*|"
    r"kituo cha basi|stendi|duka|uwanja|maktaba|geti|"
    r"bus stand|dukaan|दुकान|बेकरी|"
    r"مخبز|المخبز|الفرن|موقف الباص|محطة الباص|النادي|nady|البوابة|بوابة|الحديقة|الجنينة)"
    + _E
    + r"|公交站|车站|面包店|奶茶店|篮球场|游泳馆|后门|校门|バス停|パン屋|プール|裏門|コンビニ"
)
# What makes the place the child's own and findable.
_FINDABLE = re.compile(
    _B + r"(?:(?:next to|near|behind|opposite|across from|in front of|under|outside) (?:the|my|our)|"
    r"on (?:the )?\w+ (?:rd|road|st|street|ave|avenue|lane)|behind \w+ (?:primary|school|academy|high)|"
    r"(?:à côté de|a cote de|près de|pres de|derrière|derriere|devant|en bas de|en face de) (?:la|le|l'|les|mon|ma|chez|notre)|"
    r"rue (?:des|de la|du|de) \w+|(?:al lado de|cerca de|detrás de|detras de|enfrente de|frente al?|debajo de|abajo de)|"
    r"de al lado de|calle \w+|(?:neben|hinter|gegenüber|gegenueber) (?:der|dem|den|vom|meiner|meinem|unserer|unserem)|"
    r"in der \w+(?:straße|strasse|allee|weg)|(?:do lado d|perto d|atrás d|atras d|embaixo d|em frente a)\w*|rua \w+|"
    r"(?:vicino|accanto|dietro|sotto|davanti) (?:a|al|alla|la|il|casa mia)|via \w+|"
    r"(?:возле|рядом с|около|напротив|под)|на улице \w+|(?:остановке|остановки) (?:на|у|возле) \w+|"
    r"(?:karibu na|nyuma ya|mbele ya|chini ya)|barabara ya \w+|"
    r"(?:ke paas|ke peeche|ke saamne|के पास|के पीछे|के सामने|के नीचे)|\w+ (?:wale|wala) (?:bus stop|park|gate|mandir)|"
    r"(?:جنب|قرب|ورا|تحت|قدام|gamb|odam|wara)|"
    r"i come out|je sors par|salgo por|komm (?:immer )?am \w+ raus|saio pelo|esco dal|выхожу через|natoka kupitia|"
    r"se nikal\w*|من البوابة|"
    r"if (?:u|you) wanna|come (?:by|find)|viens si|kannst (?:ja )?vorbeikommen|si quieres|se quiser|se vuoi|приходи|"
    r"njoo|aa jana|تعال)"
    + _E
    + r"|旁边|附近|楼下|后面|对面|门口|从后门|[一-龥]{1,4}路|の(?:近く|隣|裏|前|下)|通りの|門から"
)
# A notice to a whole class about an outing, not one child's whereabouts ("everyone: trip on Friday,
# we wait at the bus stop next to the school at 8"). Not the word "parents": a child's "my parents
# don't know" must not hide the routine.
_CLASS_NOTICE = re.compile(
    _B + r"(?:everyone|all of you|tout le monde|a todos|todos ustedes|ihr alle|alle zusammen|a tutti|tutti voi|"
    r"всем|все вы|wote|sab log|trip|outing|excursion|"
    r"sortie au|sortie scolaire|ausflug|klassenfahrt|gita|excursión|excursion|excursão|экскурси\w*|safari ya|ziara ya|"
    r"الجميع|رحلة)" + _E + r"|大家|みんな|遠足|春游|秋游"
)
# Someone else's absence leaves the child at home: "parents r away for the weekend, just me n the cat"
_AWAY = re.compile(
    _B + r"(?:parents|mum and dad|mom and dad|mum|mom|mes parents|mes darons|ma mère|ma mere|mis padres|mis papás|"
    r"mis papas|mi madre|mi mamá|meine eltern|mama|meus pais|minha mãe|minha mae|i miei|i miei genitori|mia madre|"
    r"родители|мама|wazazi|mummy papa|mom dad|मम्मी पापा|मम्मी|أهلي|ahli|ماما|امي|أمي)"
    r"\W+(?:\w+\W+){0,5}?(?:away|out|gone|weg|verreist|partent|partis|rentrent|se van|trabajan hasta|de viaje|"
    r"viajaram|viajam|vão viajar|vao viajar|vanno via|sono via|уехали|уезжают|на работе|wamesafiri|wameenda|kazini|"
    r"anarudi|bahar|बाहर|مسافرين|بترجع|برا|só chega|so chega|kommt erst|holt mich erst|vient pas me chercher|"
    r"no viene a buscarme)"
    + _E
    + r"|爸妈(?:出差|不在家|都不在)|(?:両)?親(?:が|は)?(?:旅行|留守|出張|いない|迎えに来ない)"
)


def find_routines(text: str, lower: str) -> list[Found]:
    """A routine a stranger could use: the child alone (``_alone_routine``), the child's own
    findable place at a habitual time, or home left to the child while the parents are away.

    The most selective searches go first (a word of being alone; a landmark, street or invitation),
    so an ordinary message costs two searches."""
    alone = _ALONE.search(lower)
    if alone is not None:
        away = _AWAY.search(lower)  # searched once, for both readings
        found = _alone_routine(lower, alone, away)
        if found:
            return found
        if away is not None and not _TITLE.search(lower) and not _TASK.search(lower):
            return [("pii_location", 3, away.span(), "pii:parents_away")]
    if _FINDABLE.search(lower) is None:
        return []
    presence = _PRESENCE.search(lower)
    if presence is None or _ADVICE.search(lower, max(0, presence.start() - 20), presence.end()):
        return []
    when = _ALWAYS.search(lower) or _HABIT.search(lower) or _TIME.search(lower)
    if when is None:
        return []
    where = _MORE_PLACES.search(lower) or _PLACE_NOUN.search(lower)
    if where is None or _TASK.search(lower) or _CLASS_NOTICE.search(lower):
        return []
    parts = (presence.span(), when.span(), where.span())
    return [("pii_location", 3, (min(a for a, _ in parts), max(b for _, b in parts)), "pii:routine_place")]


# the film: "we watched Home Alone this weekend"
_TITLE = re.compile(r"(?:watch|watched|watching|seen|saw|love|like)\s+home alone|home alone\s+(?:\d|film|movie)")


def _alone_routine(lower: str, alone: re.Match[str], away: re.Match[str] | None) -> list[Found]:
    """Being alone (``alone``), a time or habit, and home, a place or the parents away (``away``), in
    one message that is not advice; the caller has searched for ``alone`` and ``away`` once."""
    if _TITLE.search(lower):
        return []
    when = _TIME.search(lower) or _HABIT.search(lower)
    if when is None:
        return []
    where = _HOME.search(lower) or _PLACE_NOUN.search(lower) or _MORE_PLACES.search(lower) or away
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
    tail = text[word.end() : word.end() + 44]  # "la targa della macchina di mia mamma è AB 000 CD"
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
