"""Squabbles at home over things: a threat that is a pupil's exasperation, not a danger.

"touch my crisps again and ur dead 😂" and "my brother ate the last slice of pizza again, I'm going to kill him"
are what children say about food and belongings taken; the rules in ``context`` decide when nothing else in the
message (a weapon, the school, a threat at the reader) says otherwise.
"""

from __future__ import annotations

import re

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


def over_things(text: str) -> bool:
    """The message says something of the writer's was eaten, taken or broken ("took my", "se comió mi"; not
    "took me to town")."""
    return _THINGS_TAKEN.search(text) is not None
