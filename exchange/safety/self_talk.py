"""Words that look alarming but are said of oneself, or by a visiting professional about their work.

"I'm such an idiot, forgot my pencil case", "bin so ein Idiot", "sono proprio un cretino", "私ほんとバカ": a pupil
calls themselves a mild name; nobody is bullied. "PC Hollis here. On Tuesday we'll talk about knife crime",
"je suis le brigadier Martin. Vendredi on parlera couteaux", "soy enfermera… cómo se saca sangre": a police
officer or a nurse announces a talk on their work; the knife and the blood are its topic, not a threat.
"""

from __future__ import annotations

import re

# the writer, right before a mild name with its article: "I'm such an", "ich bin so ein", "je suis une", "私ほんと"
_SELF_BEFORE = re.compile(
    r"(?i)(?:(?:(?<![^\W\d_])(?:i['’]?m|i am|ich bin|je suis|jsuis|chui|j'suis|soy|yo soy|sou|eu sou|io sono)|"
    r"(?:^|[.!?…]\s*)(?:bin|sono))"
    r"(?:\s+(?:such|so|really|literally|actually|totally|echt|voll|halt|ja|so|trop|vraiment|tellement|mesmo|"
    r"proprio|davvero|così))*\s+(?:a|an|ein|eine|un|une|una|uno|um|uma)\s+"  # a name ("an idiot"), not "so fucking"
    r"|(?:私|俺|僕|うち|あたし)(?:って|は|、)?(?:ほんと|ほんとに|マジで|まじで|まじ|本当に)?"
    r"|(?:^|[，,。！!？?\s])我(?:真|真的|就)?是(?:个|個)?)$"
)


def said_of_oneself(text: str, span: tuple[int, int]) -> bool:
    """The writer calls themselves the name at ``span``: the words just before it are "I'm (such a)"."""
    return _SELF_BEFORE.search(text, max(0, span[0] - 28), span[0]) is not None


# a professional introducing themselves ("I'm PC Hollis", "PC Hollis here", "je suis le brigadier Martin"), and a talk
# announced on the topic
_PROFESSIONAL = re.compile(
    r"(?i)(?:(?<![^\W\d_])(?:i['’]?m|i am|this is|ich bin|je suis|soy|sou|sono)\s+(?:the |your |a |an |le |la |l'|der |die |"
    r"el |la |o |a |il |la |un |una |une |ein |eine )?(?:school |du collège |da escola |del colegio )?"
    r"(?:pc|police officer|police constable|sergeant|inspector|officer|nurse|paramedic|"
    r"polizist\w*|polizeihauptkommissar\w*|polizeikommissar\w*|polizeiobermeister\w*|kommissar\w*|krankenpfleger\w*|"
    r"krankenschwester|sanitäter\w*|brigadier|brigadière|gendarme|policier|policière|commissaire|infirmier|infirmière|"
    r"policía|policia|agente|sargento|enfermera|enfermero|enfermeira|enfermeiro|paramédico|"
    r"poliziotto|poliziotta|carabiniere|infermiera|infermiere)(?![^\W\d_])"
    r"|(?<![^\W\d_])pc \w+ here(?![^\W\d_]))"
)
_TALK = re.compile(
    r"(?i)(?<![^\W\d_])(?:we'?ll talk about|we will talk about|we'?re going to talk about|i'?ll talk about|talk on|"
    r"sprechen wir über|reden wir über|sprechen über|on parlera|nous parlerons|on va parler|je vais vous parler|"
    r"hablaremos|vamos a hablar|os explico|les explico|te explico|vamos falar|vou falar|falaremos|"
    r"parleremo|vi parlerò|vi spiego)(?![^\W\d_])"
)


def professional_talk(text: str) -> bool:
    """A police officer, a nurse or a paramedic introduces themselves and announces a talk about their work. Only for
    an adult's message (``text.check_text``): a pupil calling themselves "PC Bob" excuses nothing."""
    return _PROFESSIONAL.search(text) is not None and _TALK.search(text) is not None
