"""App handles and e-mail addresses in the ways pupils actually write them.

Handles: "snap: coolkid22", "my insta is coolkid22", "add me on roblox SamosaKing13",
"ник в роблоксе: PelmenPro13", "인스타 @jimin", "tiktok @ l a n a . d a n c e" and the same
with the platform's name spaced out ("s n a p : c o o l k i d 2 2"). A platform's name
may carry a suffix of its language ("snapie", "роблоксе", "instam", "snap'ten").
E-mail: "name @ gmail . com" and "name at gmail dot com" with the words for "at" and
"dot" of many languages ("arroba", "punto", "Punkt", "собака", "골뱅이", "艾特").
All spans are in the coordinates of the text given (the visible form of a message).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .pii_gates import contains_any, heads, words_of
from .pii_public import office_mailbox

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

# Platform names and their nicknames, as written in each language (lower case).
_PLATFORMS = (
    "snapchat snap snäp snäpp snep snepchat sc "
    "instagram insta instaa insto ig inst "
    "tiktok tik-tok discord dc telegram télégram télégramme tele telega tg whatsapp whats watsap wa zap zapzap "
    "kik roblox rblx minecraft mc vk vkontakte line wechat weixin signal kakao kakaotalk "
    "skype twitch steam psn xbox epic fortnite gamertag threads bluesky fb facebook "
    "twitter reddit youtube yt pinterest tumblr viber imo "
    "снап снэп снеп снапчат инст инста инстаграм інст інста інстаграм телега телеграм тг вотсап ватсап вк вконтакте "
    "дискорд роблокс роблоксі майнкрафт тикток тікток "
    "سناب سنابي انستا انستغرام انستقرام واتساب واتس تيليجرام تلجرام تيك روبلوكس ديسكورد "
    "इंस्टा इंस्टाग्राम व्हाट्सएप स्नैप "
    "인스타 카톡 카카오톡 틱톡 로블록스 스냅 디코 디스코드 마크 "
    "微信 微信号 qq 抖音 我的世界 快手 小红书 微博 "
    "ライン インスタ ティックトック マイクラ ディスコード ディスコ ロブロックス ツイッター スナチャ フォートナイト カカオ シグナル "
    "телег дискорде тиктоке ютуб фейсбук "
    "الانستا الانستقرام السناب سنابشات الواتس الواتساب تويتر فيسبوك فيس التيك تيك توك تيليجرام التلي تلي ديسكورد "
    "دسكورد الدسكورد الديسكورد سيجنال سيغنال سغنال ماينكرافت سكايب تيليغرام تلغرام تليغرام "
    "स्नैपचैट फेसबुक यूट्यूब टिकटॉक डिस्कॉर्ड टेलीग्राम "
    "vx v信 威信 抖音号 快手号 b站 "
    "freefire pubg brawl yubo likee vsco bereal zepeto"
).split()
# Arabic names also carry the article and a preposition joined to it: "التيليجرام", "بالواتساب", "عالسناب"
_PLATFORMS += sorted(
    {
        prefix + name
        for name in _PLATFORMS
        if re.match(r"[\u0600-\u06ff]", name) and not name.startswith("ال") and len(name) >= 3
        for prefix in ("ال", "بال", "عال", "وال", "عل", "ف", "فال")  # "فتيليغرام": Maghrebi "on"
    }
    - set(_PLATFORMS)
)
_CJK_PLATFORMS = [p for p in _PLATFORMS if not p.isascii() and not re.match(r"[\u0400-\u06ff\u0900-\u097f]", p)] + [
    "q q"
]
_HAS_CJK_PLATFORM = contains_any(_CJK_PLATFORMS)
_WORD_PLATFORMS = [p for p in _PLATFORMS if p not in _CJK_PLATFORMS]
_SUFFIX = r"(?:['’]?[^\W\d_\u3040-\u30ff\u3400-\u9fff]{0,5})"  # snapie, роблоксе, instam, snap'ten: long names only


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_LONG = [p for p in _WORD_PLATFORMS if len(p) >= 4]
_SHORT = [p for p in _WORD_PLATFORMS if len(p) < 4]
_PLATFORM = (
    # a name may touch Japanese or Chinese text: "LINEのID", "我的insta是"
    r"(?:(?<![^\W\d_\u3040-\u30ff\u3400-\u9fff])(?:(?:"
    + _alternation(_LONG)
    + ")"
    + _SUFFIX
    + "|"
    + _alternation(_SHORT)
    + r")(?![^\W\d_\u3040-\u30ff\u3400-\u9fff])|"
    + _alternation(_CJK_PLATFORMS)
    + ")"
)
_PLATFORM_QUICK = re.compile(
    "(?:" + _alternation(_PLATFORMS + ["q q"]) + ")"
)  # on lower-case text, no look-behind: fast
# Exact pre-check of _PLATFORM (pii_gates): a word is a short name or the first letters of a
# name, or a name of the CJK scripts stands anywhere.
_PLATFORM_WORDS = heads(_WORD_PLATFORMS)
_PLATFORM_BY_START: dict[str, list[str]] = {}
for _name in _LONG:
    if _name.isalpha():
        _PLATFORM_BY_START.setdefault(_name[:4], []).append(_name)
# _handles' gate, in cheap pieces: a separator, "@", a digit or "_"; camelCase; a dot inside
# a word ("ben.on.wheels"); a spaced dash ("ig - ben")
_HANDLE_GATE_CHARS = re.compile(r"[:=：＝@\d_]")
_CAMEL = re.compile(r"[a-z][A-Z]")
_DOT_INSIDE = re.compile(r"\w\.\w")
_SPACED_DASH = re.compile(r"\s[-–—]\s?\w")


def _handle_gate(text: str) -> bool:
    return bool(
        _HANDLE_GATE_CHARS.search(text)
        or _CAMEL.search(text)
        or ("." in text and _DOT_INSIDE.search(text))
        or (("-" in text or "–" in text or "—" in text) and _SPACED_DASH.search(text))
    )


# Short platform names that are everyday words elsewhere ("wa" in Swahili, "line", "mc",
# "zap", "tele"): they count only right before a separator, never with a bare word after.
_WEAK = frozenset("wa zap line mc sc dc tg tele yt fb epic signal steam threads imo inst мак тг вк".split())
_FILLER = r"(?:\s*[^\s:=：＝@]{1,14}){0,4}?"
_SEP = r"\s*(?:[:=：＝→➡⇒]|->|(?<=\s)[-–—](?=\s?\w))\s*"  # "snap: x", "ig - x"
_HANDLE = r"@?[\w][\w.\-]{1,31}(?:#\d{4})?"
_AFTER_SEPARATOR = re.compile(rf"({_PLATFORM}){_FILLER}{_SEP}({_HANDLE})", re.IGNORECASE)
_AFTER_AT = re.compile(rf"({_PLATFORM}){_FILLER}\s*(@[\w][\w.]{{2,30}})", re.IGNORECASE)
# up to two short words between ("my snap is x", "mon snap c'est x", "LINE ID は x")
_AFTER_WORD = re.compile(
    rf"({_PLATFORM})((?:\s+[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])){{0,8}}){{0,2}})\s+([\w][\w.\-]{{3,31}})",
    re.IGNORECASE,
)
# "@ l a n a . d a n c e": an at sign before letters typed one by one
_SPACED_AT = re.compile(r"@\s?(?:[^\W_][\s.]{1,3}){3,}[^\W_](?![^\W_])")
_SPACED_AFTER = re.compile(
    rf"({_PLATFORM}){_FILLER}(?:{_SEP}|\s+)@?\s?((?:[^\W_][\s.]{{1,3}}){{3,}}[^\W_])(?![^\W_])", re.IGNORECASE
)
_SINGLES = re.compile(r"(?<!\S)\S(?: \S(?!\S)){3,}")
_NAME_WORDS = frozenset(
    "id name username user handle tag nick nickname naam navn namn nimi adım adi "
    "nombre nom usuario usuário nome ник ніК ник нік логин 닉 닉네임 아이디 ID 号 名".split()
)


def _handle_like(token: str) -> bool:
    """coolkid22, rohan.vrm, minjun_lee13, SamosaKing: not an ordinary word."""
    token = token.lstrip("@")
    letters = sum(c.isalpha() for c in token)
    if letters < 2 or len(token) < 4:
        return False
    if any(c.isdigit() or c == "_" for c in token) or "." in token.strip("."):
        return letters >= 3 or len(token) >= 6
    return any(a.islower() and b.isupper() for a, b in zip(token, token[1:]))


# Letters of a token that name a device, a game, a platform or a brand, not a person.
_NOT_HANDLES = frozenset(
    "iphone ipad ipod imac macbook mac xbox ps psp playstation switch nintendo wii ds galaxy samsung pixel "
    "windows android ios minecraft fortnite roblox gta fifa fc cod covid mp mpx robux vbucks v-bucks apex "
    "valorant tiktok youtube whatsapp instagram snapchat discord telegram facebook twitter powerpoint "
    "facetime mcdonald mcdonalds github linkedin javascript python scratch bereal onedrive onenote spongebob "
    "mrbeast pewdiepie freefire pubg brawlstars clashroyale amongus year class grade room page level "
    "ks kg bbc cbbc wifi usb hdmi prof.ssa dott.ssa sig.ra sig.na".split()  # Italian titles: "prof.ssa Conti"
)


def not_a_handle(token: str) -> bool:
    """A device, game, platform or brand name shaped like a handle ("iphone15", "xbox360"), or a link."""
    core = token.lstrip("@").split("#")[0].lower()
    letters = re.sub(r"[^a-z]", "", core)
    if letters in _NOT_HANDLES or core in _NOT_HANDLES:
        return True
    if "://" in token or core.startswith("www") or re.search(r"\.(?:com|net|org|ru|io)$", core):
        return True  # a link: the link detector decides
    return bool(re.fullmatch(r"\d+(?:st|nd|rd|th|am|pm|h|k|p|x|s|min|mins|km|m|kg|gb|mb|fps)?", core))


def _platform_ok(name: str, strong_only: bool) -> bool:
    return not strong_only or name.lower().strip("'’") not in _WEAK


def find_handles(text: str) -> list[Found]:
    """Handles of apps and games, with or without the platform's name spaced out."""
    found = _handles(text)
    if _SINGLES.search(text):
        view, index = _join_singles(text)
        if view != text:
            found += [(c, s, (index[a], index[b - 1] + 1), r) for c, s, (a, b), r in _handles(view)]
    if "_" in text and _SPACED_UNDERSCORE.search(text):
        view, index = _join_underscores(text)
        found += [(c, s, (index[a], index[b - 1] + 1), r) for c, s, (a, b), r in _handles(view)]
    return found


# "riku _ ito _ 13": the pieces of a handle typed apart around its underscores
_SPACED_UNDERSCORE = re.compile(r"\w\s+_\s*\w|\w\s*_\s+\w")
_UNDERSCORE_GAP = re.compile(r"(?<=\w)\s*_\s*(?=\w)")


def _join_underscores(text: str) -> tuple[str, list[int]]:
    """The text with spaces around underscores removed ("riku _ ito" -> "riku_ito"), with an index."""
    return marked_view(text, _UNDERSCORE_GAP.finditer(text), lambda m: ("_", text.index("_", m.start())))


def marked_view(
    text: str, matches: Iterable[re.Match[str]], mark: Callable[[re.Match[str]], tuple[str, int]]
) -> tuple[str, list[int]]:
    """The text with each match replaced by one mark character, and for each view position the text
    position it came from (``mark`` gives the character and the position it stands for)."""
    out: list[str] = []
    index: list[int] = []
    last = 0
    for m in matches:
        out.append(text[last : m.start()])
        index.extend(range(last, m.start()))
        char, origin = mark(m)
        out.append(char)
        index.append(origin)
        last = m.end()
    out.append(text[last:])
    index.extend(range(last, len(text)))
    return "".join(out), index


def _handles(text: str) -> list[Found]:
    found: list[Found] = []
    if not _handle_gate(text):
        return found
    has_at = "@" in text
    if has_at:
        found += [("pii_handle", 2, m.span(), "pii:handle_spaced") for m in _SPACED_AT.finditer(text)]
    if not _may_name_platform(text) or not _PLATFORM_QUICK.search(text.lower()):
        return found
    for m in _AFTER_SEPARATOR.finditer(text):
        handle = m.group(2)
        before = text[m.start() : m.start(2)]
        named = any(
            w.strip(":：=").lower() in _NAME_WORDS or w.strip(":：=").endswith(("ID", "id", "아이디", "닉"))
            for w in before.split()[-1:]
        )
        bare = handle.lstrip("@")
        if not_a_handle(handle):
            continue
        if (
            _handle_like(handle)
            or (named and len(bare) >= 3)
            or handle.startswith("@")
            or (len(bare) >= 5 and bare.isnumeric())
        ):  # a QQ or LINE number
            found.append(("pii_handle", 2, (m.start(), m.end()), "pii:handle"))
    if has_at:
        found += [("pii_handle", 2, m.span(), "pii:handle_at") for m in _AFTER_AT.finditer(text)]
    for m in _SPACED_AFTER.finditer(text):
        found.append(("pii_handle", 2, m.span(), "pii:handle_spaced"))
    for m in _AFTER_WORD.finditer(text):
        named = any(w.lower() in _NAME_WORDS for w in m.group(2).split())  # "LINE ID riku_13"
        if (named or _platform_ok(m.group(1), True)) and _handle_like(m.group(3)) and not not_a_handle(m.group(3)):
            found.append(("pii_handle", 2, m.span(), "pii:handle_word"))
    return found


_CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_LATIN_RUN = re.compile(r"[a-z]+")


def _may_name_platform(text: str) -> bool:
    """False only when _PLATFORM cannot match anywhere in the text."""
    lower = text.lower()
    if _HAS_CJK_PLATFORM(lower):  # a name in a CJK script, anywhere
        return True
    seen = words_of(text)
    if seen is None or not _PLATFORM_WORDS.isdisjoint(seen):
        return True
    if _CJK_LETTER.search(lower):  # Latin letters run into Japanese or Chinese ones: "lineのid"
        seen = seen | frozenset(_LATIN_RUN.findall(lower))
        if not _PLATFORM_WORDS.isdisjoint(seen):
            return True
    for word in seen:  # a long name with up to five letters of suffix: "snapie", "роблоксе"
        for name in _PLATFORM_BY_START.get(word[:4], ()):
            if word.startswith(name) and len(word) <= len(name) + 5:
                return True
    return False


def _join_singles(text: str) -> tuple[str, list[int]]:
    """Runs of single characters joined ("s n a p : c o o l" -> "snap:cool"), with an index."""
    out: list[str] = []
    index: list[int] = []
    last = 0
    for m in _SINGLES.finditer(text):
        out.append(text[last : m.start()])
        index.extend(range(last, m.start()))
        for i in range(m.start(), m.end(), 2):
            out.append(text[i])
            index.append(i)
        last = m.end()
    out.append(text[last:])
    index.extend(range(last, len(text)))
    return "".join(out), index


# --- e-mail -----------------------------------------------------------------------------

_AT_WORDS = (
    "@ at ät et arroba arobase arobas chiocciola krøllalfa snabel-a apenstaartje apestaart "
    "małpa malpa собака собачка sobaka равлик एट ऐट còng 골뱅이 アットマーク あっとまーく アット あっと 艾特 at符号 ات آت "
    "attherate atherate at-the-rate atrate"
).split()
_DOT_WORDS = (
    ". dot punto point ponto punkt punktum punt piste kropka точка крапка nokta nukta titik "
    "chấm cham 점 ドット どっと 点 點 نقطة نقطه دوت дот tochka नुक्ता डॉट"
).split()
_TLDS = (
    "com net org edu gov info biz io me co uk de fr es it pt br ru ua pl nl be se no fi dk at ch ie "
    "id in jp cn kr tr vn ke tz ug ng za mx ar cl pe eu by kz nz sg bd lk dz tn sn gh rw"
).split()
_W = r"(?:\s*[\[(]\s*{0}\s*[\])]\s*|\s+{0}\s+)"
_AT = _W.format(
    "(?:"
    + "|".join(map(re.escape, _AT_WORDS))
    + "|a\\s+còng|a\\s+cong|एट\\s+(?:द|दि)\\s+रेट"
    + "|(?:at\\s+the\\s+rate|a\\s+commercial)(?=\\s+(?:gmail|yahoo|ymail|hotmail|outlook|rediffmail|icloud|orange|free|laposte)\\b))"
)
_DOT = "(?:" + _W.format("(?:" + "|".join(map(re.escape, _DOT_WORDS)) + ")") + r"|\s?\.\s?)"
_PART = r"[a-z0-9_\-]+"
# parts in any script (with Indic and Arabic vowel signs), the dots spelled as words: "علي دوت حسن آت جيميل دوت كوم",
# "masha точка ivanova собака example точка ru"; a full stop never closes them ("الامتحان آت غدا. كوم واجبات")
_WPART = r"[\w\u0900-\u0dff\u0610-\u061a\u064b-\u065f\u0670\-]+"
_DOT_WORD = _W.format("(?:" + "|".join(map(re.escape, [w for w in _DOT_WORDS if w != "."])) + ")")
# mail hosts and ".com" as pupils spell them in other scripts ("آت جيميل دوت كوم")
_HOSTS_SPELLED = "جيميل|जीमेल|याहू|جي ميل|جيمايل|هوتميل|ياهو|اوتلوك|джимейл|гмейл|гмайл|яндекс|ジーメール|지메일|네이버"
_TLDS_SPELLED = "كوم|ком|コム|컴|कॉम|ру|इन|को"
_TLD = "(?:" + "|".join(_TLDS) + "|" + _TLDS_SPELLED + ")"
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.@])(?:{_PART}{_DOT})*{_PART}{_AT}(?:{_PART}|{_HOSTS_SPELLED})(?:{_DOT}{_PART})*?{_DOT}{_TLD}(?![\w])"
)
_SPELLED_EMAIL_ANY = re.compile(
    rf"(?<![\w.@])(?:{_WPART}{_DOT_WORD})*{_WPART}{_AT}(?:{_WPART}|{_HOSTS_SPELLED})(?:{_DOT_WORD}{_WPART})*?{_DOT_WORD}{_TLD}(?![\w])"
)
_SPACED_EMAIL = re.compile(
    rf"(?<![\w.])[\w.+\-]+\s*@\s*{_PART}(?:\s*\.\s*{_PART})*?\s*\.\s*{_TLD}(?!\w)", re.IGNORECASE
)
_AT_SET = frozenset(_AT_WORDS) | {"còng", "cong", "commercial"}
# "our blog is at www.oakfield.sch.uk": a site's address right after "at"; "at www.gmail dot com" is still mail
_SITE = re.compile(r"(?:\bat|@)\s*www\.(?!g\s?mail|yahoo|hotmail|outlook|icloud|proton|gmx|ymail)")
_AT_CJK = tuple(w for w in _AT_WORDS if not w.isascii() and not re.match(r"[\u0400-\u04ff]", w))
_BRACKETS = "[](){}"
_HAS_BRACKET = re.compile(r"[\[\](){}]")
_IN_BRACKETS = re.compile(r"[\[({]\s*([^\s\[\](){}]{1,12})\s*[\])}]")
_AT_CJK_RE = re.compile("|".join(map(re.escape, _AT_CJK)))

# "inesb11 at outlook, c'est .fr à la fin", "zawadi dot m 09 @ gmail": the mail host named and the
# rest left to guess; the name before it looks like an address (a digit, "_", "-" or a spelled dot), so
# "an account at gmail" is not one
_MAIL_HOSTS_ONLY = "gmail|googlemail|yahoo|ymail|hotmail|outlook|icloud|protonmail|proton|gmx|yandex|rediffmail"
_HOST_ONLY = re.compile(
    rf"(?<![\w.@])(?P<local>(?:{_PART}{_DOT})*{_PART})(?:{_AT}|\s*@\s*)(?:{_MAIL_HOSTS_ONLY}|{_HOSTS_SPELLED})(?![\w])"
)
_HANDLE_LIKE = re.compile(r"[\d_\-]|\s(?:" + "|".join(re.escape(w) for w in _DOT_WORDS if w != ".") + r")\s")

# "yanis.b11 sur gmail", "lulu.cat2010 على الجيميل", "kavya.m2010 जीमेल वाली", "gmailの方の、haruto.game0909": an
# address's name beside the mail host it lives at, with no "@" at all. The name has a digit or "_" ("yanis.benali"
# before the host will do; "my account on gmail" and "gmail today.nothing" are none), is no file ("lesson5.pptx"), and
# nothing but a preposition or "my ... is" stands between. Mail hosts only: "covid19 on yahoo news", "homework3 on
# icloud", "Outlook: year7 letters" are no addresses
# (a narrower list than ``_MAIL_HOSTS_ONLY``, which an "@" or an "at" already vouches for)
_HOSTS_NAMED = rf"g\s?mail|googlemail|hotmail|ymail|protonmail|gmx|rediffmail|{_HOSTS_SPELLED}|じーめーる|gメール"
_MAIL_HOST_NAMED = re.compile(_HOSTS_NAMED)
_LOCAL = r"(?P<local>[a-z][a-z0-9._\-]{3,30}[a-z0-9])"
_HOST_NAMED_ANY = rf"(?<![a-z])(?:عال|عل|بال|ع)?(?:ال)?(?:{_HOSTS_NAMED})"
_NAME_THEN_HOST = re.compile(
    rf"(?<![\w.@/]){_LOCAL}\s{{0,3}}[,،]?\s{{0,3}}(?:(?:sur|on|en|em|no|na|auf|bei|su|kwa|ya|في|على|عال|عل|ع|पर|में)\s+)?"
    rf"(?:(?:el|le|la|the|o|a|il)\s+)?{_HOST_NAMED_ANY}(?![a-z])"
)
_HOST_THEN_NAME = re.compile(
    rf"{_HOST_NAMED_ANY}(?:\s*(?:の方の|のほうの|の方|のほう|の|は|是|id|address|adresse|دي|ديالي|تبعي|वाली|वाला))?"
    rf"(?:\s+(?:is|est|c'est|es|é|ist|ni|hai|है|هو|هي))?[\s、,:：]+{_LOCAL}(?![\w@]|\.\w)"
)
_ADDRESS_NAME = re.compile(r"[a-z][a-z0-9.\-]*[\d_]")
_NAMED_BEFORE = re.compile(r"[a-z][a-z0-9\-]*[\d_.][a-z0-9]")
_FILE_NAME = re.compile(r"\.(?:pptx?|docx?|xlsx?|pdf|txt|jpe?g|png|gif|mp[34]|mov|zip|odt|csv|html?)$")


def personal_emails(pattern: re.Pattern[str], text: str) -> list[Found]:
    """The addresses ``pattern`` finds that are not an office's mailbox."""
    return [("pii_email", 3, m.span(), "pii:email") for m in pattern.finditer(text) if not office_mailbox(m.group())]


def find_emails(text: str) -> list[Found]:
    """E-mail addresses with spaces around "@" and ".", or with "at" and "dot" spelled; not an office's mailbox."""
    found = _emails(text)
    return [f for f in found if not office_mailbox(text[f[2][0] : f[2][1]])] if found and "@" in text else found


def _emails(text: str) -> list[Found]:
    found: list[Found] = []
    if "@" in text:
        found += [("pii_email", 3, m.span(), "pii:email_spaced") for m in _SPACED_EMAIL.finditer(text)]
    lower = text.lower()
    if len(lower) != len(text):
        return found
    words = lower.split()
    if _HAS_BRACKET.search(lower):  # "(at)": the word inside the brackets, also inside a word ("ankit(at)rediffmail")
        at_word = not _AT_SET.isdisjoint(w.strip(_BRACKETS) for w in words) or not _AT_SET.isdisjoint(
            _IN_BRACKETS.findall(lower)
        )
    else:
        at_word = not _AT_SET.isdisjoint(words)
    if at_word or _AT_CJK_RE.search(text):
        # "our blog is at www.oakfield.sch.uk": a site's address after "at", no mail host
        found += [
            ("pii_email", 3, m.span(), "pii:email_words")
            for m in _SPELLED_EMAIL.finditer(lower)
            if not _SITE.search(m.group())
        ]
        if not found:
            found += [
                ("pii_email", 3, m.span(), "pii:email_words")
                for m in _SPELLED_EMAIL_ANY.finditer(lower)
                if not _SITE.search(m.group())
            ]
    if not found and (at_word or "@" in lower):
        found += [
            ("pii_email", 3, m.span(), "pii:email_host")
            for m in _HOST_ONLY.finditer(lower)
            if _HANDLE_LIKE.search(m.group("local"))
        ]
    if not found and _MAIL_HOST_NAMED.search(lower):
        found += [
            ("pii_email", 3, m.span(), "pii:email_host_named")
            for pattern, name in ((_NAME_THEN_HOST, _NAMED_BEFORE), (_HOST_THEN_NAME, _ADDRESS_NAME))
            for m in pattern.finditer(lower)
            if name.match(m.group("local"))
            and not m.group("local").startswith("www")
            and not _FILE_NAME.search(m.group("local"))
        ]
    return found
