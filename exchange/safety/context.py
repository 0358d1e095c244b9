"""Contexts that explain a word the lists hold: a surprise for a parent, a death in a game, a
suicide in a story, a word glossed in a language lesson.

Each rule is narrow on purpose: it drops only the findings it explains, only when nothing in
the message points the other way.

- "Shh, don't tell your parents, the Mother's Day cards are a surprise 🤫": secrecy from a
  guardian beside a surprise *event* (a party, a card, a birthday, Mother's Day, a retirement)
  is a class keeping a surprise. Not "I have a surprise for you, don't tell your parents"
  (no event), nor one with any other grooming cue (a photo, a meeting, an app, a gift...).
- "🤫 el viernes es el cumple de la profe Marta, no digáis NADA 🤐": secrecy kept only from a teacher,
  beside a celebration (a birthday, a wedding, Teachers' Day), on the same terms (no other grooming
  cue); secrecy from a parent beside a birthday stays a grooming cue.
- "don't tell anyone the answer to the riddle before Friday": secrecy about the answer of a
  riddle or quiz, or a story's ending, on the same terms (no other grooming cue).
- "t'es mort contre une POULE sur minecraft 💀": a mild "you're dead" (violence of severity
  2 at most) beside a game (video, board or card: "t'es mort au prochain tour de uno"), when no
  weapon and no school is named; any threat when the game is named as where it happens, right
  after it ("vou te matar no fortnite hj 😂", "nitakuchapa kwa chess") or, in Chinese and
  Japanese, right before it ("将棋でボコボコにしてやる").
- "te mato se vc contar o final da série kkk": a threat over a spoiler (the word, or the ending
  told), when no weapon and no school is named.
- "spoiler: Romeo and Juliet both commit suicide, that's why it's a tragedy": the word in a
  story or lesson, when the writer says nothing about themselves (no wish, no despair, no
  farewell).
- 'the Japanese word "baka" means idiot, right?': the insult right after "means" (or before
  "的意思", "って意味") glosses the word being asked about: mild profanity and bullying only.
- "our lab bitch had 6 puppies", "у нашей суки родились щенки": the word for a female dog in a
  message about dogs.
- "Our posters for suicide prevention week: talk to an adult you trust": the word beside a
  prevention campaign, when the writer says nothing about themselves (as for a story).
- 'Anti-bullying week: we listed what you must never say, like "nobody wants you here"': a
  bullying phrase, an insult or a slur of severity 3 at most inside quotation marks, in a message
  about bullying, racism or discrimination ("为什么说“娘炮”这种称呼是语言暴力"), is quoted, not said
  to anyone, unless a word for the reader stands right beside the quotation ("you are a 'retard',
  that's racism"); unquoted, it still counts, and so does a severity-4 slur, quoted or not.
"""

from __future__ import annotations

import re

from .lexicon_entry import _IS_CJK  # the lexicon's own test for scripts written without spaces
from .self_talk import said_of_oneself
from .squabble import OWN_SIBLING, SNACK, TAKEN, over_things, someone_else_named

Finding = tuple[str, int, tuple[int, int], str]
Cue = tuple[str, tuple[int, int]]

_SURPRISE = re.compile(
    r"(?i)surprise|überraschung|uberraschung|sorpresa|surpresa|сюрприз|惊喜|サプライズ|सरप्राइज़|सरप्राइज|"
    r"مفاجأة|مفاجأه|mafaja2a|kushtukiza|sürpriz|niespodzian|verrassing|yllätys|overraskelse|överraskning|"
    r"kejutan|bất ngờ|깜짝"
)
# a class collecting for a teacher's present keeps it from them ("collecting for Ms Brennan's leaving present, don't
# tell"): with a teacher named, and no present "for you" (a gift to the reader is how grooming starts)
_COLLECTION = re.compile(
    r"(?i)(?<![^\W\d_])(?:leaving (?:present|gift|card)|whip-?round|colletta|cagnotte|vaquinha|collecting for|"
    r"collection for)(?![^\W\d_])"
)
_FOR_YOU = re.compile(
    r"(?i)(?<![^\W\d_])(?:for you|for u|pour toi|para ti|para vos|für dich|per te|pra te|pra você|para você|pra vc|"
    r"te dar|te offrir|te regalar|ti regalo)(?![^\W\d_])"
)
_EVENT = re.compile(
    r"(?i)part(?:y|ies)|fête|fete|fiesta|festa|feier|card|carte|karte|tarjeta|cartão|cartao|biglietto|"
    r"mother'?s day|father'?s day|muttertag|vatertag|día de la madre|dia das mães|dia das maes|festa della mamma|"
    r"retire|ruhestand|retraite|jubilaci|aposentadoria|pensione|farewell|abschied|départ|despedida|"
    r"birthday|geburtstag|anniversaire|cumpleaños|cumple|aniversário|aniversario|compleanno|день рождения|"
    r"母亲节|母親節|生日|退休|贺卡|母の日|誕生日|退職|送別|मदर्स डे|जन्मदिन|कार्ड|عيد الأم|عيد ميلاد|"
    r"siku ya kuzaliwa|sherehe|kadi"
)
# Secrecy about the answer of a riddle, a quiz or the end of a story: a class game, not a secret
# kept from a parent ("don't tell anyone the answer before Friday, let the partner class guess").
_PUZZLE = re.compile(
    r"(?i)(?<![^\W\d_])(?:answers?|riddles?|quiz|quizzes|solutions?|puzzles?|spoilers?|the ending|antwort(?:en)?|"
    r"lösung|loesung|rätsel|raetsel|réponses?|reponses?|devinettes?|énigmes?|enigmes?|respuestas?|adivinanzas?|"
    r"acertijos?|solución|solucion|respostas?|adivinhas?|charadas?|solução|solucao|rispost[ae]|indovinell[oi]|"
    r"soluzione|ответ\w*|загадк\w*|jibu|majibu|kitendawili|vitendawili|jawab|paheli|उत्तर|जवाब|पहेली)(?![^\W\d_])"
    r"|答え|なぞなぞ|クイズ|答案|谜语|谜底|الجواب|الإجابة|الاجابة|لغز|حزورة"
)
# Cues that make secrecy dangerous whatever the occasion.
# a teacher's celebration the class prepares: "🤫 el viernes es el cumple de la profe, no digáis nada 🤐"
_CELEBRATION = re.compile(
    r"(?i)(?<![^\W\d_])(?:birthday|bday|b-day|geburtstag|anniversaire|anniv|cumpleaños|cumple|aniversário|aniversario|"
    r"niver|compleanno|день рождения|днюха|др|wedding|hochzeit|mariage|boda|casamento|matrimonio|свадьб\w*|"
    r"teachers'? day|teacher appreciation|día del maestro|dia do professor|journée des enseignants|"
    r"siku ya kuzaliwa|harusi|janamdin|janmdin|abschiedsgeschenk|regalo de despedida|cadeau de départ)(?![^\W\d_])"
    r"|🎂|生日|誕生日|結婚祝い|結婚|婚礼|教师节|教師節|毕业礼物|送別|जन्मदिन|शादी|عيد ميلاد|يوم المعلم|عيد المعلم|زفاف|عرس"
)
# the one kept out of the secret is a teacher (secrecy from a parent stays a grooming cue here)
_TEACHER = re.compile(
    r"(?i)(?<![^\W\d_])(?:teacher|teachers|miss|sir|profe|profes|prof|profs|profa|professor|professora|professores|"
    r"professoras|profesor|profesora|profesores|maestra|maestro|maestre|lehrer|lehrerin|lehrern|maîtresse|maitresse|"
    r"instit|professeur|professeurs|mwalimu|walimu|учител\w*|училк\w*|ma'am|maam|"
    r"madame|monsieur|herr|frau|seño|mr|mrs|ms)(?![^\W\d_])"
    r"|先生|老师|老師|班主任|أستاذ|أستاذة|استاذ|استاذة|المعلم|المعلمة|المديرة|المدير|टीचर|शिक्षक|मैम"
)
_QUOTABLE = ("bullying", "profanity", "hate")
_RISK = frozenset(
    {
        "cue_photo",
        "cue_body",
        "cue_meet",
        "cue_app",
        "cue_alone",
        "cue_away",
        "cue_gift",
        "cue_request",
        "cue_personal",
        "cue_lie",
        "cue_bond",
    }
)
# a spoiler of a film, series or book: "te mato si me haces spoiler", "spoilst du, bring ich dich um"
_SPOILER = re.compile(
    r"(?i)(?<![^\W\d_])(?:spoil|spoils|spoiler|spoilers|spoile|spoiles|spoilst|spoilen|spoileas|spoilear|spoilar|"
    r"spoilera|spoileri|spoilerare|spoilerizzi|(?:за|про)?спойлер\w*|спойлери\w*)(?![^\W\d_])|ネタバレ|剧透|स्पॉइलर|حرق الأحداث"
    # the ending told: "te mato se vc contar o final da série", "ukiniambia mwisho wa movie nitakuua"
    r"|(?i:(?<![^\W\d_])(?:tell|tells|told|say|says|reveal|reveals|contar|contas|contares|cuentas|contás|dire|dis|dit|"
    r"verrätst|verraten|erzählst|erzählen|dici|racconti|рассказать|расскажешь|скажешь|(?:ku|uki|uta|mki|mta)niambia|"
    r"ukisema|bata|batayega|batayegi)\W+(?:(?:me|us|mir|uns|nos|moi|nous|mi|ci|мне|нам)\W+)?"
    r"(?:the ending|the end|o final|el final|la fin|das ende|il finale|la fine|концовк\w*|конец|mwisho|ending|end))"
    r"|концовк\w*|結末|结局|نهاية المسلسل|نهاية الفيلم|نهاية الفلم|حرقتلي|حرقت علي|تحرقلي|تحرق علي"
)
_CLAUSE_END = re.compile(r"[.!?\n]")
_SENTENCE_END = re.compile(r"[.!?\n。！？؟।]")
# board and card games, in the message (``_GAME``) or named as where a threat happens (``_IN_GAME``)
_BOARD_GAMES = (
    r"chess|échecs|echecs|schach|ajedrez|xadrez|scacchi|шахмат\w*|sataranji|monopoly|ludo|carrom|parchís|parchis|"
    r"karata|drafti"
)
_FIRST_PERSON = frozenset({"cue_self", "cue_hopeless", "cue_goodbye", "cue_method"})
_DRAWN_IN = frozenset({"cue_warn"})  # a warning ("you'll see"); a brother named is the ally cue itself
_GAME = re.compile(
    r"(?i)(?<![^\W\d_])(?:minecraft|fortnite|roblox|game|games|gaming|jeu|spiel|juego|jogo|gioco|partida|pvp|1v1|respawn|"
    r"among us|brawl stars|free fire|pubg|fifa|mario kart|valorant|level|niveau|игр\w*|mchezo|gem|"
    + _BOARD_GAMES
    + r"|draughts|checkers|шашк\w*|karambola|कैरम|शतरंज|shatranj|mechi|partido|"
    r"(?:tour|partie|manche|juego|partida|partita|runde) (?:de |del |a )?uno|"
    r"(?:jugar|jogar|spielen|play|playing) (?:al |a )?uno|uno(?:-| )(?:runde|spielen|karten|cards))(?![^\W\d_])"
    r"|ゲーム|マイクラ|游戏|我的世界|गेम|لعبة|ماينكرافت|将棋|チェス|オセロ|トランプ|象棋|下棋|围棋|跳棋|飞行棋|斗地主|شطرنج|الشطرنج|ضومنة|دومينو"
)
# deaths counted are a game's ("morri umas 40 vezes nessa fase", "ラスボスで30回くらい死んだ"): a cue_game beside despair
_DEATHS_COUNTED = re.compile(
    r"(?i)(?<![^\W\d_])(?:died|morri|morí|mori|gestorben|starb|умер|умерла|nimekufa|nilikufa)\s+"
    r"(?:[^\W\d_]+\s+){0,3}?\d{1,4}\s?(?:x|times|vezes|veces|fois|volte|mal|раз|раза|mara)(?![^\W\d_])"
    r"|\d{1,4}\s?(?:回|度|次|遍)(?:くらい|ぐらい|も|以上)?(?:は)?(?:死ん|死亡|死了|挂了|やられ)"
    r"|(?<![^\W\d_])\d{1,4}\s?(?:x|times|vezes|veces|fois|volte|mal)\s+(?:[^\W\d_]+\s+){0,2}?(?:died|morri|morí|"
    r"gestorben)(?![^\W\d_])"
)


_COUNT = re.compile(r"\d+")
_ALMOST = re.compile(r"(?i)(?:almost|nearly|quase|casi|fast|presque|quasi|karibu)\s+$")  # "já quase morri 2 vezes"
# "kkkkkkk": Portuguese laughter. The word lists cannot hold it: their key folds repeated letters, so a run of
# k's reads as the Klan's "kkk", which an allowed row then sets aside, laughter and all.
_K_LAUGHTER = re.compile(r"(?i)(?<![^\W\d_])k{4,}(?![^\W\d_])")


def pattern_cues(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Cues that no word list can hold: deaths counted in numbers (a game), a run of k's (laughter)."""
    found: list[tuple[str, tuple[int, int]]] = []
    if _COUNT.search(text) is not None:  # on the hot path: the C scan first, the game's pattern only beside a digit
        for m in _DEATHS_COUNTED.finditer(text):
            count = _COUNT.search(m.group())
            if (
                count is not None
                and int(count.group()) >= 5
                and not _ALMOST.search(text, max(0, m.start() - 12), m.start())
            ):
                found.append(("cue_game", m.span()))
    found += [("cue_laugh", m.span()) for m in _K_LAUGHTER.finditer(text)]
    return found


# games played on a screen or a board by name (not "a game", "la partita": a match on a pitch, or "this is
# no game"), for ``_game_leads``
_PLAYED = re.compile(
    r"(?i)(?<![^\W\d_])(?:minecraft|fortnite|roblox|among us|brawl stars|free fire|pubg|fifa|mario kart|valorant|"
    r"rocket league|clash royale|" + _BOARD_GAMES + r")(?![^\W\d_])|マイクラ|我的世界|ماينكرافت"
)
# the game named right after the threat, as where it happens: "je vais te tuer sur fortnite ce soir 😂"
_IN_GAME = re.compile(
    r"(?i)\W{0,3}(?:[^\W\d_]+\s+){0,3}?(?:in|on|at|sur|dans|en|à|au|aux|no|na|em|auf|im|bei|nel|su|в|на|kwenye|kwa|"
    r"mein|me)\s+(?:(?:the|le|la|el|o|a|der|die|das|il)\s+)?(?:(?:next|last|this|prochain|prochaine|próxima|proxima|"
    r"próximo|proximo|prossimo|prossima|nächsten|nächste|следующ\w*)\s+)?(?:minecraft|fortnite|roblox|among us|brawl stars|"
    r"free fire|pubg|fifa|mario kart|valorant|rocket league|the game|ranked|ranked match|partida|partita|round|ronda|rodada|"
    r"manche|runde|раунд\w*|1v1|майнкрафт\w*|фортнайт\w*|" + _BOARD_GAMES + r"|uno)(?![^\W\d_])"
    r"|\W{0,3}(?:[^\W\d_]+\s+){0,3}?(?:ف|في|فى)\s?(?:ال)?(?:فيفا|ببجي|فورتنايت|ماينكرافت|fifa|pubg)"
)
# the game named right before it, in scripts written without spaces: "昼休み将棋でボコボコにしてやる"
_GAME_BEFORE = re.compile(
    r"(?:ゲーム|マイクラ|将棋|チェス|オセロ|トランプ|スマブラ|マリカ|試合|対戦)(?:で|では|、)|試合[、,]?$|"
    r"(?:游戏|象棋|下棋|我的世界|比赛|球赛)(?:里|中|上)?[，,]?$"
)
# a game's round just before it, up to three words away: "al prossimo round ti ammazzo", "next round i'm gonna"
_ROUND_BEFORE = re.compile(
    r"(?i)(?<![^\W\d_])(?:round|ronda|rodada|manche|runde|раунде?|partita|partida)\W{1,3}(?!(?:of|de|di|du|des|der|do|da|del|della|von)\s)(?:[^\W\d_]+(?:['’][^\W\d_]+)?\s+){0,3}$"
)
# the threat aimed at the reader, not at the sibling: "my brother will kill you lol" stays a threat
_AT_READER = re.compile(
    r"(?i)(?<![^\W\d_])(?:you|u|ya|your|ur|yr|te|toi|ton|ta|tes|ti|tuo|tua|tuoi|teu|tus|dich|dir|dein|deine|deinen|"
    r"deinem|deiner|тебя|тебе|твой|твоя|твою|твоё|твое|твои|твоей|твоему|твоим|tujhe|tumhe|tera|teri|tere|tumhare|"
    r"tumhari|aapke|aapki|tu|voc[eê]|vc|wako|yako|wenu|تبعك)(?![^\W\d_])"
    r"|你|お前|おまえ|あなたの|तुझे|तेरा|तेरी|तेरे"
)
_STORY = re.compile(
    r"(?i)(?<![^\W\d_])(?:spoiler|tragedy|tragédie|tragödie|tragedia|tragédia|novel|roman|romanzo|novela|book|livre|buch|"
    r"libro|livro|film|movie|play|pièce|drama|theatre|theater|shakespeare|romeo|juliet|juliette|julia|giulietta|julieta|"
    r"hamlet|ophelia|werther|karenina|antigone|story|histoire|geschichte|historia|storia|história|"
    r"ромео|джульетт\w*|роман|трагеди\w*|riwaya|hadithi|tamthilia|kahani|upanyas)(?![^\W\d_])"
    r"|悲剧|剧透|小说|罗密欧|朱丽叶|ネタバレ|悲劇|小説|ロミオ|ジュリエット|『|《|国語|कहानी|उपन्यास|रोमियो|جولييت|روميو|رواية"
)
# the word for a female dog beside dogs: "our lab bitch had 6 puppies", "у нашей суки родились щенки"
_FEMALE_DOG = re.compile(r"(?i)^(?:bitch|bitches|сука|суки|суку|сукой|kutiya|कुतिया|perra|cadela|chienne|cagna)$")
_DOG_OWNER = re.compile(
    r"(?i)(?<![^\W\d_])(?:our|my|the|her|his|their|this|нашей|нашу|наша|моя|мою|моей|эта|hamari|meri|humari|uski|"
    r"la|une|ma|mi|nuestra|unsere|meine|die|minha|nossa|mia|una)\s+(?:[^\W\d_]+\s+(?:ki\s+|की\s+)?)?$"
)
_TO_YOU = re.compile(r"(?i)(?<![^\W\d_])(?:you|you'?re|youre|ur|u|ya|du|tu|t'es|tes|eres|ты|wewe|tum)(?![^\W\d_])")
_DOGS = re.compile(
    r"(?i)(?<![^\W\d_])(?:pupp(?:y|ies)|litter|breed|breeder|dog show|vet|labrador|beagle|щен\w*|овчарк\w*|собак\w*|"
    r"питомник\w*|pille|पिल्ले|cachorros|cachorrinhos|chiots|cuccioli|cachorritos)(?![^\W\d_])|🐶|🐕"
)
# a prevention campaign named: "suicide prevention week", "journée de prévention du suicide"
_PREVENTION = re.compile(
    r"(?i)(?<![^\W\d_])(?:prevention|prévention|prevencion|prevención|prävention|praevention|prevenção|prevencao|"
    r"prevenzione|профилактик\w*|предотвращени\w*|kuzuia|awareness|sensibilisation)(?![^\W\d_])"
    r"|منع الانتحار|الوقاية من الانتحار|预防自杀|預防自殺|自殺予防|自殺防止|आत्महत्या रोकथाम"
)
# bullying as the topic: "anti-bullying week", "semaine contre le harcèlement", "неделя против травли"
_BULLYING_TOPIC = re.compile(
    r"(?i)(?<![^\W\d_])(?:anti-?bullying|bullying|harcèlement|harcelement|acoso|mobbing|anti-mobbing|bullismo|"
    r"травл\w*|буллинг\w*|uonevu|kupinga uonevu)(?![^\W\d_])|التنمر|霸凌|欺凌|いじめ|बुलिंग"
)
# a slur as the topic: racism, discrimination, verbal abuse ("为什么说“娘炮”是语言暴力", "ni ubaguzi"); not
# "no es broma", which says an insult is meant as much as it says a word hurts
_SLUR_TOPIC = re.compile(
    r"(?i)(?<![^\W\d_])(?:racism|racist|racisme|raciste|racismo|racista|rassismus|rassistisch|razzismo|razzista|"
    r"расизм\w*|discriminat\w*|discriminación|discriminacion|discriminação|discriminacao|diskriminierung|"
    r"дискриминац\w*|ubaguzi|homophob\w*|homofob\w*|гомофоб\w*|verbal abuse|verbal violence)(?![^\W\d_])"
    r"|语言暴力|歧视|種差別|差別|言葉の暴力|भेदभाव|नस्लवाद|عنصرية|العنصرية|تمييز"
)
# a quoted stretch: «…», „…“, “…”, "…", '…' (not an apostrophe inside a word), 「…」, 『…』
_QUOTED = re.compile(
    r"«[^»]{1,200}»|„[^“”]{1,200}[“”]|“[^”]{1,200}”|\"[^\"]{1,200}\"|(?<!\w)'[^']{1,200}'(?!\w)"
    r"|「[^」]{1,200}」|『[^』]{1,200}』"
)
# a word given as a name: "mein Nachname ist Fick", "mwanafunzi anaitwa Kuma", "我同学姓操", 名字「毒島」
_NAMED_BEFORE = re.compile(
    r"(?i)(?<![^\W\d_])(?:surname|last name|family name|nachname|familienname|apellido|nom de famille|sobrenome|"
    r"cognome|фамилия|सरनेम|उपनाम|jina la ukoo|name is|name's|heißt|heisst|se llama|s'appelle|se chama|chama-se|"
    r"si chiama|зовут|anaitwa|jina lake ni|named|called)\s*(?:is|ist|es|est|é|è|ni|hai|है|:|-|—)?\s*[\"'«„“]?$"
    r"|(?:姓|名字|苗字|名前は|叫)[「『\"“]?$"
)
# a word given as a place: "Lund शहर", "the town of Fucking", "Wank city"
_PLACE_AFTER = re.compile(
    r"(?i)\s*(?:city|town|village|शहर|नगर|stadt|dorf|ciudad|pueblo|ville|cidade|città|citta|город\w*|mji|市|町|村)(?![^\W\d_])"
)
_PLACE_BEFORE = re.compile(
    r"(?i)(?:town|city|village|ville|stadt|ciudad|cidade|città|citta|shehar|शहर|mji) (?:of|de|von|di|do|da|hai|है|"
    r"called|named|namens|appelée|llamada|chamada|chiamata|inaitwa)\s+$"
)
# a title before a name: "la doctora Verga", "M. Conard", "Herr Fick"
_TITLE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:M|Mme|Mlle|(?i:dr|doctor|doktor|doctora|docteur|prof|professor|professora|profesor|profesora|"
    r"professeur|mr|mrs|ms|miss|herr|frau|sr|sra|señor|señora|signor|signora|sig|dott|dottoressa|monsieur|madame|"
    r"mwalimu))\.?\s+$"
)
_MEANS_BEFORE = re.compile(
    r"(?i)(?<![^\W\d_])(?:means|meaning|bedeutet|significa|veut dire|signifie|vuol dire|quer dizer|"
    r"maana yake|означает)\s*[:\"'“„«]?\s*$"
)
_MEANS_AFTER = re.compile(r"^\s*[\"'”»」』]?\s*(?:的意思|という意味|って意味|の意味|का मतलब|ka matlab)")
# a question about a word, asked right before it: "was heißt eigentlich shit?", "cosa significa esattamente fuck?"
_ASKED_BEFORE = re.compile(
    r"(?i)(?<![^\W\d_])(?:what does|what do|what's the meaning of|what is the meaning of|the meaning of|was heißt|"
    r"was heisst|was bedeutet|que veut dire|que signifie|ça veut dire quoi|ca veut dire quoi|qué significa|que significa|"
    r"qué quiere decir|que quiere decir|o que significa|o que quer dizer|cosa significa|che significa|cosa vuol dire|"
    r"che vuol dire|что значит|что означает|шо значит|nini maana ya|maana ya neno|شو يعني|شو معنى|ما معنى|ايش معنى|"
    r"إيش معنى|وش معنى|معنى كلمة)\s+(?:(?:eigentlich|genau|exactly|exactement|esattamente|exactamente|exatamente|"
    r"really|the word|das wort|le mot|la palabra|a palavra|la parola|слово|neno)\s+)?[\"'“„«]?$"
)
# ... or right after it, a language named between: "merde kwa kifaransa inamaanisha nini?", "pendejo kya hota hai?"
_ASKED_AFTER = re.compile(
    r"(?i)^\s*[\"'”»」』]?\s*(?:(?:in|auf|en|em|kwa|na) [^\W\d_]+\s+|по-[^\W\d_]+\s+|بال[^\W\d_]+\s+)?"
    r"(?:bedeutet\s*\?|veut dire\s*\?|significa\s*\?|(?:i|li)na maana gani|(?:i|li)namaanisha nini|"
    r"maana yake (?:ni )?nini|kya hota hai|ka matlab|का मतलब|क्या होता है|matlab kya|يعني ايه|يعني إيه|يعني شو|معناها ايه|"
    r"是什么意思|是啥意思|什么意思|啥意思|ってどういう意味|ってなに|って何|ってどんな意味|是甚麼意思)"
)


def explained_away(findings: list[Finding], cues: list[Cue], text: str) -> list[Finding]:
    """The findings that no context in the message explains."""
    if not findings:
        return findings
    kinds = {kind for kind, _ in cues}
    surprise = (
        any(f[0] == "grooming" for f in findings)
        and not kinds & _RISK
        and (
            (_SURPRISE.search(text) is not None and _EVENT.search(text) is not None)
            or _PUZZLE.search(text) is not None
            or (_CELEBRATION.search(text) is not None and _teacher_kept_out(text, cues))
            or (_COLLECTION.search(text) is not None and _TEACHER.search(text) and not _FOR_YOU.search(text))
        )
    )
    game = not kinds & {"cue_weapon", "cue_school", "cue_intent"} and _GAME.search(text) is not None
    # no weapon, no school: "I'm gonna" is intent, but a game named as the place explains it
    unarmed = not kinds & {"cue_weapon", "cue_school"}
    spoiler = unarmed and _SPOILER.search(text) is not None
    calm = unarmed and not kinds & (_RISK | {"cue_kin", "cue_ally", "cue_warn"})  # nobody else drawn in
    story = not kinds & _FIRST_PERSON and (_STORY.search(text) is not None or _PREVENTION.search(text) is not None)
    # a brother or sister named, and the message told laughing or about something of the writer's taken or eaten
    squabble = unarmed and OWN_SIBLING.search(text) is not None
    squabble = squabble and not kinds & (_RISK | _DRAWN_IN) and ("cue_laugh" in kinds or over_things(text))
    snack = (
        unarmed
        and "cue_laugh" in kinds
        and not kinds & (_RISK | {"cue_kin", "cue_ally", "cue_warn"})
        and SNACK.search(text) is not None
        and TAKEN.search(text) is not None
    )
    talked_about = _BULLYING_TOPIC.search(text) is not None or _SLUR_TOPIC.search(text) is not None
    quotes = (
        [q for q in (m.span() for m in _QUOTED.finditer(text)) if not _beside_reader(text, q)] if talked_about else []
    )
    kept = []
    for finding in findings:
        category, severity, span, _ = finding
        if (
            category in ("profanity", "bullying")
            and severity <= 2
            and not kinds & _FIRST_PERSON
            and said_of_oneself(text, span)
        ):
            continue  # "I'm such an idiot, forgot my pencil case": the writer's own name for themselves
        if surprise and category == "grooming":
            continue
        if game and category == "violence" and severity <= 2:
            continue
        if unarmed and category == "violence" and _in_game(text, span):
            continue  # "vou te matar no fortnite hj": the death is the game's
        if calm and category == "violence" and severity <= 4 and _game_leads(text, span):
            continue  # "ce soir fortnite, je vais te tuer 💀": the game named first, in the same sentence
        if spoiler and category == "violence" and severity <= 4:
            continue  # "I'll kill you if you spoil the ending 😂": nobody is threatened over a spoiler
        if (
            squabble
            and category == "violence"
            and severity <= 4
            and not _AT_READER.search(text, span[0], span[1])
            and (not someone_else_named(text, span))
        ):
            continue  # "my brother ate my crisps, I'm gonna kill him 😂": a squabble at home
        if snack and category == "violence" and severity <= 4:
            continue  # "touch my crisps again and ur dead 😂": a fight over food, told laughing
        if story and category == "self_harm" and severity <= 3:
            continue
        if category == "profanity" and _female_dog(text, span):
            continue  # a breeder's word, not a swear word
        if category == "hate" and severity <= 3 and _cricket_six(text, span):
            continue  # "last over me 3 chhakke": sixes hit in a match
        if category in ("profanity", "bullying") and severity <= 3 and _glossed_by_meaning(text, span):
            continue
        if (category == "profanity" or category == "bullying" and severity <= 3) and _asked_about(text, span):
            continue  # "что значит fuck по-английски?": a word asked about in a language lesson
        if category in ("profanity", "sexual", "bullying") and severity <= 3 and _given_as_name(text, span):
            continue  # a surname, a town: a word that is someone's name, said as one
        if category in _QUOTABLE and severity <= 3 and any(a < span[0] and span[1] < b for a, b in quotes):
            continue  # a campaign or a lesson quoting what must never be said (a severity-4 slur stays caught)
        kept.append(finding)
    return kept


def _teacher_kept_out(text: str, cues: list[Cue]) -> bool:
    """Every guardian the message keeps something from is a teacher (the class prepares a party for them)."""
    kept = [span for kind, span in cues if kind == "cue_guardian"]
    return bool(kept) and all(
        _TEACHER.search(text, a, b) is not None and _AT_READER.search(text, max(0, a - 12), a) is None for a, b in kept
    )


def _beside_reader(text: str, quote: tuple[int, int]) -> bool:
    """A word for the reader right before or after a quotation: "you are a 'retard'", "'maricón' eres"."""
    return _TO_YOU.search(text, max(0, quote[0] - 12), quote[0]) is not None or (
        _TO_YOU.search(text, quote[1], quote[1] + 8) is not None
    )


def sibling_is_the_target(text: str, span: tuple[int, int]) -> bool:
    """The ally of a threat through others (intent's ``cue_ally``) is the writer's own brother or sister and
    nothing in it is aimed at the reader: the sibling is the one the harm is said of, not someone sent to do
    it ("si mon frère mange mon dernier Kinder je le tue"; "my brother will break your face" stays a threat)."""
    return OWN_SIBLING.search(text, span[0], span[1]) is not None and _AT_READER.search(text, span[0], span[1]) is None


def _in_game(text: str, span: tuple[int, int]) -> bool:
    """The game named as where it happens: right after the words, or just before them in Chinese
    or Japanese ("将棋でボコボコにしてやる")."""
    return (
        _IN_GAME.match(text, span[1]) is not None
        or _GAME_BEFORE.search(text, max(0, span[0] - 12), span[0]) is not None
        or _ROUND_BEFORE.search(text, max(0, span[0] - 40), span[0]) is not None
    )


# "chhakka" is a six in cricket before it is a slur: a count or the game's words beside it
_SIX = re.compile(r"(?i)c?hh?akk[ae]|छक्क[ाे]")
_CRICKET = re.compile(
    r"(?i)(?<![^\W\d_])(?:wicket|wickets|innings|batsman|bowler|ipl|cricket|chauke|chauka|boundary|t20|odi|"
    r"last over|aakhri over|\d+ runs?|\d+ overs?|विकेट|क्रिकेट|चौके|चौका)(?![^\W\d_])"
)
_COUNT_BEFORE = re.compile(r"(?<![^\W\d_])\d\s*$")
_SAID_TO = re.compile(
    r"(?i)(?<![^\W\d_])(?:tu|tum|tera|teri|tere|you|ur|u|oye|abe|sala|saale|saala|ye|yeh|wo|woh|vo)(?![^\W\d_])"
)
_IS_ONE = re.compile(r"(?i)\s*(?:hai|ho|hain|है|हो|हैं)(?![^\W\d_])")  # "Rohan chakka hai"


def _cricket_six(text: str, span: tuple[int, int]) -> bool:
    """A six counted or hit in a match ("last over me 3 chhakke", "chauke chhakke"), not a person called one."""
    if not _SIX.fullmatch(text[span[0] : span[1]].strip()):
        return False
    before = text[max(0, span[0] - 25) : span[0]]
    if _SAID_TO.search(before) or _IS_ONE.match(text, span[1]):
        return False  # "tum 2 chakke ho kya", "oye chakke", "Rohan chakka hai": said to or of someone
    return bool(_COUNT_BEFORE.search(before) or _CRICKET.search(before) or _CRICKET.search(text, span[1], span[1] + 25))


def _game_leads(text: str, span: tuple[int, int]) -> bool:
    """A video or board game named in the words just before a threat at the reader, with no sentence
    ending between ("stasera fortnite, ti ammazzo"); not a match on a pitch ("en el partido del sábado le
    voy a romper la pierna") nor a third person ("insulté sur fortnite ... je vais lui casser les jambes")."""
    game = None
    for game in _PLAYED.finditer(text, max(0, span[0] - 40), span[0]):
        pass
    return (
        game is not None
        and _SENTENCE_END.search(text, game.end(), span[0]) is None
        and _AT_READER.search(text, max(0, span[0] - 4), span[1]) is not None
    )


def _female_dog(text: str, span: tuple[int, int]) -> bool:
    """ "our lab bitch had 6 puppies": the dog's word after "our", "my", "the"..., in a message about
    dogs, and nobody addressed just before it ("ur such a bitch, go have puppies" is no breeder's talk)."""
    start, end = span
    before = text[max(0, start - 24) : start]
    return (
        _FEMALE_DOG.match(text[start:end]) is not None
        and _DOG_OWNER.search(before) is not None
        and _TO_YOU.search(before) is None
        and _DOGS.search(text) is not None
    )


def _given_as_name(text: str, span: tuple[int, int]) -> bool:
    """One word given as a name: a capitalised word (or a CJK one) right after "my surname is",
    "anaitwa", "姓", or given as a town ("Lund शहर", "the town of Fucking"). A word in small letters
    after "called" ("he called me a ...") is an insult, not a name, and so is a nickname for "you"."""
    start, end = span
    word = text[start:end]
    if not word or " " in word.strip() or not (word[0].isupper() or _IS_CJK.match(word)) or word[0] in "你您他她我":
        return False  # "就叫你肥猪妹": a pronoun starts no name
    before = text[max(0, start - 24) : start]
    return (
        _NAMED_BEFORE.search(before) is not None
        or _PLACE_AFTER.match(text, end) is not None
        or _PLACE_BEFORE.search(before) is not None
        or _TITLE_BEFORE.search(before) is not None
    )


def _glossed_by_meaning(text: str, span: tuple[int, int]) -> bool:
    """The word right after "means" or right before "的意思": a meaning given, not an insult."""
    start, end = span
    return _MEANS_BEFORE.search(text[max(0, start - 16) : start]) is not None or (
        _MEANS_AFTER.match(text[end : end + 12]) is not None
    )


def _asked_about(text: str, span: tuple[int, int]) -> bool:
    """One word asked about: "what does shit mean?", "Was heißt eigentlich shit genau?", "英语里的 damn 是什么意思？".
    A pupil in a language exchange asks what a word they heard means; only a word, never a phrase aimed at
    someone ("what does you stupid cow mean" is not one word)."""
    start, end = span
    if " " in text[start:end].strip():
        return False
    return (
        _ASKED_BEFORE.search(text[max(0, start - 40) : start]) is not None
        or _ASKED_AFTER.match(text[end : end + 40]) is not None
    )
