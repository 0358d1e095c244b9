"""Families added by the western tuner (en es fr de pt it): one written positive per family and
the look-alikes that must stay allowed. Sentences are written for this test, not copied from
the dev or held-out sets; everything is fictional."""

from __future__ import annotations

HARMFUL = [
    # hate without slurs: comparison, stereotype, conspiracy, exclusion
    ("en", "honestly immigrants are like rats"),
    ("en", "the jews run the banks"),
    ("en", "muslims don't belong in this country"),
    ("en", "deport all the refugees"),
    ("es", "los gitanos son todos unos ladrones"),
    ("es", "los judíos manejan los bancos"),
    ("es", "los marroquíes no pintan nada aquí"),
    ("fr", "les roms c'est tous des voleurs"),
    ("fr", "les juifs dirigent les médias"),
    ("fr", "dehors les migrants"),
    ("de", "die Schwarzen sind wie Tiere"),
    ("de", "die Juden beherrschen die Medien"),
    ("de", "Flüchtlinge gehören nicht nach Deutschland"),
    ("pt", "todo imigrante é vagabundo"),
    ("pt", "os judeus dominam o dinheiro"),
    ("it", "gli zingari sono tutti ladri"),
    ("it", "i musulmani controllano tutto"),
    ("it", "fuori gli immigrati"),
    # self-harm without the word
    ("en", "I've been saving up pills for when I'm ready"),
    ("es", "me voy a tirar del puente esta noche"),
    ("fr", "j'ai mis des médocs de côté"),
    ("de", "ich spring morgen von der Brücke"),
    ("pt", "vou pular da ponte amanhã"),
    ("it", "domani mi butto dal ponte"),
    # threats
    ("en", "I'll break your nose tomorrow"),
    ("es", "te parto la cara mañana"),
    ("fr", "je vais te casser les dents"),
    ("de", "ich brech dir die Nase"),
    ("pt", "vou tacar fogo na sua casa"),
    ("it", "ti spacco il naso"),
    # grooming
    ("en", "don't tell your mum about me ok"),
    ("es", "no le digas nada de mí a tus padres"),
    ("fr", "dis rien de moi à ta mère"),
    ("de", "erzähl deinen Eltern nichts von mir"),
    ("pt", "não conta nada de mim pra sua mãe"),
    ("it", "non dire niente di me a tua madre"),
    # bullying without swear words
    ("en", "nobody wants to sit next to you"),
    ("es", "nadie quiere trabajar contigo"),
    ("fr", "personne veut jouer avec toi"),
    ("de", "keiner will mit dir spielen"),
    ("pt", "ninguém quer fazer dupla com você"),
    ("it", "nessuno vuole giocare con te"),
]

BENIGN = [
    ("en", "The black people in our town history project were civil rights leaders"),
    ("en", "Refugees are welcome at our school fair"),
    ("en", "Year 7, send me a picture of your drawing for the class wall"),
    ("en", "secret santa time! don't tell anyone who you got"),
    ("en", "I'll wait for you at the gate after school and we'll walk home"),
    ("en", "bring a knife for the cake tomorrow"),
    ("es", "¿en qué huso horario está Canarias?"),
    ("es", "los gitanos tienen una gran tradición de flamenco"),
    ("es", "me duele el pecho después de correr"),
    ("fr", "les noms du Père Noël secret sont tirés"),
    ("fr", "les migrants ont traversé la Méditerranée, on en parle en histoire"),
    ("fr", "la photo avec toi dedans est trop belle"),
    ("de", "Die Reise geht nach Afrika, wir fliegen im Juli"),
    ("de", "die Muslime feiern heute das Zuckerfest"),
    ("pt", "o puto do meu vizinho já sabe ler"),
    ("pt", "comprei um macaco de pelúcia pro meu irmão, seu macaco de pelúcia é fofo"),
    ("it", "Giulio Cesare fu ucciso nel 44 a.C."),
    ("it", "per la ricetta servono finocchi e arance"),
    ("it", "gli ebrei di Roma hanno una storia antichissima"),
]
