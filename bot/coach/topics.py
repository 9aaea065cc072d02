"""What a user turn is *about*: a fixed list of topics that fit networking interviews.

Pure rules, French and English, on the scorer's normalised text (lowercase, no accents), so missing
accents are read; single words that are often mistyped are also matched one typo away ("equpe",
"dificile", "carreer"). The persona answers the topic of the user's question (bot.scenario.engine),
and `oser score` prints the topics of a message.

`read(text, lang)` is the one entry point: the scorer's labels, plus
- `topics`: every topic the message mentions, in order of first appearance;
- `asked`: the topic of each question (open, closed, or a request) in order, None for a question
  on no known topic ("Et toi ?").

The topics are documented in scenarios/README.md; keep the two in step.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.coach.analysis import Analysis
from bot.coach.scorer import analyse, normalise

# The fixed list, in the order scenario writers read it.
TOPICS: tuple[str, ...] = (
    "path",  # how the persona got where they are: studies, career, choices
    "daily_work",  # what they actually do, a typical day, their missions
    "likes",  # what they enjoy, what motivates them, what they are proud of
    "team",  # their team, colleagues, how they work together
    "challenges",  # difficulties, problems, what is hard right now
    "sector",  # their field or market, its trends and future
    "company",  # their organisation: activity, culture, products, clients
    "skills",  # skills, qualities and profiles that are sought
    "training",  # training, degrees, certifications, ways to learn the trade
    "hiring",  # how people are recruited in their company or field
    "advice",  # advice for the user
    "contacts",  # people to meet, introductions, networks
    "project_opinion",  # their opinion on the user's project or profile
    "small_talk",  # how are you, the weather, the coffee, the weekend
    "goodbye",  # the user wraps up ("je ne vais pas vous retenir", "I'll let you go")
)

# Phrases per topic (regex alternatives on normalised text; each starts at a word). A topic's first
# match in a question decides; earlier in the sentence wins ("le plus difficile quand vous avez
# demarre": challenges). Keep patterns linear: bounded repetitions only.
_W = r"(?:\S+ ){0,3}?"  # up to three words in between

_FR: dict[str, tuple[str, ...]] = {
    "goodbye": (
        r"(?:vais|veux) pas (?:vous|te) (?:retenir|deranger|embeter|prendre)",
        r"(?:vous|te) retiens pas",
        r"je (?:vous|te) laisse",
        r"au revoir",
        r"a (?:bientot|plus|la prochaine)",
        r"bonne (?:fin de )?(?:journee|soiree|semaine|continuation)",
    ),
    "advice": (
        r"conseil",
        r"a (?:ma|ta) place",
        r"(?:par|de) (?:ou|quoi) (?:je )?(?:commencer|commencerais|devrais|dois)",
        r"(?:que|quoi) (?:me )?(?:recommand|preconis|suggere)",
        r"(?:me )?recommanderiez",
        r"(?:tu|vous) (?:ferais|feriez|ferai) quoi",
        r"qu'est-ce que (?:tu ferais|vous feriez)",
        r"erreurs? a eviter",
        r"pieges? a eviter",
        r"(?:je|on) (?:devrais|doit|dois) (?:faire|commencer|privilegier|m'y prendre)",
        r"comment (?:je devrais|m'y prendre|je m'y prends|m'y prends)",
        r"tips?\b",
        r"astuces?",
    ),
    "contacts": (
        r"(?:quelqu'un|quelqu un|qqn|des gens|des personnes|personnes?|d'autres personnes) (?:que|qui|a) "
        + _W
        + r"(?:contact|rencontr|appel|ecrire|voir|parler|recommand|conseill)",
        r"qui (?:d'autre )?(?:je )?(?:pourrais|devrais|peux|dois|pourrai) (?:contacter|rencontrer|appeler|voir|solliciter)",
        r"(?:me )?(?:presenter|presentes|presenteriez|presenterais) (?:a|quelqu|des|un|une)",
        r"mettre en (?:relation|contact)",
        r"de (?:ta|votre) part",
        r"(?:ton|votre|un) carnet d'adresses",
        r"contacts?\b",
        r"(?:ton|votre) reseau",
        r"qui (?:contacter|rencontrer|appeler|aller voir)",
    ),
    "project_opinion": (
        r"(?:mon|ma|notre) (?:projet|profil|idee|reconversion|plan|parcours|demarche|cv|candidature)",
        r"(?:tu en|vous en|t'en) (?:penses|pensez) quoi",
        r"qu'en (?:penses|pensez)",
        r"(?:realiste|jouable|credible|faisable)",
        r"(?:j'ai|j ai|aurais|aurai) (?:mes|une|des|toutes mes) chances?",
        r"(?:mes|ma) chances?",
        r"profil comme le mien",
        r"quelqu'un comme moi",
    ),
    "hiring": (
        r"recrut",
        r"embauch",
        r"cooptation",
        r"(?:entretiens? )?d'embauche",
        r"candidatures?",
        r"processus de (?:selection|recrutement)",
        r"comment (?:on )?(?:entre|rentre|integre|est recrute|se fait recruter)",
        r"(?:entrer|rentrer|integrer) (?:chez|dans) (?:vous|toi|votre|ta|le secteur|ce secteur|ce milieu|le milieu)",
        r"postes? (?:s'ouvr|ouvert|a pourvoir)",
        r"offres? d'emploi",
    ),
    "skills": (
        r"competences?",
        r"qualites?",
        r"savoir-(?:faire|etre)",
        r"soft skills",
        r"profils? (?:que|qui|recherche|cherche|demande|manqu|rare)",
        r"(?:fait|faut pour faire) un bon",
        r"(?:faut|faudrait) (?:savoir|avoir|maitriser|connaitre) quoi",
        r"(?:quoi|que) (?:il )?(?:faut|faudrait) (?:savoir|avoir|maitriser|connaitre)",
        r"qu'est-ce qu'il faut (?:savoir|avoir|maitriser|connaitre)",
        r"(?:pour )?reussir (?:dans|en|a)",
        r"(?:aptitudes|points forts|atouts)",
    ),
    "training": (
        r"formations?",
        r"diplomes?",
        r"certif",
        r"(?:se|me|te) former",
        r"cursus",
        r"bootcamp",
        r"mooc",
        r"\bvae\b",
        r"(?:tes|vos) etudes",
        r"(?:quelle|quel) ecole",
        r"reprendre (?:des|les) etudes",
    ),
    "challenges": (
        r"difficil",
        r"difficultes?",
        r"defis?\b",
        r"problemes?",
        r"galer",
        r"freins?\b",
        r"obstacles?",
        r"le plus dur",
        r"(?:c'est|c est) dur",
        r"casse-tete",
        r"coince",
        r"enjeux",
        r"(?:te|vous) (?:pese|empeche)",
        r"pas facile",
        r"complique",
        r"tension",
    ),
    "likes": (
        r"plait",
        r"(?:aimes|aimez|adores|adorez) (?:le plus|vraiment|dans|particulierement)",
        r"(?:qu'est-ce que|ce que) (?:tu aimes|vous aimez)",
        r"passionn",
        r"(?:te|vous) motive",
        r"motivation",
        r"fier",
        r"meilleurs? (?:moments?|souvenirs?|cote)",
        r"(?:te|vous) fait (?:lever|vibrer|tenir)",
        r"(?:t'|vous )?eclat",
        r"kiffe",
    ),
    "path": (
        r"parcours",
        r"(?:arrive|arrivee|atterri|tombe|venu|venue|devenu|devenue|passe|passee|retrouve|retrouvee) "
        + r"(?:la|ici|a ce poste|a ce metier|dans|chez|sur ce|a ton|a votre|jusqu'ici|en)",
        r"comment (?:t'es|tu es|vous etes|es-tu|etes-vous) (?:arrive|devenu|venu|entre|rentre|passe|tombe)",
        r"(?:ton|votre) (?:histoire|chemin|itineraire)",
        r"avant (?:ca|ce poste|d'etre|de faire|ton poste|votre poste)",
        r"(?:as|avez)-(?:tu|vous) (?:toujours|commence|debute)",
        r"(?:tu as|vous avez|t'as) (?:toujours|commence|debute)",
        r"(?:choisi|choix) (?:ce|de ce|cette|ta|votre)",
        r"pourquoi (?:ce|cette|avoir choisi)",
        r"(?:tes|vos) debuts",
        r"(?:quand|lorsque) (?:tu as|vous avez|t'as) (?:commence|demarre|debute)",
        r"reconverti",
    ),
    "daily_work": (
        r"journee(?:s)? (?:type|typique|ordinaire|classique)",
        r"(?:au )?quotidien",
        r"au jour le jour",
        r"en quoi consiste",
        r"consiste en quoi",
        r"(?:tes|vos) (?:missions|taches|journees|semaines|responsabilites|dossiers)",
        r"concretement",
        r"(?:tu fais|vous faites|tu passes|vous passez) quoi",
        r"qu'est-ce que (?:tu fais|vous faites)",
        r"(?:a quoi|comment) (?:ressemble|se passe|s'organise) (?:ta|votre|une) (?:journee|semaine|activite)",
        r"(?:ton|votre) (?:role|metier|poste|travail|boulot|job)",
    ),
    "team": (
        r"equipes?",
        r"collegues?",
        r"squads?",
        r"(?:tes|vos) (?:devs|developpeurs|collaborateurs|benevoles|salaries|agents|conseillers|soignants|infirmieres)",
        r"(?:vous etes|vous etes|on est|vous travaillez a) combien",
        r"(?:avec qui|qui) (?:tu|vous) (?:travailles|travaillez|bosses|bossez)",
        r"ton manager|votre manager|(?:ta|votre) (?:cheffe?|hierarchie|direction)",
        r"(?:tu|vous) (?:encadres|encadrez|manages|managez)",
    ),
    "sector": (
        r"secteur",
        r"(?:le|du|ce|au|leur|ton|votre) marche\b",
        r"filiere",
        r"avenir",
        r"tendances?",
        r"(?:evolue|evoluer|evolution|evolutions)",
        r"futur",
        r"dans (?:les )?(?:cinq|dix|5|10|quelques|prochaines) (?:ans|annees)",
        r"(?:l'|de l')?(?:ia|intelligence artificielle)\b",
        r"(?:la )?reglementation",
        r"(?:ce|le|du) (?:milieu|domaine|metier|monde)",
        r"conjoncture",
        r"la crise",
    ),
    "company": (
        r"(?:ton|ta|votre|cette|la|leur) (?:entreprise|boite|societe|structure|asso|association|banque|usine|"
        + r"fondation|agence|startup|start-up|cabinet|enseigne|franchise|ressourcerie|clinique|hopital|groupe|"
        + r"organisation|mutuelle|reseau d'agences)",
        r"chez (?:vous|toi)",
        r"(?:la|votre|ta) culture",
        r"(?:vos|tes) (?:clients|produits|adherents|usagers|patients|beneficiaires|magasins|agences)",
        r"(?:votre|ton) (?:produit|activite|offre|modele)",
        r"(?:l'|la) (?:ambiance|taille)",
    ),
    "small_talk": (
        r"(?:ca|sa) va\b",
        r"comment (?:allez-vous|vas-tu|tu vas|vous allez)",
        r"week-?end",
        r"vacances",
        r"meteo",
        r"(?:il|quel) (?:fait|temps)",
        r"(?:ton|votre|le) cafe",
        r"(?:le|ce) salon\b",
        r"(?:bien|bon) (?:rentre|voyage|trajet)",
        r"(?:la|le) (?:route|trajet|train)",
    ),
}

_EN: dict[str, tuple[str, ...]] = {
    "goodbye": (
        r"(?:let|leave) you (?:go|get back)",
        r"(?:won't|will not|don't want to) (?:keep|hold|take up) you",
        r"take up (?:any )?more of your time",
        r"(?:good)?bye\b",
        r"see you",
        r"have a (?:good|great|nice|lovely) (?:day|evening|weekend|one)",
        r"talk (?:soon|later)",
    ),
    "advice": (
        r"advi[cs]e",
        r"in my (?:shoes|position|place)",
        r"(?:where|how) (?:should|would|do|could) i (?:start|begin|go about|approach)",
        r"what (?:should|would you have me|would you suggest|do you suggest|do you recommend|would you recommend)",
        r"if you were me",
        r"(?:would|do) you recommend",
        r"tips?\b",
        r"mistakes? to avoid",
        r"pitfalls?",
        r"(?:should|shall) i\b",
        r"what would you do",
    ),
    "contacts": (
        r"(?:anyone|anybody|someone|somebody|people|person|others?) (?:i |who |that |you |worth )"
        + _W
        + r"(?:talk|speak|meet|contact|reach|call|connect|know|ask)",
        r"who (?:else )?(?:should|could|might|would) i (?:talk|speak|meet|contact|reach|call|connect)",
        r"introduc",
        r"put me in touch",
        r"connect me",
        r"contacts?\b",
        r"your network",
        r"on your behalf",
        r"mention your name",
        r"who to (?:talk|speak|contact|reach|call|approach)",
    ),
    "project_opinion": (
        r"my (?:plan|project|profile|idea|move|switch|career change|transition|background|cv|resume|application)",
        r"(?:what do|what'd) you (?:think|make) of",
        r"realistic",
        r"(?:stand|have) a (?:chance|shot)",
        r"my chances",
        r"someone like me",
        r"profile like mine",
        r"(?:crazy|mad|doable|feasible|credible)\b",
    ),
    "hiring": (
        r"hir(?:e|es|ed|ing)\b",
        r"recruit",
        r"applications?\b",
        r"interview process",
        r"(?:get|break|getting|breaking) (?:in|into)\b",
        r"how (?:do|did) (?:people|you|they|most people) (?:get|join|land)",
        r"openings?",
        r"vacanc",
        r"job ads?",
        r"referrals?",
    ),
    "skills": (
        r"skills?\b",
        r"qualities",
        r"(?:makes|make) (?:a|someone|somebody) (?:good|great|successful)",
        r"what does it take",
        r"what (?:do you|does one|would i) need to (?:know|have|master|be good at)",
        r"profiles? (?:you|they|that|are|is)",
        r"(?:strengths|traits|competenc)",
        r"succeed in",
    ),
    "training": (
        r"training",
        r"degrees?\b",
        r"qualifications?",
        r"certif",
        r"courses?\b",
        r"bootcamp",
        r"(?:study|studied|studying)\b",
        r"retrain",
        r"what school",
    ),
    "challenges": (
        r"challeng",
        r"hard(?:est)?\b",
        r"difficult",
        r"struggl",
        r"problems?",
        r"pain points?",
        r"tough(?:est)?",
        r"obstacles?",
        r"keeps? you (?:up|awake)",
        r"headaches?",
        r"frustrat",
        r"not easy",
    ),
    "likes": (
        r"enjoy",
        r"(?:love|like) (?:most|best|about)",
        r"favou?rite",
        r"motivat",
        r"proud",
        r"passionate",
        r"what (?:keeps|gets) you (?:going|up)",
        r"best (?:part|moment|thing)",
        r"rewarding",
        r"fun\b",
    ),
    "path": (
        r"(?:career )?path",
        r"background",
        r"how did you (?:get|end up|come|become|start|land|move|find|make|go)",
        r"how (?:you )?(?:ended up|got (?:into|here|there|started))",
        r"your (?:story|journey|route)",
        r"before (?:this|that|you joined|joining)",
        r"(?:have you always|did you always)",
        r"(?:why|what made you) (?:choose|pick|go|move|decide|switch|join)",
        r"when you (?:started|began|first)",
        r"(?:early|first) days",
    ),
    "daily_work": (
        r"typical (?:day|week)",
        r"day[- ]to[- ]day",
        r"(?:a|your) day look",
        r"what do you (?:actually|really)? ?do",
        r"what does (?:your|a) (?:job|role|day|week|work) (?:involve|look|consist)",
        r"(?:your|the) (?:role|job|work|day|week|responsibilities|tasks)\b",
        r"(?:what's|what is) it like",
        r"spend (?:most of )?your (?:time|days)",
    ),
    "team": (
        r"teams?\b",
        r"colleagues?",
        r"(?:your|the) (?:staff|crew|devs|developers|engineers|volunteers|people)\b",
        r"who do you work with",
        r"how many (?:people|of you)",
        r"(?:your|a) (?:manager|boss)",
        r"report to",
    ),
    "sector": (
        r"(?:the |this |your )?(?:industry|sector)",
        r"(?:the|your|this) market\b",
        r"(?:the |this |your )?field\b",
        r"future",
        r"trends?",
        r"chang(?:e|es|ing)\b",
        r"(?:in|over) the next (?:few|five|ten|5|10) years",
        r"\bai\b",
        r"artificial intelligence",
        r"regulat",
        r"outlook",
        r"(?:the|this) (?:space|world|profession|trade)\b",
    ),
    "company": (
        r"(?:your|the|this) (?:company|firm|organi[sz]ation|charity|startup|business|society|bank|agency|"
        + r"office|branch|shop|store|group|foundation|employer)",
        r"(?:your|the) culture",
        r"(?:your|the) (?:customers|clients|products?|members|users|service users|beneficiaries)",
        r"(?:at|in) your (?:place|company|firm)",
    ),
    "small_talk": (
        r"how are you",
        r"how's (?:it going|your day|things|the)",
        r"weekend",
        r"holidays?",
        r"vacation",
        r"weather",
        r"(?:the|your) (?:coffee|drink|beer|wine|event|party|conference)\b",
        r"(?:good|nice|long) (?:trip|journey|commute)",
        r"(?:busy|long) day",
    ),
}

# Single words read one typo away (a letter missing, added, swapped or wrong), for words of six
# letters or more, where a typo cannot turn one word into another of the list.
_FUZZY: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "path": ("parcours",),
        "daily_work": ("quotidien", "concretement", "missions"),
        "likes": ("passionne", "motivation"),
        "team": ("equipe", "equipes", "collegues", "collegue"),
        "challenges": ("difficile", "difficultes", "difficulte", "probleme", "problemes", "obstacles"),
        "sector": ("secteur", "tendances", "evolution", "filiere"),
        "company": ("entreprise", "societe", "association"),
        "skills": ("competences", "competence", "qualites"),
        "training": ("formation", "formations", "diplome", "diplomes", "certification"),
        "hiring": ("recrutement", "recrutez", "recrutes", "embauche", "candidature"),
        "advice": ("conseil", "conseils", "conseillerais", "conseilleriez", "recommanderiez"),
        "contacts": ("contacts", "contacter", "rencontrer"),
        "project_opinion": ("projet", "reconversion", "realiste"),
    },
    "en": {
        "path": ("background", "career"),
        "daily_work": ("typical", "responsibilities"),
        "likes": ("enjoy", "favourite", "favorite", "motivates", "rewarding"),
        "team": ("colleagues", "colleague"),
        "challenges": ("challenge", "challenges", "challenging", "difficult", "struggle", "problems"),
        "sector": ("industry", "sector", "future", "trends"),
        "company": ("company", "organisation", "organization", "charity"),
        "skills": ("skills", "qualities"),
        "training": ("training", "qualification", "certification", "degree"),
        "hiring": ("hiring", "recruit", "recruiting", "recruitment"),
        "advice": ("advice", "recommend", "suggest"),
        "contacts": ("contacts", "introduce", "introduction"),
        "project_opinion": ("realistic", "project"),
    },
}


def _compile(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    alternatives = [
        f"(?P<{topic}>{'|'.join(f'(?:{p})' for p in table[topic])})" for topic in TOPICS if topic in table
    ]
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + ")", re.A)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _fuzzy_index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Every word of the list, and each of its one-letter deletions, to its topic."""
    index: dict[str, str] = {}
    for topic, ws in table.items():
        for w in ws:
            for key in (w, *_deletions(w)):
                index.setdefault(key, topic)
    return index


_PATTERNS = {"fr": _compile(_FR), "en": _compile(_EN)}
_FUZZY_INDEX = {lang: _fuzzy_index(table) for lang, table in _FUZZY.items()}
_TOKEN = re.compile(r"[a-z]{5,}", re.A)


def _fuzzy(norm: str, lang: str) -> list[tuple[int, str]]:
    index = _FUZZY_INDEX[lang]
    out: list[tuple[int, str]] = []
    for m in _TOKEN.finditer(norm):
        word = m.group(0)
        topic = index.get(word)
        if topic is None:
            for key in _deletions(word):
                topic = index.get(key)
                if topic is not None:
                    break
        if topic is not None:
            out.append((m.start(), topic))
    return out


def find(norm: str, lang: str) -> list[tuple[int, str]]:
    """(position, topic) of every topic mention in normalised text, in order."""
    lang = "en" if lang == "en" else "fr"
    hits = [(m.start(), m.lastgroup or "") for m in _PATTERNS[lang].finditer(norm)]
    seen = {pos for pos, _ in hits}
    for pos, topic in _fuzzy(norm, lang):
        if pos not in seen and not any(a <= pos < a + 12 for a, _ in hits):
            hits.append((pos, topic))
    hits.sort()
    return hits


def topic_of(text: str, lang: str) -> str | None:
    """The topic a piece of text is about: its first mention, or None."""
    hits = find(normalise(text)[0], lang)
    return hits[0][1] if hits else None


_QUESTION_LABELS = ("open_question", "closed_question", "asking")


def read(text: str, lang: str = "fr") -> Analysis:
    """The scorer's analysis of a user turn, with what it is about (`topics`, `asked`)."""
    analysis = analyse(text, lang)
    norm = normalise(text)[0]
    topics: list[str] = []
    for _, topic in find(norm, lang):
        if topic not in topics:
            topics.append(topic)
    # Question spans, merged when they overlap (a request is often also a closed question).
    spans = sorted((s.start, s.end) for label in _QUESTION_LABELS for s in analysis.evidence.get(label, ()))
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    asked: list[str | None] = []
    for a, b in merged:
        topic = topic_of(text[a:b], lang)
        if not asked or topic is None or topic != asked[-1]:
            asked.append(topic)
    return replace(analysis, topics=tuple(topics), asked=tuple(asked))
