"""The way into a child's home: a door or gate code, and which window is their bedroom.

"gate code for our building is 4471", "le digicode c'est 25B47", "код от подъезда 1290",
"门禁密码是1357#": no address, yet whoever knows the street now knows how to get in. "my
bedroom's the window above the garage", "ma chambre c'est la fenêtre du deuxième", "我房间就是
那个挂着风铃的窗户": a stranger outside learns which window is the child's. Both are held for
pupils like an address (category ``pii_location``); a code word with no code after it ("what's
the door code again?") and a window that is not pointed out ("I can see the moon from my
bedroom window") pass.

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
    r"mein\s+zimmer\s+ist\s+(?:das|dieses)\s+(?:\w+\s+){0,2}fenster|"
    r"ma\s+chambre\s+(?:c['’]est|est)\s+la\s+(?:\w+\s+){0,2}fen[êe]tre|"
    r"mi\s+(?:cuarto|habitaci[óo]n|pieza|recámara)\s+es\s+la\s+(?:\w+\s+){0,2}ventana|"
    r"(?:la\s+)?mia\s+(?:camera|stanza|cameretta)\s+[èe]\s+la\s+(?:\w+\s+){0,2}finestra|"
    r"meu\s+quarto\s+[ée]\s+(?:a|aquela)\s+(?:\w+\s+){0,2}janela|"
    r"(?:мо[её]\s+окно\s*[—–-]|моя\s+комната\s*[—–-]?\s*(?:это\s+)?окно)|"
    r"chumba\s+changu\s+ni\s+dirisha|"
    r"मेरा\s+कमरा\s+(?:वो|वह)\s+खिड़की|mera\s+kamra\s+(?:wo|woh|vo)\s+khidki|"
    r"غرفتي\s+(?:هي\s+)?(?:ال)?(?:شباك|نافذة)|"
    r"(?:私|僕|俺|うち)の部屋は.{0,20}窓|我(?:的)?房间(?:就)?是.{0,20}窗"
)


# words one of which each pattern needs, looked for in the lower-case text before the pattern runs
_CODE_KEYS = re.compile(
    r"code|pin|password|codice|c[óo]digo|senha|clave|код|geti|कोड|كود|رمز|رقم|番号|密码|门禁码|门禁密码"
)
_WINDOW_KEYS = re.compile(
    r"window|fenster|fen[êe]tre|ventana|finestra|janela|окно|dirisha|खिड़की|khidki|شباك|نافذة|窓|窗"
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
