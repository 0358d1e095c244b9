"""Squabbles at home over things: a threat that is a pupil's exasperation, not a danger.

"touch my crisps again and ur dead 😂" and "my brother ate the last slice of pizza again, I'm going to kill him"
are what children say about food and belongings taken; the rules in ``context`` decide when nothing else in the
message (a weapon, the school, a threat at the reader) says otherwise.
"""

from __future__ import annotations

import re

# The writer's own brother or sister, the one a "kill him" is said of with a laugh after a squabble: "my
# brother ate all my crisps, I'm gonna kill him 😂", "mi hermano se comió mis papitas, lo voy a matar 🤣".
OWN_SIBLING = re.compile(
    r"(?i)(?<![^\W\d_])(?:my|mon|ma|mi|meu|minha|mio|mia|mein|meine|meinen|мой|моя|mera|meri)\s+"
    r"(?:(?:little|big|baby|younger|older|petit|petite|grand|grande|kleiner|kleine|kleinen|großer|große|"
    r"младший|младшая|старший|старшая|chhota|chhoti|bada|badi)\s+)?"
    r"(?:brother|sister|bro|sis|frère|frere|frérot|sœur|soeur|hermano|hermana|hermanito|hermanita|irmão|irmao|"
    r"irmã|irma|irmãozinho|fratello|fratellino|sorella|sorellina|bruder|schwester|брат|сестра|сестрёнка|"
    r"bhai|bhaiya|behen|didi)(?![^\W\d_])|我弟|我妹|我哥|我姐|弟が|妹が|兄が|姉が|うちの弟|うちの妹"
)
# food taken, told laughing: "touch my crisps again and ur dead 😂", "俺のポテチまた食ったら殺すぞwww"
SNACK = re.compile(
    r"(?i)(?<![^\W\d_])(?:(?:my|mi|mis|mein|meine|meinen|mes|mon|ma|le mie|il mio|la mia|i miei|meu|minha|meus|minhas)\W+"
    r"(?:crisps|chips|fries|sandwich|chocolate|snacks?|cookies|biscuits|sweets|candy|doritos|bocata|bocadillo|"
    r"patatas|galletas|chuches|pausenbrot|schokolade|süßigkeiten|pommes|jause|goûter|gouter|frites|"
    r"bonbons|patatine|panino|biscotti|caramelle|lanche|batatinhas?|salgadinhos?|bolachas?))(?![^\W\d_])"
    r"|(?:俺|僕|私|うち|あたし)の(?:ポテチ|おやつ|お菓子|プリン|唐揚げ|からあげ)"
)
# ... and taken: "touch", "eat", "steal" ("touch my crisps again", "como me vuelvas a robar mi bocata")
TAKEN = re.compile(
    r"(?i)(?<![^\W\d_])(?:touch|touches|eat|eats|ate|eating|steal|steals|stole|take|takes|took|nick|nicks|nicked|"
    r"robar|robas|robes|robás|comes|comer|comiste|tocas|toques|tocar|isst|gegessen|klaust|geklaut|nimmst|"
    r"touche|manges|mangé|mange|piques|voles|volé|tocca|tocchi|mangi|mangiato|rubi|rubato|mexe|mexer|"
    r"come|comeu|roubar|rouba|roubou)(?![^\W\d_])|食った|食べた|食べたら|食ったら|取った|盗った"
)
# a sibling's offence against the writer's things: eaten, taken, borrowed, broken ("pegou meu carregador de novo",
# "se comió mi pizza", "hat schon wieder mein Ladekabel genommen", "ate the last slice")
_THINGS_TAKEN = re.compile(
    r"(?i)(?<![^\W\d_])(?:ate|eaten|took|taken|stole|nicked|borrowed|broke|used|wore|finished|"
    r"pegou|pega|pegar|comeu|roubou|quebrou|usou|"
    r"se comió|se comio|cogió|cogio|agarró|agarro|rompió|rompio|robó|robo|usó|"
    r"a mangé|a pris|a cassé|a volé|a fini|gegessen|genommen|geklaut|kaputt gemacht|"
    r"ha mangiato|ha preso|ha rotto|ha rubato|ha finito)\s+(?:the last|my|mi|mis|meu|minha|meus|minhas|mon|ma|mes|"
    r"il mio|la mia|i miei|le mie|l'ultim[oa])(?![^\W\d_])"
    r"|(?i:(?<![^\W\d_])(?:mein|meine|meinen|meinem)\s+\w+\s+(?:gegessen|genommen|geklaut|kaputt gemacht))"
)


# someone else named after an English sibling, before the threat: "my sister took me to town 😂 Jayden is dead"
_EN_SIBLING = re.compile(r"(?i)(?<![^\W\d_])my\s+(?:little\s+|big\s+|younger\s+|older\s+)?(?:brother|sister|bro|sis)\b")
_NAME = re.compile(r"(?<![.!?]\s)(?<![.!?])(?<!^)\b[A-Z][a-z]{2,}\b")


def someone_else_named(text: str, span: tuple[int, int]) -> bool:
    """In English, a person's name between the writer's sibling and the threat: the threat is not the sibling's."""
    sibling = _EN_SIBLING.search(text, 0, span[0])
    return sibling is not None and _NAME.search(text, sibling.end(), span[0]) is not None


def over_things(text: str) -> bool:
    """The message says something of the writer's was eaten, taken or broken ("took my", "se comió mi"; not
    "took me to town")."""
    return _THINGS_TAKEN.search(text) is not None
