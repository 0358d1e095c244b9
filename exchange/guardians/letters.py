"""The paper consent letter in the families' languages: a small built-in set of translations.

English (and any language the app has a translation catalogue for) comes through gettext in
the services; these built-in texts cover families whose language the interface does not speak
yet. Wording is deliberately simple. Placeholders: %(child)s, %(class_name)s, %(school)s, %(teacher)s.
"""

from __future__ import annotations

from collections.abc import Iterable

KEYS = (
    "title",
    "greeting",
    "intro",
    "ask",
    "exchanges",
    "expert_visits",
    "file_sharing",
    "public_showing",
    "public_faces",
    "note",
    "guardian_name",
    "signature",
    "date",
    "online",
    # the tear-off reply slip at the bottom (issue 22)
    "slip_title",
    "slip",
    "slip_child",
    "slip_class",
    "agree",
    "disagree",
    "question",
)

RTL = frozenset({"ar", "he", "fa", "ur"})

# What the letter is called in its own language, for the language switcher.
LANGUAGE_NAMES = {
    "en": "English",
    "nb": "Norsk bokmål",
    "sw": "Kiswahili",
    "es": "Español",
    "fr": "Français",
    "ar": "العربية",
}

# School language codes that have a letter under another code.
ALIASES = {
    "no": "nb",
    "nn": "nb",
    "nob": "nb",
    "swa": "sw",
    "spa": "es",
    "fra": "fr",
    "fre": "fr",
    "ara": "ar",
    "eng": "en",
}

BUILT_IN: dict[str, dict[str, str]] = {
    "nb": {
        "title": "Samtykke for at %(child)s kan delta i Classroom Exchange",
        "greeting": "Til foreldre eller foresatte til %(child)s,",
        "intro": "%(class_name)s ved %(school)s deltar i Classroom Exchange: klassen møter en partnerklasse i et "
        "annet land, og noen ganger en kontrollert ekspert, i nettrom som lærerne følger med på.",
        "ask": "Kryss av for det du samtykker til, skriv under og lever brevet tilbake til %(teacher)s.",
        "exchanges": "Å snakke med partnerklasser fra andre skoler",
        "expert_visits": "Besøk fra kontrollerte eksperter",
        "file_sharing": "Å dele skolearbeid (filer) med partnerklasser",
        "public_showing": "At skolearbeidet til barnet mitt vises i offentlige utstillinger, bare med fornavn og "
        "første bokstav i etternavnet",
        "public_faces": "At offentlige utstillinger kan ha bilder der ansiktet til barnet mitt vises",
        "note": "Andre skoler ser bare barnets fornavn og første bokstav i etternavnet. Du kan trekke tilbake "
        "samtykket når som helst, på papir eller på nett.",
        "guardian_name": "Navn på forelder eller foresatt",
        "signature": "Underskrift",
        "date": "Dato",
        "online": "Du kan også gi samtykke på nett med lenken du får fra læreren.",
        "slip_title": "Svarslipp: klipp her og lever denne delen til %(teacher)s",
        "slip": "Svarslipp",
        "slip_child": "Barn",
        "slip_class": "Klasse",
        "agree": "Jeg samtykker",
        "disagree": "Jeg samtykker ikke",
        "question": "Jeg har et spørsmål, ta kontakt med meg:",
    },
    "sw": {
        "title": "Idhini ya %(child)s kushiriki katika Classroom Exchange",
        "greeting": "Kwa mzazi au mlezi wa %(child)s,",
        "intro": "%(class_name)s katika %(school)s inashiriki katika Classroom Exchange: darasa hukutana na darasa "
        "mshirika katika nchi nyingine, na wakati mwingine mtaalamu aliyehakikiwa, katika vyumba vya "
        "mtandaoni vinavyosimamiwa na walimu.",
        "ask": "Tafadhali weka alama kwa unachokubali, tia sahihi, na urudishe barua hii kwa %(teacher)s.",
        "exchanges": "Kuzungumza na madarasa washirika kutoka shule nyingine",
        "expert_visits": "Ziara za wataalamu waliohakikiwa",
        "file_sharing": "Kushiriki kazi za shule (faili) na madarasa washirika",
        "public_showing": "Kuonyesha kazi za shule za mtoto wangu katika maonyesho ya umma, kwa jina la kwanza na "
        "herufi ya kwanza tu",
        "public_faces": "Maonyesho ya umma yanaweza kuwa na picha zinazoonyesha uso wa mtoto wangu",
        "note": "Shule nyingine huona tu jina la kwanza la mtoto wako na herufi ya kwanza ya jina la familia. "
        "Unaweza kuondoa idhini wakati wowote, kwa karatasi au mtandaoni.",
        "guardian_name": "Jina la mzazi au mlezi",
        "signature": "Sahihi",
        "date": "Tarehe",
        "online": "Unaweza pia kutoa idhini mtandaoni kwa kiungo utakachotumiwa na mwalimu.",
        "slip_title": "Kipande cha jibu: kata hapa na urudishe sehemu hii kwa %(teacher)s",
        "slip": "Kipande",
        "slip_child": "Mtoto",
        "slip_class": "Darasa",
        "agree": "Ninakubali",
        "disagree": "Sikubali",
        "question": "Nina swali, tafadhali wasiliana nami:",
    },
    "es": {
        "title": "Consentimiento para que %(child)s participe en Classroom Exchange",
        "greeting": "Estimada familia de %(child)s:",
        "intro": "%(class_name)s de %(school)s participa en Classroom Exchange: la clase se reúne con una clase "
        "asociada de otro país, y a veces con un experto verificado, en salas en línea supervisadas por "
        "docentes.",
        "ask": "Marque lo que autoriza, firme y devuelva esta carta a %(teacher)s.",
        "exchanges": "Hablar con clases asociadas de otras escuelas",
        "expert_visits": "Visitas de expertos verificados",
        "file_sharing": "Compartir trabajos escolares (archivos) con clases asociadas",
        "public_showing": "Mostrar los trabajos escolares de mi hijo o hija en exposiciones públicas, solo con el "
        "nombre y la inicial del apellido",
        "public_faces": "Las exposiciones públicas pueden incluir fotos en las que se vea la cara de mi hijo o hija",
        "note": "Las otras escuelas solo ven el nombre de su hijo o hija y la inicial del apellido. Puede retirar "
        "el consentimiento en cualquier momento, en papel o en línea.",
        "guardian_name": "Nombre del padre, la madre o el tutor",
        "signature": "Firma",
        "date": "Fecha",
        "online": "También puede dar su consentimiento en línea con el enlace que le envíe el docente.",
        "slip_title": "Talón de respuesta: corte por aquí y devuelva esta parte a %(teacher)s",
        "slip": "Talón",
        "slip_child": "Alumno o alumna",
        "slip_class": "Clase",
        "agree": "Acepto",
        "disagree": "No acepto",
        "question": "Tengo una pregunta, por favor contácteme:",
    },
    "ar": {
        "title": "موافقة على مشاركة %(child)s في Classroom Exchange",
        "greeting": "إلى وليّ أمر %(child)s،",
        "intro": "يشارك %(class_name)s في %(school)s في Classroom Exchange: يلتقي الصف بصف شريك في بلد آخر، "
        "وأحيانًا بخبير تم التحقق منه، في غرف على الإنترنت يشرف عليها المعلمون.",
        "ask": "يرجى وضع علامة على ما توافق عليه، والتوقيع، وإعادة هذه الرسالة إلى %(teacher)s.",
        "exchanges": "التحدث مع صفوف شريكة من مدارس أخرى",
        "expert_visits": "زيارات من خبراء تم التحقق منهم",
        "file_sharing": "مشاركة الأعمال المدرسية (الملفات) مع الصفوف الشريكة",
        "public_showing": "عرض الأعمال المدرسية لطفلي في معارض عامة، بالاسم الأول والحرف الأول من اسم العائلة فقط",
        "public_faces": "يمكن أن تتضمن المعارض العامة صورًا يظهر فيها وجه طفلي",
        "note": "لا ترى المدارس الأخرى إلا الاسم الأول لطفلك والحرف الأول من اسم العائلة. يمكنك سحب الموافقة في "
        "أي وقت، على الورق أو عبر الإنترنت.",
        "guardian_name": "اسم وليّ الأمر",
        "signature": "التوقيع",
        "date": "التاريخ",
        "online": "يمكنك أيضًا إعطاء الموافقة عبر الإنترنت باستخدام الرابط الذي يرسله المعلم.",
        "slip_title": "قسيمة الرد: اقطع هنا وأعد هذا الجزء إلى %(teacher)s",
        "slip": "القسيمة",
        "slip_child": "الطفل",
        "slip_class": "الصف",
        "agree": "أوافق",
        "disagree": "لا أوافق",
        "question": "لدي سؤال، يرجى التواصل معي:",
    },
}


def normalise(code: str | None) -> str:
    """A language code as the letters know it: lower case, region dropped, aliases resolved."""
    code = (code or "").strip().lower().replace("_", "-").split("-")[0][:8]
    return ALIASES.get(code, code)


def choose(
    requested: str | None, preferences: Iterable[str | None] = (), gettext_languages: Iterable[str] = ("en",)
) -> str:
    """The letter's language: the one asked for if we have it, else the family's or school's, else English."""
    have = set(BUILT_IN) | set(gettext_languages)
    for code in (requested, *preferences):
        code = normalise(code)
        if code in have:
            return code
    return "en"


def direction(code: str) -> str:
    return "rtl" if normalise(code) in RTL else "ltr"


def fill(texts: dict[str, str], values: dict[str, str]) -> dict[str, str]:
    """Put names into the texts; names are data, never re-read as placeholders."""
    return {k: (v % values if "%(" in v else v) for k, v in texts.items()}
