"""check_text: evasions, the Scunthorpe problem, twelve languages, audiences, spans, policy."""

from __future__ import annotations

import pytest

from exchange.safety import Reason, SafetyPolicy, Verdict, check_text

ABUSE = {"profanity", "hate", "sexual", "violence", "self_harm", "grooming"}


def abusive(verdict: Verdict) -> set[str]:
    """Abuse categories that made the verdict stricter than allow."""
    return {r.category for r in verdict.reasons if r.category in ABUSE and r.action != "allow"}


# --- evasion ---------------------------------------------------------------------------

EVASIONS = [
    ("plain", "you are a fucking idiot"),
    ("upper case", "YOU ARE A FUCKING IDIOT"),
    ("full-width", "ｙｏｕ ａｒｅ ａ ｆｕｃｋｉｎｇ ｉｄｉｏｔ"),
    ("math letters", "you are a 𝐟𝐮𝐜𝐤𝐢𝐧𝐠 idiot"),
    ("circled letters", "ⓕⓤⓒⓚ you"),
    ("squared letters", "🅵🆄🅲🅺 you"),
    ("cyrillic look-alikes", "you are а fuсking іdіot"),
    ("greek look-alikes", "ΙDΙΟΤ"),
    ("mixed scripts", "ѕhіt"),
    ("zero-width space", "fu\u200bck you"),
    ("zero-width joiner and word joiner", "f\u200du\u2060c\ufeffk you"),
    ("bidi controls", "f\u202eu\u202cck you"),
    ("soft hyphen", "sh\u00adit"),
    ("combining marks", "f̸u̸c̸k̸ you"),
    ("zalgo", "f\u0301\u0308\u0336u\u0489c\u0335k you"),
    ("accents", "fúck yóu"),
    ("leet", "sh1t"),
    ("leet symbols", "@$$hole"),
    ("leet and pipes", "b!tch"),
    ("all-symbol leet", "you are an @$$"),
    ("repeated letters", "fuuuuuuck"),
    ("repeated leet", "shiiiii1t"),
    ("spaces", "f u c k you"),
    ("dots", "s.h.i.t"),
    ("dashes", "f-u-c-k"),
    ("line breaks", "f\nu\nc\nk"),
    ("spaced with dots", "s . h . i . t"),
    ("masked letter", "what the f*ck"),
    ("masked two letters", "b**ch"),
    ("glued phrase", "killallmuslims"),
    ("split inside the word", "sh-it"),
    ("half-width katakana", "ﾊﾞｶ"),
    ("spaced chinese", "傻 逼"),
    ("arabic tatweel", "كـــس امـــك"),
    ("arabic diacritics", "كُسّ أُمَّك"),
    ("cyrillic word in latin letters", "cyka"),
]


@pytest.mark.parametrize("trick,text", EVASIONS, ids=[t for t, _ in EVASIONS])
def test_evasion_tricks_do_not_work(trick, text):
    verdict = check_text(text, "teen")
    assert verdict.action != "allow", trick
    assert abusive(verdict), trick


def test_repeated_letters_do_not_turn_ordinary_words_into_bad_ones():
    # "as" must not become "ass": a stretched spelling needs at least the entry's own runs
    for text in ("as we know", "I was there", "a glass of water", "pass the ball"):
        assert check_text(text, "under13").action == "allow", text


# --- the Scunthorpe problem -------------------------------------------------------------

SCUNTHORPE = [
    "Scunthorpe and Penistone are towns in England.",
    "Essex, Sussex and Middlesex are counties.",
    "We read Dickens and Moby Dick.",
    "The assassin bug is a classic example.",
    "My therapist helped with the analysis of grapes.",
    "Mr Hancock made a fruit cocktail.",
    "Arsenal beat Spurs; the cockpit was open.",
    "Lake Titicaca is in the Andes.",
    "Niger is a country; so is Nigeria.",
    "We grew shiitake mushrooms.",
    "A blue tit nested in the garden.",
    "The naked eye can see Venus.",
    "She graduated summa cum laude.",
    "The Wankel engine is unusual.",
    "Bitche is a town in Moselle.",
    "Fukuoka is in Japan.",
    "E. coli lives in the gut.",
    "British Malaya became Malaysia.",
    "Camille Pissarro painted Paris.",
    "My pen pal Randi lives in Oslo.",
    "Ela fala português.",
    "Mi perro es negro.",
    "Estudiamos el cono en geometría.",
    "Der Pilz enthält Gift.",
    "Nous sommes contre le harcèlement.",
    "Anjing saya lucu sekali.",
    "Mbwa wangu anaitwa Simba.",
    "عندي كلب صغير",
    "今天是我妈的生日",
    "夏休みにバカンスに行きました",
    "宿題ばかりで大変です",
    "やくそくだよ",
    "ホモ・サピエンスについて",
    "Небо голубое, мы хлебали чай.",
    "मेरे साले की शादी है",
    "उसने छक्का मारा",
]


@pytest.mark.parametrize("text", SCUNTHORPE)
def test_ordinary_words_and_place_names_pass(text):
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", verdict.reasons


# --- identity words used neutrally -------------------------------------------------------

IDENTITY_NEUTRAL = [
    "I am Muslim and my best friend is Jewish.",
    "My cousin is gay and he is a teacher.",
    "She is Black and proud of her African roots.",
    "Our class has Hindu, Sikh, Christian and Buddhist students.",
    "I am deaf and I use sign language.",
    "Transgender people visited our school.",
    "Refugees and immigrants joined our town.",
    "Los musulmanes celebran el Ramadán.",
    "Les juifs et les musulmans de notre ville font une fête.",
    "Schwule und Lesben dürfen heiraten.",
    "Os negros e os brancos marcharam juntos.",
    "В нашем классе есть мусульмане и евреи.",
    "我们班有穆斯林和犹太人同学。",
    "クラスにはイスラム教徒の友だちがいます。",
    "Darasani kwetu kuna Waislamu na Wakristo.",
    "Di kelas kami ada orang Tionghoa dan orang Papua.",
    "في صفنا طلاب مسلمون ومسيحيون ويهود",
    "मेरी कक्षा में हिंदू और मुसलमान बच्चे हैं।",
]


@pytest.mark.parametrize("text", IDENTITY_NEUTRAL)
def test_identity_words_used_neutrally_are_allowed(text):
    assert check_text(text, "under13").action == "allow", check_text(text, "under13").reasons


@pytest.mark.parametrize(
    "text",
    [
        "kill all muslims",
        "muslims are terrorists",
        "death to jews",
        "gays should die",
        "los negros son animales",
        "mort aux juifs",
        "Flüchtlinge sind Ratten",
        "убить всех мигрантов",
        "穆斯林都该死",
        "黒人はゴキブリ",
        "waislamu ni magaidi",
        "bunuh semua orang cina",
        "اقتلوا اليهود",
        "मुसलमानों को मार दो",
        "os negros são macacos",
    ],
)
def test_identity_words_in_hate_templates_are_blocked(text):
    verdict = check_text(text, "teen")
    assert verdict.action == "block"
    assert "hate" in abusive(verdict)


@pytest.mark.parametrize("text", ["killalljews", "dirtyjews", "p i s a r a p l a r", "pis araplar", "我恨日本人"])
def test_hate_templates_typed_joined_or_letter_by_letter_are_blocked(text):
    assert check_text(text, "teen").action == "block"


@pytest.mark.parametrize("text", ["piscina", "Ayer fuimos a la piscina", "A piscina da escola"])
def test_a_short_template_word_joined_to_a_group_inside_one_word_is_no_slur(text):
    # "pis" + "cina" inside "piscina": an ordinary word, not a Turkish word before an Indonesian group
    assert check_text(text, "teen").action == "allow"


# --- every language ----------------------------------------------------------------------

LANGUAGE_CASES = {
    "en": ("you stupid bitch", "I will kill you", "Our class visited the museum today."),
    "es": ("eres un hijo de puta", "te voy a matar", "Mañana tenemos examen de historia."),
    "fr": ("ta gueule connard", "je vais te tuer", "Nous avons visité le musée aujourd'hui."),
    "pt": ("vai se foder", "vou te matar", "Hoje visitamos o museu com a turma."),
    "de": ("du Hurensohn", "ich bring dich um", "Heute waren wir im Museum."),
    "ar": ("يلعن ابوك", "ساقتلك", "زرنا المتحف اليوم مع المعلمة."),
    "hi": ("तू मादरचोद है", "मैं तुझे मार दूंगा", "आज हम संग्रहालय गए।"),
    "ru": ("ты сука", "я тебя убью", "Сегодня мы были в музее."),
    "zh": ("你这个傻逼", "我要杀了你", "今天我们去了博物馆。"),
    "ja": ("死ね", "殺してやる", "今日は博物館に行きました。"),
    "sw": ("wewe ni msenge", "nitakuua", "Leo tulitembelea makumbusho."),
    "id": ("dasar goblok", "aku bunuh kamu", "Hari ini kami pergi ke museum."),
}


@pytest.mark.parametrize("lang", sorted(LANGUAGE_CASES))
def test_each_language_catches_abuse_and_threats_and_passes_clean_talk(lang):
    insult, threat, clean = LANGUAGE_CASES[lang]
    assert abusive(check_text(insult, "teen")) & {"profanity", "hate"}, (lang, insult)
    assert "violence" in abusive(check_text(threat, "teen")), (lang, threat)
    assert check_text(clean, "under13").action == "allow", (lang, clean)


RULES_ONLY = SafetyPolicy(second_opinion=False)


def test_room_languages_narrow_the_lexicons_but_english_stays():
    # each language set compiles its own matcher once, so only two sets are tried here
    assert check_text("nitakuua", "teen", languages=["sw"]).action == "block"
    # the words only (the trained second opinion, which knows no room languages, holds it anyway)
    assert check_text("nitakuua", "teen", languages=["ja"], policy=RULES_ONLY).action == "allow"
    assert check_text("I will kill you", "teen", languages=["ja"]).action == "block"
    assert check_text("死ね", "teen", languages=("ja",)).action == "block"
    assert check_text("死ね", "teen", languages="sw-KE").action == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "send me a pic of you",
        "don't tell your parents about us",
        "this is our little secret",
        "add me on snapchat",
        "are you home alone?",
        "you're so mature for your age",
        "no le digas a tus padres",
        "envoie moi une photo de toi",
        "schick mir ein Foto von dir",
        "不要告诉你爸妈",
        "親に内緒ね",
        "usiwaambie wazazi wako",
        "jangan bilang ke orang tua",
        "не говори родителям",
        "لا تقولي لاهلك",
        "मम्मी पापा को मत बताना",
    ],
)
def test_grooming_phrases_are_held_for_review_not_blocked(text):
    for audience in ("under13", "teen", "adult"):
        verdict = check_text(text, audience)
        assert verdict.action == "hold", (audience, text)
        assert "grooming" in abusive(verdict)


def test_harmless_cues_combine_into_a_grooming_signal():
    assert check_text("my mom is a teacher", "under13").action == "allow"
    assert check_text("can you keep it a secret? don't let your mom find out", "under13").action == "hold"
    verdict = check_text("we could meet up, just the two of us", "teen")
    assert verdict.action == "hold" and any(r.rule.startswith("combo:") for r in verdict.reasons)


def test_self_harm_is_held_so_a_teacher_sees_it():
    for audience in ("under13", "teen", "adult"):
        verdict = check_text("I want to die, nobody cares", audience)
        assert verdict.action == "hold"
        assert {r.category for r in verdict.reasons} == {"self_harm"}


# --- audiences ---------------------------------------------------------------------------


def test_audiences_differ_on_mild_profanity():
    assert check_text("that was shit", "under13").action == "hold"
    teen = check_text("that was shit", "teen")
    assert teen.action == "redact" and teen.text == "that was ****"
    assert check_text("damn, I forgot", "adult").action == "allow"
    assert check_text("damn, I forgot", "under13").action == "hold"


def test_severe_profanity_is_blocked_for_students_and_held_for_adults():
    assert check_text("fuck off", "under13").action == "block"
    assert check_text("fuck off", "teen").action == "block"
    assert check_text("fuck off", "adult").action == "hold"
    assert check_text("fuck off", "teen").text == ""


def test_age_questions_are_held_whoever_asks():
    # changed for issue 15: a question about a child's age is held, from a pupil too
    pupil = check_text("How old are you? I am eleven.", "under13")
    assert pupil.action == "hold" and pupil.reasons[0].category == "grooming"
    assert check_text("How old are you?", "adult").action == "hold"


def test_personal_data_is_redacted_and_held_for_under13_redacted_for_teens_allowed_for_adults():
    text = "my email is maya.k@example.org"
    young, teen, adult = (check_text(text, a) for a in ("under13", "teen", "adult"))
    assert young.action == "hold" and "maya" not in young.text
    assert teen.action == "redact" and teen.text == "my email is " + "*" * len("maya.k@example.org")
    assert adult.action == "allow" and adult.text == text


def test_app_handles_and_invites_from_adults_are_held():
    assert check_text("join discord.gg/abc123", "adult").action == "hold"
    assert check_text("my snap: coolkid12", "adult").action == "hold"
    assert check_text("my snap: coolkid12", "teen").action == "redact"


def test_links_outside_the_allowlist():
    assert check_text("see https://en.wikipedia.org/wiki/Kenya", "under13").action == "allow"
    assert check_text("see https://coolgames.example.com/x", "under13").action == "hold"
    assert check_text("see https://coolgames.example.com/x", "teen").action == "hold"
    assert check_text("see https://coolgames.example.com/x", "adult").action == "allow"
    assert check_text("bit.ly/abc", "adult").action == "hold"  # a shortener hides where it goes


def test_look_alike_domain_is_not_the_allowlisted_one():
    verdict = check_text("https://wikipediа.org/wiki/X", "under13")  # Cyrillic "а"
    assert verdict.action == "hold" and verdict.reasons[0].category == "link"


def test_unknown_audience_is_refused():
    with pytest.raises(ValueError):
        check_text("hello", "toddler")


def test_empty_text_is_allowed():
    assert check_text("", "under13") == Verdict("allow", (), "")
    assert check_text("   ", "under13").action == "allow"


# --- spans point at the original text ----------------------------------------------------


@pytest.mark.parametrize(
    "text,word",
    [
        ("hello fuck you", "fuck"),
        ("hi ｆｕｃｋ there", "ｆｕｃｋ"),
        ("ok f\u200bu\u200bc\u200bk ok", "f\u200bu\u200bc\u200bk"),
        ("wow f̸u̸c̸k̸!", "f̸u̸c̸k̸"),
        ("yo f.u.c.k man", "f.u.c.k"),
        ("yo f u c k man", "f u c k"),
        ("hey sh1t", "sh1t"),
        ("ﬁne, ß and fuck", "fuck"),
        ("ahh ﾊﾞｶ", "ﾊﾞｶ"),
    ],
)
def test_spans_index_the_original_text(text, word):
    verdict = check_text(text, "teen")
    spans = [r.span for r in verdict.reasons if r.category == "profanity"]
    assert spans, verdict
    start, end = spans[0]
    assert text[start:end] == word


def test_redaction_masks_exactly_the_span():
    verdict = check_text("this is sh1t, really", "teen")
    assert verdict.text == "this is ****, really"


def test_pii_span_and_reason_shape():
    verdict = check_text("call +44 7911 123456 now", "teen")
    (reason,) = verdict.reasons
    assert isinstance(reason, Reason)
    assert reason.category == "pii_phone" and reason.rule == "pii:phone" and reason.action == "redact"
    assert "call +44 7911 123456 now"[slice(*reason.span)] == "+44 7911 123456"


def test_reasons_name_a_rule_not_the_words():
    verdict = check_text("you bitch", "teen")
    assert verdict.reasons[0].rule.startswith("en:")
    assert "bitch" not in verdict.reasons[0].rule


# --- deployment policy -------------------------------------------------------------------


def test_policy_deny_entries_add_words_with_category_and_severity():
    policy = SafetyPolicy(deny_entries=(("glorbix", "profanity", 4), ("secret club[s]", "grooming", 3)))
    assert check_text("glorbix", "teen").action == "allow"
    verdict = check_text("you GL0RB1X", "teen", policy=policy)
    assert verdict.action == "block" and verdict.reasons[0].rule == "policy:0"
    assert check_text("join our secret clubs", "teen", policy=policy).action == "hold"


def test_policy_allow_words_override_the_lexicon():
    assert check_text("the bugger beetle", "teen").action == "allow"  # not a listed word
    policy = SafetyPolicy(allow_words=frozenset({"shit"}))
    assert check_text("shit happens", "teen").action == "redact"
    assert check_text("shit happens", "teen", policy=policy).action == "allow"


def test_policy_link_domains_extend_the_allowlist():
    policy = SafetyPolicy(link_domains=frozenset({"school.example.org"}))
    text = "homework at https://www.school.example.org/maths"
    assert check_text(text, "under13").action == "hold"
    assert check_text(text, "under13", policy=policy).action == "allow"


# --- purity ------------------------------------------------------------------------------


def test_text_filter_modules_import_nothing_of_flask_the_database_or_other_domains():
    import ast
    import pathlib

    safety = pathlib.Path(__file__).resolve().parents[2] / "exchange" / "safety"
    modules = [
        safety / f"{name}.py"
        for name in ("text", "html", "verdict", "normalize", "lexicon", "pii", "links", "intent", "audience")
    ]
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [] if node.level else [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in {"flask", "flask_socketio", "sqlalchemy", "exchange"}, (module, name)
