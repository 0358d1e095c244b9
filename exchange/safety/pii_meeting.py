"""A place and a time to meet in person: "meet me at the car park on Brindle St at 4".

Three things in one message: a word of meeting ("meet me", "treffen wir uns", "quedamos",
"rdv", "nähdään", "tukutane", "встречаемся", "会おう", "만나", "见"...), a clock time ("at 4",
"um 17 Uhr", "klo 17", "às 17h", "saa tisa", "5時", "6시", "五点"; "after school" alone is no time: friends walk home together), and a
place ("in front of", "vorm", "devant", "edessä", "mbele ya", "у", "前で", "门口", or a place
such as a park, the swings, a station, a shop). Words that only say where somebody will be
("I'll be", "sarò", "буду", "我在") count with a place such as a park or the swings, not
with a mere preposition ("I'll be on the bus at 5" stays allowed).

Not a meeting: a club or lesson time ("rehearsal at 3", "the club meets Thursday in room
14"), a pick-up after a concert, an event announced to families: no word of meeting, or
a school announcement ("everyone", "all families", "parents", a class outing: "rdv pour la sortie").
"""

from __future__ import annotations

import re

from .pii_gates import HAS_DIGIT

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_B = r"(?<![^\W\d_])"  # a word starts here
_E = r"(?![^\W\d_])"  # a word ends here
# Meeting verbs, by language (matched in lower case); then CJK forms anywhere.
_MEET = re.compile(
    _B + r"(?:meet(?: me| you| u| up)?|let'?s meet|see (?:you|u|ya) (?:at|by|in|outside|behind)|"
    r"wait for me|i'?ll wait|"
    r"treff(?:en|e|t)? (?:wir )?uns|treffpunkt|lass uns treffen|wir sehen uns|warte auf dich|"
    r"quedamos|quedemos|nos vemos|te veo|nos encontramos|te espero|"
    r"rdv|rendez-vous|on se voit|on se retrouve|je t'attends|retrouve-moi|rejoins-moi|"
    r"nähdään|nahdaan|tavataan|odotan sua|"
    r"milte|milenge|milo|milna|milunga|milungi|मिलते|मिलेंगे|मिलो|"
    r"ketemu|ketemuan|bertemu|ketemu(?:an)?nya|tunggu aku|"
    r"vediamoci|ci vediamo|ti aspetto|troviamoci|incontriamoci|"
    r"møtes|treffes|vi ses|jeg venter|"
    r"afspreken|zien we elkaar|ik wacht|ontmoeten|"
    r"spotkajmy się|spotkamy się|spotkajmy sie|widzimy się|czekam na ciebie|"
    r"me encontra|encontra comigo|nos encontramos|te encontro|te espero|a gente se vê|"
    r"встречаемся|встретимся|давай встретимся|жду тебя|"
    r"зустрінемось|зустрінемося|зустрічаємось|чекаю тебе|"
    r"ses|träffas|vi ses|jag väntar|"
    r"tukutane|kutana|tuonane|nitakusubiri|"
    r"buluşalım|buluşalim|buluşuruz|bekliyorum|"
    r"gặp|gap nhau|đợi"
    r"|نتقابل|نلتقي|نتلاقى|أنتظرك|انتظرك|استناك|net2abel|nt2abel|net2ablo|netla2a|nitla2a|netshaf|"
    # coming alone, or how to recognise each other: people who have never met
    r"come alone|come by yourself|just us|just (?:you|u) and me|so (?:i|u|you) know (?:it'?s|its) (?:you|u|me)|"
    r"i'?ll (?:be )?wear(?:ing)?|wear (?:the|a|your|ur)|"
    r"komm allein|komm alleine|nur wir (?:zwei|beide)|ich (?:hab|habe|trag|trage) (?:ne|eine|einen|mein|meine) \w+ (?:jacke|mütze|cap|kappe|hoodie|pulli|an)|"
    r"ven solo|ven sola|solo tú y yo|solo tu y yo|pa q me reconozcas|para que me reconozcas|llevo (?:una |un |la |el )?(?:gorra|camiseta|chaqueta|sudadera)|"
    r"viens seul|viens seule|juste (?:toi et moi|nous deux)|j'aurai (?:un|une|mon|ma) (?:sweat|pull|veste|casquette|t-shirt)|"
    r"vieni da sol[oa]|solo (?:io e te|noi due)|ho (?:la|il|un|una) (?:felpa|giacca|cappello|maglia|cappellino)|"
    r"vem sozinh[oa]|só nós (?:os )?dois|só (?:eu e você|eu e tu)|vou (?:tá|ta|estar) de|"
    r"приходи один|приходи одна|только мы вдвоём|только мы вдвоем|"
    r"kuja peke yako|njoo peke yako|"
    # come (to a place at a time), in scripts without word-meeting verbs above
    r"تعالي|تعال|تعالى|wait karna|milna|मिलना|приходи|подходи|njoo|kuja)"
    + _E
    + r"|会お|会い|待ち合わせ|待ってる|来てね|来て。|等我|(?:前|下|口|とこ)で[。!！\s]*$|(?:とこ|前|所)(?:に)?来て|만나|만날|기다릴게|见面|(?<![看意再])见(?!过)|等你"
)
# Saying where one will be: counted with a place noun only.
_BE_AT = re.compile(
    _B + r"(?:i'?ll be|i will be|i'?m gonna be|ich bin|ich warte|estaré|estare|je serai|oon|olen|"
    r"hoongi|hoonga|rahungi|rahunga|aku di|aku tunggu|sarò|saro|jeg er|ik ben|będę|bede|vou tá|vou ta|vou estar|"
    r"буду|ждать|jag är|nitakuwa|olucam|olacağım|mình ở|tớ ở|بكون|راح أكون)" + _E + r"|いる|있을게|있을께|我在"
)
_TIME = re.compile(
    r"(?i)(?<![\d:])\d{1,2}[:h]\d{2}(?!\d)"
    + r"|"
    + _B
    + r"(?:at|um|a las?|à|a|alle|às|as|om|o|в|о|kl\.?|klo|jam|pukul|saat|lúc|luc) ?\d{1,2}(?:[:.]\d{2})?(?![\d/]|[,.]\d)"
    r"|(?<![\d,.])\d{1,2} ?(?:am|pm|o'?clock|uhr|h|uur|baje|बजे|giờ|gio)"
    + _E
    + r"|(?<!\d)\d{1,2}['’](?:te|ta|de|da)"
    + _E
    + r"|"
    + _B
    + r"saa (?:moja|mbili|tatu|nne|tano|sita|saba|nane|tisa|kumi|\d)"
    r"|[\d０-９一二三四五六七八九十]{1,3}(?:時|시|点|點)|الساعة ?[\d٠-٩]{1,2}"
    r"|(?<!\d)\d{1,2} (?:el|al) (?:3asr|asr|dohr|zohr|maghrib|ma3'?rib|sob7|fagr|leil)" + _E
)
# Where: a preposition of place with what follows, or a place where children meet.
_PLACE_WORDS = (
    r"outside|in front of|behind|next to|near the|by the|at the|"
    r"vorm|vor dem|vor der|hinter dem|hinter der|an den|an der|beim|im|"
    r"en la puerta|delante|enfrente|frente al?|detrás|"
    r"devant|derrière|près du|près de la|à côté|"
    r"edessä|takana|luona|vieressä|"
    r"ke saamne|ke samne|ke paas|ke peeche|pe|par|"
    r"di depan|di belakang|dekat|"
    r"davanti|dietro|vicino|"
    r"utenfor|foran|ved|"
    r"voor de|voor het|bij de|bij het|achter|naast|"
    r"pod|przy|obok|przed|"
    r"na frente|em frente|atrás|perto|"
    r"у|около|возле|перед|біля|коло|"
    r"utanför|framför|vid|"
    r"mbele ya|nyuma ya|karibu na|kwenye|"
    r"önünde|yanında|arkasında|"
    r"trước|gần|ở chỗ|"
    r"قدام|أمام|امام|جنب|عند|gamb|ganb|odam|2odam|fel"
)
_PLACE_NOUNS = (
    r"park|car park|parking|playground|swings?|station|shop|mall|cinema|corner|bus stop|fountain|bridge|"
    r"skate ?park|library|gate|back gate|mcdonald'?s|starbucks|kfc|"
    r"bibliothèque|médiathèque|mcdo|bibliothek|\w*bücherei|mäckes|ausgang|einkaufszentrum|"
    r"biblioteca|salida|centro comercial|pista de skate|méqui|shopping|saída|uscita|centro commerciale|"
    r"stadtpark|\w*park\w*|spielplatz|schaukeln|bahnhof|brunnen|kino|haltestelle|"
    r"parque|columpios|estación|plaza|esquina|"
    r"parc|balançoires|gare|"
    r"puisto\w*|keinu\w*|asema\w*|"
    r"jhoole|jhoola|metro|mall|"
    r"taman|ayunan|stasiun|"
    r"parco|altalene|stazione|"
    r"parken|husk\w*|stasjon\w*|"
    r"schommels|"
    r"parku|huśtaw\w*|stacj\w*|"
    r"praça|pracinha|balanço|estação|"
    r"парк\w*|качел\w*|фонтан\w*|метро|станци\w*|гойдал\w*|"
    r"gung\w*|stationen|"
    r"bustani|bembea|sinema|mlango|"
    r"parktaki|salıncak\w*|"
    r"công viên|xích đu|"
    r"حديقة|المراجيح|مراجيح|"
    r"الكافيه|كافيه|المول|مول|gate|garden|गार्डन|गेट|тц|вход\w*|остановк\w*|памятник\w*"
)
_PLACE = re.compile(
    rf"(?i){_B}(?:{_PLACE_WORDS}){_E}|{_B}(?:{_PLACE_NOUNS}){_E}|前で|の前|の下|駅|公園|北口|南口|ブランコ|앞|공원|역 |그네|门口|南门|北门|东门|西门|公园|那里|附近|スタバ|マック|図書館|モール|肯德基|麦当劳|星巴克|图书馆|商场"
)
_PLACE_NOUN = re.compile(
    rf"(?i){_B}(?:{_PLACE_NOUNS}){_E}|駅|公園|ブランコ|공원|그네|公园|秋千|门口|スタバ|図書館|モール|肯德基|麦当劳|图书馆|商场"
)
# A plan written as a form: "place: the park. time: 4pm" ("المكان: ... الوقت:", "地点：... 时间：")
_LABELLED = re.compile(
    r"(?i)(?<![^\W\d_])(?:place|location|where|lugar|sitio|lieu|ort|treffpunkt|luogo|local|jagah|जगह|место|mahali|المكان|مكان)"
    r"\s*[:：\-—–]|地点[:：]|場所[はは:：]"
)
_LABELLED_TIME = re.compile(
    r"(?i)(?<![^\W\d_])(?:time|when|hora|heure|zeit|uhrzeit|ora|orario|horário|horario|samay|समय|время|saa|الوقت|وقت)"
    r"\s*[:：?\-—–]|时间[:：]|時間[はは:：]"
)
# Announcements to a class or to families: a meeting point for a trip, an open day.
_ANNOUNCEMENT = re.compile(
    r"(?i)(?<![^\W\d_])(?:everyone|all families|families|parents|pupils|students|class|trip|outing|excursion|"
    r"pour la sortie|sortie scolaire|sortie au|sortie à la|sortie de classe|safari ya|ziara ya|"
    r"excursi[oó]n|salida escolar|ausflug|klassenfahrt|wandertag|gita|"
    r"excurs[aã]o|passeio escolar|экскурси\w*|"
    r"eltern|familles|parents|familias|padres|famiglie|genitori|families|ouders|rodzice|pais|famílias|"
    r"родител\w*|батьки|wazazi|veliler|phụ huynh|保護者|家长|학부모|أولياء)(?![^\W\d_])"
    # signed by a teacher: "— profe Marta", "— M. Dubreuil", "— शर्मा मैडम", "— Ирина Петровна"
    r"|[—–]\s*(?:\S+\s+)?(?:profe|prof|profa|professeur|professeure|professor|professora|maestra|maestro|"
    r"m\.|mme|mr|mrs|ms|miss|sir|madam|ma'am|frau|herr|sensei|mwalimu|mwalimu\w*|मैडम|सर|أستاذ|الأستاذ|الأستاذة|"
    r"учитель|учительница)(?![^\W\d_])"
    r"|[—–]\s*[а-яё]+\s+[а-яё]+(?:овна|евна|ична|ович|евич|ич)(?![^\W\d_])"
    # what a class brings on an outing: "Coach leaves at 3", "Brotdose nicht vergessen", "ID card le aana"
    r"|(?<![^\W\d_])(?:coach leaves|packed lunch|lunchbox|\w*ausflug|museumsbesuch|brotdose|schülerausweis|"
    r"schuelerausweis|próxima salida|proxima salida|pique-nique|id card|ट्रिप|यात्रा|ومعاكم|الكارنيه|"
    # ... and what a team brings to training or a match: "bring shin pads and water", "prenez protège-tibias"
    r"shin ?pads|shinguards|football boots|protège-tibias|protege-tibias|crampons|"
    r"schienbeinschoner|fußballschuhe|fussballschuhe|espinilleras|botas de fútbol|botas de futbol|parastinchi|"
    r"caneleiras|chuteiras?|щитки|бутсы|"
    # ... and what a PE lesson needs: "Laufschuhe nicht vergessen", "tenue de sport", "ropa deportiva"
    r"sportunterricht|sportzeug|sportsachen|laufschuhe|turnschuhe|turnbeutel|tenue de sport|ropa deportiva|"
    r"zapatillas deportivas|roupa de educação física|pe kit|p\.e\. kit)(?![^\W\d_])"
    # what to do if late, said to a whole group: "if you're running late, ring the office", "wer sich verspätet"
    r"|(?<![^\W\d_])(?:if you'?re (?:running )?late|en cas de retard|si vous êtes en retard|wer sich verspätet|"
    r"si os perdéis|si llegáis tarde|per ritardi|in caso di ritardo|em caso de atraso|se se atrasarem)(?![^\W\d_])"
    r"|遅れる人は|遅刻する人は"
    # a lesson named at the head of the message, as a teacher labels a notice: "Sport: ...", "EPS : ..."
    r"|^\W*(?:sport|eps|pe|p\.e\.|educación física|educacion fisica|educação física|educacao fisica|"
    r"éducation physique|education physique|educazione fisica|физкультура)\s*[:：]"
    r"|遠足|見学|春游|秋游|رحلة المدرسة|الرحلة المدرسية"
)


# A numbered classroom: the school day's arrangements ("meet at the main gate at 8:30, then we walk over to
# Room 112", "RDV 8h15 devant le portail, on monte en salle B12"), in a school the partner class knows by
# name. A gate or a gym is where somebody may wait for a child alone: it stays a meeting.
_SCHOOL_PLACE = re.compile(
    r"(?i)(?<![^\W\d_])(?:room|classroom|class room|salle|aula|raum|klassenzimmer|klassenraum|"
    r"кабинет|аудитория)\s?(?:no\.?\s?)?[a-z]?-?\d{1,4}(?:[.,]\d{1,3})?(?![^\W\d_])"
    r"|[\d０-９]{1,2}(?:年|ねん)[\d０-９一二三四五六七八九]{1,2}組(?:の)?教室"
    r"|(?<![^\W\d_])(?:cdi|vie scolaire|salle des profs)(?![^\W\d_])"  # a French school's library and office
)

# The meeting is on a screen: "wir treffen uns um 14 Uhr im Videocall", "on se retrouve à 10h en visio".
_ONLINE = re.compile(
    r"(?i)(?<![^\W\d_])(?:video ?call|videocall|video-call|video chat|videochat|zoom|google meet|meet link|"
    r"webex|online|en ligne|visio|visioconf[ée]rence|videollamada|videoconferencia|videochiamata|videoconferenza|"
    r"videochamada|videoconfer[êe]ncia|chamada de v[íi]deo|llamada de v[íi]deo|appel vid[ée]o)(?![^\W\d_])"
    r"|ビデオ通話|视频通话|視訊"
)


# any other place named beside a classroom: a hotel room, a park, somebody's home
_ELSEWHERE = re.compile(
    r"(?i)(?<![^\W\d_])(?:hotel|hôtel|hostel|motel|airbnb|home|house|my place|park|parc|mall|station|gare|bahnhof|"
    r"estación|estacion|cinema|cinéma|kino|cine|zuhause|maison|casa|chez moi|bei mir|shop|magasin|laden|tienda|"
    r"playground|spielplatz|library|bibliothek|bibliothèque|biblioteca)(?![^\W\d_])|ホテル|公園|駅|家|酒店|宾馆|公园"
)


# Necessary for a clock time, tried first: a digit, or a word of the spelled and CJK forms.
_TIME_MARKS = ("saa ", "時", "시", "点", "點", "الساعة")
_TIME_MARKS_RE = re.compile("|".join(map(re.escape, _TIME_MARKS)))


def find_meetings(text: str, lower: str | None = None) -> list[Found]:
    """A word of meeting (or of being somewhere), a clock time and a place in one message."""
    lower = text.lower() if lower is None else lower
    if not HAS_DIGIT.search(text) and not _TIME_MARKS_RE.search(lower):
        return []
    labelled = _LABELLED.search(lower)
    if labelled is not None and _LABELLED_TIME.search(lower) is not None and not _ANNOUNCEMENT.search(lower):
        return [("pii_location", 3, (labelled.start(), len(text)), "pii:meeting_form")]
    meet = _MEET.search(lower)
    strong = meet is not None
    if meet is None:
        meet = _BE_AT.search(lower)
        if meet is None:
            return []
    time = _TIME.search(lower)
    if time is None:
        return []
    place = (_PLACE if strong else _PLACE_NOUN).search(lower)
    if place is None or _ANNOUNCEMENT.search(lower):
        return []
    if _SCHOOL_PLACE.search(lower) and not _ELSEWHERE.search(lower):
        return []  # the classroom is where they meet, and no other place is named
    online = _ONLINE.search(lower, place.start())
    later = _PLACE.search(lower, online.end()) if online else None
    if (
        online
        and online.start() - place.end() <= 5
        and later is None
        and not _ELSEWHERE.search(lower)
        and not _PLACE_NOUN.search(lower)
    ):
        return []  # the place is a video call ("im Videocall", "en visio"), and no other place is named
    start = min(meet.start(), time.start(), place.start())
    end = max(meet.end(), time.end(), place.end())
    return [("pii_location", 3, _whole_clause(text, start, end), "pii:meeting")]


def _whole_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The meeting with the place's name after it, up to the end of its clause."""
    stop = re.compile(r"[.!?\n]|,\s").search(text, end)
    return (start, stop.start() if stop and stop.start() - end < 40 else min(len(text), end + 40))
