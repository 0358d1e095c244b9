"""The way into a child's home: a door or gate code, which window is their bedroom, where the key is.

"gate code for our building is 4471", "le digicode c'est 25B47", "код от подъезда 1290",
"门禁密码是1357#": no address, yet whoever knows the street now knows how to get in. "my
bedroom's the window above the garage", "ma chambre c'est la fenêtre du deuxième", "我房间就是
那个挂着风铃的窗户": a stranger outside learns which window is the child's. Both are held for
pupils like an address (category ``pii_location``); a code word with no code after it ("what's
the door code again?") and a window that is not pointed out ("I can see the moon from my
bedroom window") pass. The key's hiding place ("the spare key is under the frog statue by the back
door", "Schlüssel liegt unterm Blumentopf", "钥匙放在门口地垫下面") is held the same way.

Pure: text in, spans out.
"""

from __future__ import annotations

import re

Found = tuple[str, int, tuple[int, int], str]

_CODE_WORD = re.compile(
    r"(?i)(?:gate|door|front door|building|entrance|keypad|lobby)\s+(?:code|pin|password)|"
    r"(?:code|pin|password)\s+(?:for|to|of)\s+(?:the|our|my)\s+(?:gate|door|front door|building|flat|block)|"
    r"t[üu]rcode|haust[üu]rcode|torcode|zugangscode|code\s+f[üu]r\s+(?:die|das|den)\s+(?:haust[üu]r|tor|haus|eingang)|"
    r"digicode|code\s+(?:de\s+la\s+porte|du\s+portail|de\s+l['’]immeuble|d['’]entr[ée]e|du\s+hall)|"
    r"c[óo]digo\s+(?:del\s+portal|de\s+la\s+puerta|del\s+port[óo]n|de\s+entrada|do\s+port[ãa]o|da\s+porta|do\s+pr[ée]dio|"
    r"da\s+portaria)|clave\s+del\s+portal|senha\s+(?:do\s+port[ãa]o|do\s+pr[ée]dio|da\s+porta|da\s+portaria)|"
    r"codice\s+(?:del\s+cancello|del\s+portone|della\s+porta|del\s+citofono|d['’]ingresso)|"
    r"код\s+(?:от\s+)?(?:подъезда|домофона|двери|калитки|ворот)|"
    r"namba\s+ya\s+siri\s+ya\s+geti|nambari\s+ya\s+geti|code\s+ya\s+geti|"
    r"gate\s+ka\s+code|darwaze\s+ka\s+code|गेट\s*(?:का\s*)?कोड|"
    r"(?:كود|رمز|رقم)\s+(?:ال)?(?:بوابة|باب|عمارة)|"
    r"オートロックの番号|オートロック番号|暗証番号|門禁密码|门禁密码|门禁码|大门密码|单元门密码"
)
_DIGIT = r"[0-9٠-٩०-९０-９]"
# the code: three to ten characters with at least three digits ("4471", "25B47", "3-3-9-1", "7319#")
_CODE = re.compile(r"(?<![0-9A-Za-z])" + _DIGIT + r"[0-9A-Za-z٠-٩०-९０-９#*\-]{1,9}(?![0-9A-Za-z])")
_CODE_REACH = 30  # characters between the word and the code

_WINDOW = re.compile(
    r"(?i)(?:my\s+(?:bed)?room|my\s+bedroom)(?:['’]s|\s+is)\s+(?:the|that)\s+(?:\w+\s+){0,2}window|"
    r"my\s+window(?:['’]s|\s+is)\s+the\s+(?:\w+\s+){0,3}(?:one|with)|my\s+(?:bed)?room(?:['’]s|\s+is)\s+the\s+one\s+with|"
    r"mein\s+fenster\s+ist\s+(?:das|dieses)|ma\s+fen[êe]tre\s+(?:c['’]est|est)\s+(?:la|celle)|mi\s+ventana\s+es\s+la|"
    r"meri\s+khidki\s+(?:wo|woh|vo)|मेरी\s+खिड़की\s+(?:वो|वह)|شباكي\s+(?:هو|هي)|نافذتي\s+(?:هي|هو)|"
    r"mein\s+zimmer\s+ist\s+(?:das|dieses)\s+(?:\w+\s+){0,2}fenster|"
    r"ma\s+chambre\s+(?:c['’]est|est)\s+la\s+(?:\w+\s+){0,2}fen[êe]tre|"
    r"mi\s+(?:cuarto|habitaci[óo]n|pieza|recámara)\s+es\s+la\s+(?:\w+\s+){0,2}ventana|"
    r"(?:la\s+)?mia\s+(?:camera|stanza|cameretta)\s+[èe]\s+la\s+(?:\w+\s+){0,2}finestra|"
    r"meu\s+quarto\s+[ée]\s+(?:a|aquela)\s+(?:\w+\s+){0,2}janela|"
    r"(?:мо[её]\s+окно\s*[—–-]|моя\s+комната\s*[—–-]?\s*(?:это\s+)?окно)|"
    r"chumba\s+changu\s+ni\s+dirisha|"
    r"मेरा\s+कमरा\s+(?:वो|वह)\s+खिड़की|mera\s+kamra\s+(?:wo|woh|vo)\s+khidki|"
    r"غرفتي\s+(?:هي\s+)?(?:ال)?(?:شباك|نافذة)|"
    r"(?:私|僕|俺|うち)の部屋は.{0,20}(?:窓|カーテン)|我(?:的)?房间(?:就)?是.{0,20}(?:窗|窗帘)"
)


# words one of which each pattern needs, looked for in the lower-case text before the pattern runs
_CODE_KEYS = re.compile(
    r"code|pin|password|codice|c[óo]digo|senha|clave|код|geti|कोड|كود|رمز|رقم|番号|密码|门禁码|门禁密码"
)
_WINDOW_KEYS = re.compile(
    r"window|room|fenster|fen[êe]tre|ventana|finestra|janela|окно|dirisha|खिड़की|khidki|شباك|نافذة|نافذتي|窓|窗|カーテン"
)
_ANY_DIGIT = re.compile(_DIGIT)


def _digits(token: str) -> int:
    return sum(c.isdigit() for c in token)


def find_access_codes(text: str) -> list[Found]:
    """A door, gate or building code given after its word."""
    found: list[Found] = []
    if not _ANY_DIGIT.search(text) or not _CODE_KEYS.search(text.lower()):
        return found
    for word in _CODE_WORD.finditer(text):
        for code in _CODE.finditer(text, word.end(), min(len(text), word.end() + _CODE_REACH)):
            if _digits(code.group()) >= 3:
                found.append(("pii_location", 3, (word.start(), code.end()), "pii:access_code"))
                break
    return found


def find_pointed_windows(text: str) -> list[Found]:
    """A bedroom pointed out from the street: "my room is the window above the garage"."""
    if not _WINDOW_KEYS.search(text.lower()):
        return []
    return [("pii_location", 3, m.span(), "pii:bedroom_window") for m in _WINDOW.finditer(text)]


_KEY = re.compile(
    r"(?i)(?<![^\W\d_])(?:spare\s+key|keys?|schl[üu]ssel|cl[ée]s?|clef|llaves?|chaves?|chiavi|chiave|ключи?|ключ|"
    r"ufunguo|funguo|chabi|chaabi)(?![^\W\d_])|المفتاح|مفتاح|चाबी|चाभी|合鍵|鍵|カギ|かぎ|钥匙|鑰匙"
)
# where a key is hidden by the door: a mat, a flowerpot, a stone, a garden ornament
_HIDING_PLACE = re.compile(
    r"(?i)(?<![^\W\d_])(?:door ?mat|welcome mat|mat|flower ?pot|plant ?pot|pot|plant|stone|rock|brick|gnome|statue|"
    r"fu(?:ß|ss)matte|matte|blumentopf|blumenk[üu]bel|topf|stein|gartenzwerg|zwerg|paillasson|tapis|pot de fleurs?|"
    r"pierre|caillou|nain|felpudo|tapete|maceta|macetero|matera|piedra|capacho|vaso|pedra|zerbino|vaso|tappetino|"
    r"sasso|pietra|коврик\w*|горш\w*|камн\w*|камень|mkeka|chungu|jiwe|kapeti|doormat|gamla|gamle|paydaan|patthar)"
    r"(?![^\W\d_])|الدواسة|دواسة|السجادة|الزريعة|الزرعة|المزهرية|الأصيص|الاصيص|الحجر|गमले|गमला|पायदान|पत्थर|"
    r"植木鉢|玄関マット|マット|鉢|地垫|脚垫|花盆|门垫|門墊|石头"
)
_KEY_REACH = 50
# under or behind it: "the key to this puzzle is the stone in the middle" hides nothing
_UNDER = re.compile(
    r"(?i)(?<![^\W\d_])(?:under|underneath|beneath|behind|unter|unterm|hinter|sous|derri[èe]re|debajo|bajo|detr[áa]s|"
    r"embaixo|debaixo|atr[áa]s|sotto|dietro|под|за|chini|nyuma|neeche|niche)(?![^\W\d_])|नीचे|पीछे|تحت|ورا|وراء|下|裏|后面|後ろ"
)
_KEY_KEYS = re.compile(
    r"key|schl[üu]ssel|cl[ée]|clef|llave|chave|chiav|ключ|ufunguo|funguo|chab|chaab|مفتاح|चाबी|चाभी|鍵|カギ|かぎ|钥匙|鑰匙"
)


def find_hidden_keys(text: str, lower: str) -> list[Found]:
    """A house key and where it is hidden by the door, in one sentence."""
    if not _KEY_KEYS.search(lower):
        return []
    for key in _KEY.finditer(text):
        window = text[key.end() : key.end() + _KEY_REACH]
        stop = min((i for i in (window.find(m) for m in ".!?\n。！？") if i >= 0), default=len(window))
        place = _HIDING_PLACE.search(text, key.end(), key.end() + stop)
        if place is None:  # "门口地垫下面的钥匙": the place may come first
            back = text[max(0, key.start() - _KEY_REACH) : key.start()]
            cut = max(back.rfind(m) for m in ".!?\n。！？") + 1
            place = _HIDING_PLACE.search(text, key.start() - len(back) + cut, key.start())
        if place is not None and _UNDER.search(
            text, min(key.start(), place.start()) - 12, max(key.end(), place.end()) + 12
        ):
            span = (min(key.start(), place.start()), max(key.end(), place.end()))
            return [("pii_location", 3, span, "pii:hidden_key")]
    return []
