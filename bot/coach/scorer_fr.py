"""French rules for the scorer (patterns on normalised text: lowercase, no accents, "'" and "-")."""

from __future__ import annotations

from bot.coach.scorer_rules import Gated, Rules, marker_kind, rc, rc_word, rx

# Words that may open a clause before the real question starts ("et sinon, c'est comment …").
FILLERS = (
    r"(?:(?:et sinon|et du coup|du coup|et puis|et|mais|alors|bref|sinon|au fait|bon|ok|okay|d'accord|donc"
    r"|concretement|par ailleurs|aussi|ah|oh|btw|juste|hello|salut|bonjour|merci|enfin|ensuite|oui|non"
    r"|par curiosite|petite question|question|tres bien|parfait|super|top|cool|genial|d'ailleurs|plutot"
    r"|neanmoins|pourtant|madame|monsieur|dites|dis|lol|haha|tiens|au passage|en fait|franchement"
    r"|honnetement|selon vous|a votre avis|d'apres vous|a ma place|a votre place|perso|personnellement|toi|et toi|et vous"
    r"|dans ma situation"
    r"|(?:bonjour|bonsoir|salut|hello|coucou)(?: (?:m|mme|mlle|dr|monsieur|madame)\.?)? [a-z-]+(?=,))\b[\s,:]*)*"
)
PRON = r"(?:vous|tu|t-il|t-elle|t-on|il|elle|ils|elles|on|je)"
# verb-pronoun inversion ("aimez-vous", "va-t-elle", "puis-je"), minus imperatives/nouns that look alike
INVERSION = (
    r"\b(?!(?:rendez|rassurez|imaginez|figurez|souvenez|inquietez|detrompez|renseignez|adressez|asseyez"
    r"|reposez|entre|vis|chez|dites)-)[a-z]+(?:-t)?-" + PRON + r"\b"
)
# the same without hyphen, only at clause start ("pourriez vous", "recrutez vous", "peux tu")
INVERSION_START = (
    r"(?!(?:jamais|mais|depuis|apres|alors|sinon|tres|plus|moins|dans|sous|sans|chez|pas|des|les|mes|tes"
    r"|ses|ces|nos|vos|rendez|puis|assez|pres|parfois|toujours|vous|fois|mois|ans|as|rassurez|inquietez|imaginez"
    r"|figurez|souvenez|detrompez|renseignez|adressez|asseyez|reposez|dites|tenez|excusez|permettez|ecoutez|sachez"
    r"|notez)\b)"
    r"[a-z]+(?:ez|iez|ais|ait|ons|ux|is|es)\s(?:vous|tu|je)\b"
)
EST_CE = r"\best[- ]?ce qu"
QU_EST_CE = r"\bqu'? ?est[- ]?ce qu"

_STRONG = rc_word(INVERSION + "|" + EST_CE)
_STRONG_START = rc("^" + FILLERS + INVERSION_START)
_START = rc(
    "^"
    + FILLERS
    + r"(?:(?P<o>"
    + QU_EST_CE[2:]
    + r"|en quoi\b|par quoi\b|comment\b|pourquoi\b|c'?(?:est|etait|serait|sera)? ?(?:quoi|comment)\b|qu'en\b|quoi\b"
    r"|que\s(?:[a-z']+\s){0,2}?[a-z]+-" + PRON + r"\b"
    r"|que (?:faites|pensez|conseilleriez|feriez|aimez|retenez|recommandez)\b)"
    r"|(?P<q>quel(?:le)?s?)\b"
    r"|(?P<c>est[- ]?ce qu|y a[- ]?t[- ']?il\b|y aurait[- ]?il\b|combien\b|lequel|laquelle|lesquel"
    r"|quand\s(?:est[- ]?ce|[a-z]+-" + PRON + r"\b|vous\b|tu\b|la\b|le\b|les\b|ca\b|c'est\b|l')"
    r"|ou\s(?!alors|sinon|bien|plutot|pas|meme|encore|peut)|qui\b|a qui\b|avec qui\b|"
    + INVERSION[2:]
    + "|"
    + INVERSION_START
    + "))"
)
_IN_SITU = rc_word(
    r"(?P<o>"
    + QU_EST_CE
    + r"|\ben quoi\b|\bcomment\b|\bpourquoi\b|\bc'?(?:est)? ?quoi\b|\bqu'en pens|\bquoi\b"
    r"|^(?:" + FILLERS + r")que\s(?:[a-z']+\s){0,2}?[a-z]+-" + PRON + r"\b)"
    r"|(?P<q>\bquel(?:le)?s?)\b"
    r"|(?P<c>"
    + EST_CE
    + r"|\bcombien\b|\bquand\b|\bou\b|\blequel|\blaquelle|\blesquel|^(?:"
    + FILLERS
    + r")qui\b"
    r"|\b(?:a|avec|de|pour|dire|c'est) qui\b|" + INVERSION + ")"
)
_QUEL_NOUN = rc(
    r"\s(?:(?:est|sont|etait|etaient|serait|seraient|sera|a ete|ont ete)\s)?"
    r"(?:(?:le|la|les|votre|vos|ton|ta|tes|leur|leurs|son|sa|ses)\s|l')?(?:(?:type|genre|sorte) de |"
    r"(?:principale?s?|grande?s?|gros|grosse|plus|meilleure?s?|vrai|vraie) )?(?P<noun>[a-z]+)"
)
_FACT_WORDS = (
    "taille ecole ecoles entreprise boite societe ville villes nom noms age date dates heure jour jours annee"
    " annees salaire salaires budget budgets poste postes titre intitule logiciel logiciels outil outils"
    " langage langages diplome diplomes chiffre chiffres effectif effectifs nombre adresse site region pays"
    " taux prix cout duree horaire horaires contrat contrats statut niveau master cursus etudes formation"
    " service departement equipe filiale agence cabinet client clients secteur periode mois delai delais"
    " remuneration grille fourchette stack techno technos technologie technologies methode methodes"
    " mail email numero telephone format"
)
FACT_NOUNS = frozenset(_FACT_WORDS.split())

SECOND_PERSON = rc_word(r"\b(?:vous|vs|tu|te|t'|votre|vos|ton|ta|tes|toi|chez vous)\b")
_PRESUME_VERB = rc(
    r"^"
    + FILLERS
    + r"(?:vous|vs|tu|t')\s?(?:ne\s|n')?(?:devez|dois|devriez|deviez|me demandez|m'avez|avez raison"
    r"|pouvez compter|me direz|me diras|allez (?:surement |forcement )?me dire|n'allez|me tiendrez|etes (?:trop|vraiment"
    r"|super|tres|hyper) |es (?:trop|vraiment|super|tres|hyper) |inquietez|en faites)"
)
_INTONATION_START = rc(r"^" + FILLERS + r"(?:vous|vs|tu|t')\s?[a-z]")
_INTONATION_ANY = rx(
    r"\bc'?(?:est)? ?possible\b|\bca fait (?:longtemps|combien)\b|\bdepuis (?:quand|combien)\b"
    r"|\b(?:vous|tu) \S+ (?:toujours|encore|deja|souvent)\b"
    r"|\b(?:ce serait|ca serait|ce sera|ca sera|c'etait) quoi$"
    r"|\b(?:ca|cela)(?<!si ca)(?<!si cela) (?:vous|te|t') ?(?:derangerait|generait|embeterait|ennuierait|irait|dirait|tenterait|interesserait"
    r"|brancherait|va|dit|tente|interesse|branche)\b"
    # a wh-word in situ after a second-person verb: "vous passeriez par quelle formation", "tu bosses ou"
    r"|\b(?:vous|tu) (?!m'avez|m'as|avez (?:dit|explique|montre|raconte|decrit)|sais pas|savez pas)[a-z']+"
    r" (?:\S+ )?(?:quel|quelle|quels|quelles|combien|ou|quand|comment|pourquoi|quoi)$"
    r"|\b(?:vous|tu) (?!m'avez|m'as|avez (?:dit|explique|montre|raconte|decrit))[a-z']+ (?:\S+ )?(?:par |dans |sur |a |avec |en"
    r" |de |pour |chez )?(?:quel|quelle|quels|quelles)\b"
)
# a second-person statement that thanks or compliments is not a question ("vous avez ete top merci")
_NOT_QUESTION = rx(
    r"\b(?:merci|remercie)(?: (?:beaucoup|bcp|encore|infiniment|mille fois|pour tout))?$"
    r"|\b(?:avez|as) ete (?:\S+ )?(?:super|tres|vraiment|trop|hyper|tellement|d'une|d'un|adorable|genial|top|formidable"
    r"|patiente?|genereu|gentil|precieu|utile|clair|bienveillant)"
)
# the last comma chunk when it is a question by itself: inversion, est-ce que, conditional "vous auriez …"
_TAIL_QUESTION = rc(
    r"^"
    + FILLERS
    + r"(?:"
    + INVERSION_START
    + r"|est[- ]?ce qu|"
    + INVERSION[2:]
    + r"|(?:vous|tu) (?:auriez|pourriez|seriez|accepteriez|connaitriez|voudriez"
    r"|aurais|pourrais|serais|accepterais|connaitrais|voudrais)\b|(?:ca|cela) (?:vous|te|t') ?(?:derangerait|dirait|irait"
    r"|tenterait|interesserait|va|dit|tente)\b)"
)
_TAG_END = rc(r"(?:,\s?|\s)(?:non|hein|pas vrai|c'est ca|n'est-ce pas|ou pas|right)$")


def at_start(clause: str) -> str | None:
    return marker_kind(_START.match(clause), _QUEL_NOUN, FACT_NOUNS)


def in_situ(clause: str) -> str | None:
    return marker_kind(_IN_SITU.search(clause), _QUEL_NOUN, FACT_NOUNS)


def strong(clause: str) -> bool:
    return _STRONG.search(clause) is not None or _STRONG_START.match(clause) is not None


def intonation(clause: str) -> bool:
    """A second-person statement read as a question when nothing closes the sentence."""
    if PRESUMPTION.search(clause) or _PRESUME_VERB.match(clause) or _NOT_QUESTION.search(clause):
        return False
    if _INTONATION_START.match(clause) or _INTONATION_ANY.search(clause):
        return True
    return _TAG_END.search(clause) is not None and SECOND_PERSON.search(clause) is not None


def tail_question(clause: str) -> bool:
    return _TAIL_QUESTION.match(clause) is not None and not PRESUMPTION.search(clause)


SUB_SPLIT = Gated(
    rc(
        r"\s*,\s*(?=(?:et|mais|ou bien|sinon|du coup)\b)|\s*:\s*|\s+-\s+"
        r"|\s+(?:et|mais)\s+(?=(?:est[- ]?ce|qu'est|comment|pourquoi|quel|combien|quand|ou |auriez|pourriez|accepteriez"
        r"|seriez|avez|etes|que (?:me|vous|pensez)|vous (?:etes|avez|auriez|pourriez|travaillez|recrutez)))"
    ),
    (",", ":", "-", " et ", " mais "),
)

RHETORICAL = rc(
    r"^"
    + FILLERS
    + r"(?:par ou|ou|que|quoi|comment) (?!avoir\b|etre\b)[a-z]+(?:er|ir|re)\b(?: de plus| maintenant| ensuite)?$"
)

OPEN_FORCED = rx(
    r"\bracont\w*[- ](?:moi|nous)\b",
    r"\bparle[zs]?[- ](?:moi|nous)\b",
    r"\b(?:dites|dis)[- ]m'en\b",
    r"\b(?:expliquez|explique|decrivez|decris|detaillez)[- ](?:moi|nous)\b",
    r"\b(?:pourriez|pouvez|pourrais|peux|voudriez)[- ]?(?:vous|tu) (?:me |m'|nous )(?:raconter|expliquer|decrire|parler|presenter (?:votre|ton|vos|tes|un peu))",
    r"\b(?:vous|tu) (?:pourriez|pouvez|pourrais|peux) (?:me |m'|nous )(?:raconter|expliquer|decrire|parler)",
    r"\b(?:j'aimerais|j'aimerai|je voudrais|je souhaiterais|j'adorerais|je veux|je cherche a)"
    r" (?:bien |beaucoup |vraiment |mieux |tellement )?(?:comprendre|savoir|connaitre|en savoir|en apprendre)"
    r" (?:plus |davantage |un peu plus )?(?:comment|pourquoi|ce qui|ce que|ce qu'|en quoi|quel|votre|vos|ton|tes|sur|de votre|a quoi)",
    r"\b(?:curieu(?:x|se)|interessee?|ravie?) (?:de|d') (?:savoir|comprendre|connaitre|en savoir|entendre|decouvrir)"
    r" (?:plus )?(?:comment|pourquoi|ce qui|ce que|ce qu'|en quoi|quel|votre|vos|sur)",
    r"\bje me (?:demandais|demande) (?:comment|pourquoi|ce qui|ce que|ce qu'|en quoi|quel|quoi)",
    r"\b(?:dites|dis)[- ]moi (?:comment|pourquoi|ce qui|ce que|ce qu'|en quoi|plus|tout)",
    r"\b(?:me dire|m'en dire) (?:comment|pourquoi|ce qui|ce que|ce qu'|en quoi|plus)",
    r"\ben savoir plus sur\b",
    # "vous pouvez developper un peu", "detaillez"
    r"\b(?:pourriez|pouvez|pourrais|peux)[- ]?(?:vous|tu) (?:\S+ )?(?:developper|detailler|elaborer|approfondir|illustrer)\b",
    r"\b(?:vous|tu) (?:pourriez|pouvez|pourrais|peux) (?:\S+ )?(?:developper|detailler|elaborer|approfondir|illustrer)\b",
    r"\b(?:developpez|detaillez|developpe|detaille)(?:[- ](?:moi|nous)| un peu| davantage| plus)\b",
    r"\b(?:je serais|je suis) curieu(?:x|se) de savoir (?:ou|comment|pourquoi|ce que|ce qui|quel|quelle|quels|quelles|qui|quand)\b",
    r"\bce que je (?:voulais|voudrais|veux) savoir,? c'est (?:comment|pourquoi|ou|ce que|ce qui|quel|quelle|qui)\b",
    r"\b(?:ca|cela) va changer quoi\b",
)
CLOSED_FORCED = rx(
    r"\b(?:je |j')(?:me demandais|me demande|voulais savoir|voudrais savoir|aimerais savoir|souhaiterais savoir"
    r"|aimerais bien savoir|serais curieu(?:x|se) de savoir) (?:si\b|s'il|,? ?est-ce qu)",
    r"\b(?:vous|te) demander si\b|\bje (?:vous|te) demande si\b",
    r"\b(?:je (?:vous|t') ?ecris|je me permets de (?:vous|t') ?ecrire|j'aimerais savoir|je voulais juste savoir) pour savoir si\b"
    r"|\bpour savoir (?:si\b|s'il)",
    r"\b(?:savez|sauriez)[- ]vous si\b|\bsais[- ]tu si\b|\bme dire si (?!je |j')",
)
HYPOTHETICAL = rx(
    r"\ba ma place\b",
    r"\bsi (?:vous etiez|tu etais) moi\b",
    r"\bdans ma situation\b",
    r"\bsi (?:vous|tu) (?:aviez|avais|deviez|devais) (?:\S+ ){0,2}?(?:conseils?|recommandations?|me conseiller|me recommander)\b",
)

NEGATION = rc_word(
    r"\b(?:ne\s|n')(?!hesit)(?:\S+\s){0,4}?(?:pas|jamais|plus|point|aucun|aucune|rien)\b|\bsans\s(?:vous|te|t')"
)

# --- giving ----------------------------------------------------------------------------------------
OFFER_VERB = (
    r"(?:envoyer|transmettre|partager|presenter|mettre en (?:relation|contact|lien|copie)|passer|filer|faire suivre"
    r"|faire passer|donner|montrer|traduire|aider|preter|faire (?:un|une) (?:retour|point|topo|demo|intro|reco)"
    r"|faire parvenir|recommander|conseiller|faire decouvrir|faire profiter|proposer|organiser|preparer|aiguiller"
    r"|orienter|relire|transferer|apporter|expliquer comment|mettre le lien|communiquer|indiquer|relayer|diffuser"
    r"|faire tourner|laisser (?:le|la|les|l'|son|ses|un|une|des|quelques)|joindre|donner (?:un )?coup de (?:main|pouce)"
    r"|filer (?:un )?coup de (?:main|pouce)|trouver|chercher|renseigner|faire une place|brancher|connecter"
    r"|mettre en rapport|faire rencontrer)"
)

# --- offer and request frames, built from parts ---------------------------------------------------
# An offer = first-person subject + offer modal + (adverbs) + beneficiary clitic + transfer/help verb
# ("je peux volontiers vous la presenter", "jpeux te le filer", "je me ferais un plaisir de vous aider"),
# or subject + offer modal + any verb acting on *their* things ("je peux jeter un oeil a votre plaquette"),
# or an impersonal value statement aimed at them ("ca peut valoir le coup pour votre boite").
_NOT_NEWS_FR = (
    r"(?! (?:un |une )?(?:petit |petite |rapide )?(?:message|mail|email|e-mail|mot|sms|texto|nouvelle|signe)\b"
    r"| des nouvelles| de mes nouvelles)"
)
_JE = r"j(?:e |')?"
_OFFER_MODAL = (
    r"(?:peux|pourrais|pourrai|pourra|veux bien|voudrais bien|voulais bien|propose de|proposerais de|(?:vous|te) propose de"
    r"|me ferai[st]? (?:un (?:grand |vrai )?plaisir|une joie) de|n'ai aucun (?:souci|probleme) (?:a|pour)"
    r"|(?:serai[st]?|suis) (?:\S+ ){0,3}?(?:ravie?|heureuse?|heureux|contente?|partante?|dispo|disponible|pret|prete|chaude?"
    r"|enchantee?) (?:de|d'|pour|a)|(?:n')?hesite pas a)"
)
_ADV = (
    r"(?:(?:aussi|volontiers|egalement|tout a fait|meme|bien|toujours|sans (?:probleme|souci)|eventuellement|si besoin"
    r"|avec plaisir|facilement|tres bien|carrement|grave|direct|directement|deja|en plus|si tu veux|si vous voulez"
    r"|si vous le souhaitez) )"
)
# "vous ", "te le ", "t'", "vous en ", "le lui ", "les leur "
_BENEF = r"(?:(?:vous |vs |te |t'|t )(?:l'|les |la |le |en |y )?|(?:le |la |les |l')?(?:lui |leur ))"
TRANSFER_VERB = (
    r"(?:"
    + OFFER_VERB[3:-1]
    + r"|refiler|signaler|coacher|briefer|accompagner|epauler|guider|depanner|former|initier"
    r"|introduire|corriger|jeter un (?:oeil|coup d'oeil)|faire (?:une |un )?(?:relecture|intro|reco|recommandation|topo"
    r"|visite|demo|presentation|mot|point)|tuyauter|rencarder|parrainer|inviter|inscrire|ajouter|reserver|ouvrir"
    r"|faire beneficier|faire signe (?:si|des que|quand)|glisser|toucher un mot|dire un mot|parler de (?:vous|toi)"
    r"|mettre (?:le|les|un|des|en)|faire (?:des|les|une) (?:intros?|presentations?)|files?)"
)
# verbs that act on their things for the user's own sake ("je peux citer votre nom", "je vais postuler a votre offre")
_SELF_SERVING = (
    r"(?!(?:citer|utiliser|mentionner|avoir|prendre|demander|garder|recuperer|noter|solliciter|obtenir|appeler|contacter"
    r"|relancer|poser|postuler|candidater|rejoindre|integrer|venir|visiter|voir|rencontrer|lire|suivre|decouvrir|ecouter"
    r"|comprendre|imaginer|connaitre|respecter|attendre|apprecier|remercier|deranger|importuner|embeter|rappeler"
    r"|recontacter|passer (?:a|au|par|chez|dans)|repasser|signer|envoyer (?:mon|ma|mes)|partager (?:mon|ma|mes)"
    r"|travailler|bosser|faire (?:mon|ma|mes|un stage|une alternance|partie)|entrer|rentrer|devenir|apprendre)\b)"
)
# their things; "de votre part" is the user's errand ("je peux dire que je viens de votre part ?")
_THEIR = r"(?<!\bde )(?:votre|vos|ton|ta|tes|pour (?:vous|toi|votre|vos|ton|ta|tes)|a (?:votre|vos|ton|ta|tes))\b(?! part\b)"
_RESOURCE = (
    r"(?:contacts?|liens?|numeros?|06|docs?|documents?|guides?|fichiers?|tableaux?|listes?|compte rendu|comptes rendus|replay"
    r"|enregistrements?|slides|supports?|modeles?|templates?|notes|articles?|etudes?|rapports?|adresses?|coordonnees|plans?"
    r"|tuyaux?|bons plans|carnet d'adresses|mail|email|podcasts?|livres?|outils?|ressources?)\b"
)
_VALUE_PRED = (
    r"(?:valoir (?:le coup|la peine|le detour|le deplacement)|etre (?:\S+ )?(?:utiles?|interessante?s?|pertinente?s?|cool|top|sympa|genial|ideal|parfait|chouette"
    r"|precieu(?:x|se|ses)|pratiques?|un plus|une (?:bonne )?(?:piste|idee|source|ressource|mine)|un (?:bon )?(?:plan|contact"
    r"|relais|filon|levier))|servir|aider|interesser|plaire|rendre service|tomber a pic|faire (?:votre|ton) bonheur)"
)
_STRONG_TRANSFER = (
    r"(?:relayer|diffuser|faire tourner|partager|transmettre|faire suivre|envoyer|preter|faire (?:une |l')intro|faire le lien"
    r"|filer|refiler|recommander|faire passer|signaler|presenter|transferer)"
    r" (?:le|la|les|l'|un|une|des|mes|quelques|ce|cet|cette|ces|son|sa|ses|leur|leurs|deux|trois|plein)\b"
)
_FINITE_TRANSFER = (
    r"(?:envoie|envoies|transmets|passe|refile|file|presente|mets en (?:relation|contact|lien)|fais suivre|fais passer"
    r"|fais parvenir|transfere|traduis|imprime|scanne|reserve|garde|donne(?! (?:mon|ma|mes|raison|rendez|tort)\b)"
    r"|partage|recommande|signale|montre|prete|conseille|fais (?:une |un )?(?:intro|reco|topo))\b"
)
# one alternative with one shared "je" prefix: `re` does not factor common prefixes itself
OFFER_FRAMES = (
    r"\b"
    + _JE
    + r"(?:"
    # "je vais vous l'envoyer": a plain future counts only with the beneficiary
    + r"(?:vais|vais aussi|compte) "
    + _ADV
    + r"{0,2}"
    + _BENEF
    + TRANSFER_VERB
    + _NOT_NEWS_FR
    + r"|"
    + _OFFER_MODAL
    + r" "
    + _ADV
    + r"{0,2}(?:"
    # "je peux volontiers vous la presenter"
    + _BENEF
    + TRANSFER_VERB
    + _NOT_NEWS_FR
    # "je peux jeter un oeil a votre plaquette"
    + r"|"
    + _SELF_SERVING
    + r"[a-z']+(?:er|ir|re)\b (?:\S+ ){0,5}?"
    + _THEIR
    # "je peux relayer l'annonce"
    + r"|"
    + _STRONG_TRANSFER
    + r")"
    # present tense, with the beneficiary: "jte l'envoie", "je vous la presente", "je te file son 06"
    + r"|"
    + _BENEF
    + _FINITE_TRANSFER
    + _NOT_NEWS_FR
    + r"|(?:fais|ferai|m'occupe de faire) (?:le lien|l'intro|les presentations|une intro|la connexion|les intros)"
    # "je serais ravie de partager mon carnet d'adresses avec vous"
    + r"|(?:\S+ ){1,5}?(?:partager|mettre) (?:\S+ ){1,6}?(?:avec (?:vous|toi)|a (?:votre|ta) disposition)"
    + r")",
    r"\b(?:peut|peuvent|pourrait|pourraient|pourra|pourront|devrait|devraient) (?:\S+ )?"
    + _VALUE_PRED
    + r" (?:\S+ ){0,1}?(?:pour|a) (?:vous|toi|votre|vos|ton|ta|tes)\b(?!(?: \S+){0,2} (?:de |d')[a-z]+(?:er|ir|re)\b)",
    r"\b(?:vaut|vaudrait|vaudra) (?:vraiment |bien |largement )?(?:le coup|la peine|le detour) (?:pour (?:vous|toi|votre|vos"
    r"|ton|ta|tes)|d'y (?:aller|passer|jeter)|que (?:vous|tu) (?:y|le|la|les))\b",
    r"\b(?:ca|cela) (?:vous|te|t') ?(?:dit|dirait|interesse|interesserait|tente|tenterait|branche|brancherait)"
    r" (?:que (?:je|j')|(?:de|d') ?(?:avoir|recevoir|rencontrer|etre (?:mise? )?en (?:relation|contact)))",
    r"\b(?:vous auriez|tu aurais|t'aurais|avez[- ]vous|as[- ]tu|vous avez|tu as|t'as|auriez[- ]vous|aurais[- ]tu)"
    r" (?:\S+ )?besoin (?:d'aide|d'un coup de (?:main|pouce)|de renfort|d'un relecteur|d'une relectrice|d'un testeur"
    r"|d'une testeuse|que (?:je|j'))",
    r"\bsi (?:jamais )?(?:t'as|t'avais|t'a|tas) (?:\S+ )?besoin\b",
    r"\b(?:comptez|compte|compter) sur moi\b|\bje reponds present\b|\ba toutes fins utiles\b",
    r"\bau cas ou (?:ca|cela) (?:vous|te|t') ?(?:serve|servirait|interesse|interesserait|aide|aiderait)\b",
    r"\bn'hesite[sz]? pas (?:a|si) (?:\S+ ){0,4}?(?:me (?:demander|solliciter|contacter|ecrire|faire signe|appeler)"
    r"|faire appel a moi|besoin)\b",
)

_NOT_NEWS = (
    r"(?! (?:un |une )?(?:petit |petite |rapide )?(?:message|mail|email|e-mail|mot|sms|texto|nouvelle|signe)\b"
    r"| des nouvelles| de mes nouvelles)"
)
GIVING = rx(
    r"\b(?:je|j') (?:peux|pourrais|pourrai|vais|voudrais bien|serais ravie? de|serai ravie? de|serais heureuse? de"
    r"|me ferai un plaisir de|propose de|peux aussi|peux egalement|peux tout a fait|peux volontiers|peux toujours)"
    r" (?:aussi |volontiers |egalement |tout a fait |si besoin )?(?:vous |te |t'|lui |leur )(?:l'|les |la |le |en |y )?"
    + OFFER_VERB
    + _NOT_NEWS,
    r"\b(?:je|j') (?:vous |te |t')(?:l'|les |la |le |en |y )?(?:envoie|envoies|enverrai|transmets|transmettrai"
    r"|transfere|transfererai|mets (?:le |les |un |en )|mettrai (?:le |les |un |en )|passe|passerai|file|filerai"
    r"|presente|presenterai|fais suivre|ferai suivre|fais passer|ferai passer|partage|partagerai|montre|montrerai"
    r"|propose de vous)\b" + _NOT_NEWS,
    # "je vous laisse le lien", "je te joins la plaquette", not "je vous laisse travailler / la parole"
    r"\b(?:je|j') (?:vous |te |t')(?:laisse|laisserai|joins|joindrai|colle|glisse|glisserai|depose|mets|mettrai) "
    r"(?!(?:la main|la parole|le soin|le choix|tranquille)\b)(?:le|la|les|l'|un|une|des|ici|ci-dessous|ci-joint|en pj"
    r"|en piece jointe|son|ses|leur|leurs|quelques|deux|trois|ce|cet|cette|ces)\b",
    # an offer with no pronoun: "je peux relayer l'annonce", "je pourrais diffuser votre offre"
    r"\b(?:je|j') (?:peux|pourrais|propose de|me ferai un plaisir de|serais ravie? de|suis pret a|suis prete a)"
    r" (?:tout a fait |volontiers |aussi |egalement |meme )?(?:relayer|diffuser|faire tourner|partager|transmettre"
    r"|faire suivre|envoyer|preter|faire une intro|faire le lien) (?:votre|vos|ton|tes|l'|le|la|les|cette|ce|ces|son|sa|ses"
    r"|un|une|des|quelques)\b",
    # "je peux me renseigner pour vous", "je pourrais demander a mon frere pour toi"
    r"\b(?:je|j') (?:peux|pourrais|propose de|me ferai un plaisir de|vais) (?:\S+ ){1,4}?pour (?:vous|toi)\b"
    r"(?! (?:remercier|deranger|voir|rencontrer|poser|demander|parler))",
    r"\b(?:je|j') (?:\S+ ){0,4}?(?:donner|filer|preter) (?:un )?coup de (?:main|pouce)\b",
    # present-tense transfer to them: "je vous recommande ce livre", "je lui donne vos coordonnees"
    r"\b(?:je|j') (?:vous|te|t') ?(?:l'|les |la |le |en )?(?:recommande|conseille|suggere|ajoute|inscris|reserve|garde"
    r"|signale|preste|prepare|branche|connecte)\b(?! (?:de me|d'me|pas)\b)",
    r"\b(?:je|j') (?:lui|leur) (?:ai )?(?:donne|transmets|transmis|passe|envoie|envoye|file|parle|parlerai|transmettrai"
    r"|donnerai|passerai|enverrai) (?:\S+ )?(?:vos|votre|ton|tes|de vous|de toi)\b",
    r"\b(?:je|j') (?:vous|te|t') ?ai (?:\S+ )?(?:ajoutee?|inscrite?|mise? en (?:relation|contact|copie|lien)|recommandee?"
    r"|signalee?|reserve|garde|prepare|compile|selectionne|telecharge|imprime|note|repere)\b",
    # (acting on their own things, "je peux relire votre dossier": see OFFER_FRAMES)
    r"\bje (?:vous|te) (?:recommande|conseille) (?:chaudement |vivement |fortement )?(?:de |d'|le |la |les |l'|ce |cet"
    r" |cette |ces |un |une )",
    r"\b(?:allez|va) (?:voir|jeter un oeil)\b",
    r"\bn'hesitez pas (?:a|si) (?:\S+ ){0,3}?(?:me (?:demander|solliciter)|faire appel a moi)\b",
    r"\bje suis la (?:si|pour)\b|\bje suis la$",
    r"\bje suis (?:dispo|disponible|partante?|pret|prete|motivee?) pour (?:vous |t'|te )?(?:aider|donner|filer|relire|tester"
    r"|un coup de main|partager|presenter|faire une intro|relayer|venir (?:aider|donner|filer))",
    r"\b(?:voulez|veux|souhaitez|voudriez|aimeriez)[- ]?(?:vous|tu) que (?:je|j')\b",
    r"\b(?:vous|tu) (?:voulez|veux|souhaitez|souhaiteriez|aimeriez|aimerais|voudriez|voudrais) que (?:je|j')",
    r"\bsi (?:ca|cela|c'|ceci|ca) ?(?:peut|pourrait) (?:vous |te |t'|lui )?(?:servir|etre utile|aider|rendre service|interesser)\b",
    r"\bsi (?:ca|cela) (?:vous|te|t') ?(?:sert|aide|est utile|rend service)\b",
    # "la conference du 12 pourrait vous plaire": any subject, but addressed to them
    r"\b(?:peut|peuvent|pourrait|pourraient|pourra|pourront|devrait|devraient) (?:vraiment |bien |beaucoup |aussi )?"
    r"(?:vous|te|t') ?(?:servir|etre utiles?|aider|interesser|plaire|rendre service|parler)\b(?! (?:de|d') ?(?:me|m'|nous)\b)",
    r"\b(?:ca|cela|ce|qui|elles?|ils?) (?:peut|peuvent|pourrait|pourraient|pourra|pourront|devrait|devraient)"
    r" (?:vous |te |t'|lui )?(?:servir|etre utiles?|aider|interesser|plaire|rendre service"
    r"|(?:faire|etre) (?:un |une )?(?:bon |bonne |super |tres bon |excellent |excellente )?(?:contact|piste|ressource|relais|source))\b",
    r"\bpourrai(?:t|ent) interesser (?:votre|ton|vos|tes)\b",
    r"\b(?:vous|te|t') (?:plairont|plaira|plairait|servira|serviront|servirait|serait utile|seront utiles|interessera|interesseront"
    r"|interesserait|aidera|aiderait|parlera|parlerait|parleront|conviendra|conviendrait)\b",
    r"\bvous y trouverez\b|\btu y trouveras\b",
    r"\bvoici (?:le|la|les|l'|un|une|ce|cet|cette|ces)\b(?! ?(?:cv|candidature|lettre de motivation)\b)",
    r"\bje suis (?:partante?|dispo|disponible) pour (?:vous|t')|\bje suis partante?\b|\bcomptez sur moi\b",
    # "je suis votre homme", "je tiens a votre disposition le compte rendu", "si ca te branche, j'ai le contact de …"
    r"\bje suis (?:votre|ton) (?:homme|femme|gars|nana|fille|personne)\b",
    r"\b(?:tiens|mets|laisse|mettrai|tiendrai) (?:\S+ ){0,4}?a (?:votre|ta) (?:entiere )?disposition\b",
    r"\bsi (?:ca|cela|c') ?(?:vous|te|t') ?(?:branche|dit|interesse|tente|chante|botte|parle)\b(?: \S+){0,3}? (?:j'ai|je connais)\b",
    r"\bj'ai (?:\S+ ){0,2}?(?:le|un|une|des|les|la|l'|ses|son|sa|tout un|toute une|plein de) (?:\S+ )?"
    + _RESOURCE
    + r"(?: \S+){0,8}? (?:si (?:vous|tu) (?:voulez|veux|le souhaitez|le voulez|en avez besoin)|si besoin|si (?:ca|cela) (?:vous|te|t')"
    r"|au cas ou|dites[- ]moi|dis[- ]moi|il est a vous|c'est pour vous)\b",
    # an open offer about their needs, not "si vous avez besoin d'infos sur moi"
    r"\bsi (?:jamais )?(?:vous|tu|votre [a-z]+|vos [a-z]+|ton [a-z]+|ta [a-z]+|ton equipe) (?:avez|as|a|ont|aviez|avais|avait)"
    r" (?:\S+ )?besoin\b(?!(?: \S+){0,5}? (?:sur moi|de moi|sur mon|sur ma|sur mes|de mon|de ma|de mes|me joindre|me contacter"
    r"|me recontacter|me rappeler|complementaires?)\b)",
    r"\bje vous en (?:fais|ferai) profiter\b",
    r"\bsi (?:je|j') (?:peux|pourrais|puis) (?:vous |te |t')?(?:rendre service|aider|etre utile|faire quoi que ce soit|renvoyer l'ascenseur)",
    r"\bj'en connais\b|\bje connais (?:quelqu'un|qqn|des gens|une personne|pas mal de|plusieurs|quelques|deux|trois|un bon|une bonne"
    r"|un tres|une tres|justement)\b",
    r"\b(?:je|j') (?:peux|pourrais|vais|propose de|peux aussi|peux volontiers) (?:faire (?:les presentations|le lien|l'intro|une intro"
    r"|la connexion|les intros)|organiser une rencontre|partager (?:le|la|les|l'|mes|quelques)|envoyer (?:le|la|les|l'|mes|quelques)"
    r"|transmettre (?:le|la|les|l'|mes))\b",
    r"\b(?:je|j') (?:vous|te|t') ?ai (?:\S+ )?(?:envoye|transmis|partage|fait suivre|transfere|mis (?:le lien|en copie|en relation))\b",
    *OFFER_FRAMES,
)
# offers by what they do for the other person, whatever the wording
GIVING = rx(
    r"\bje (?:vous|te) (?:les|le|la|l') ?\w+ si (?:vous voulez|tu veux|ca vous dit|ca te dit)\b",
    r"\bje (?:te|vous) (?:retrouve|retrouverai|ressors|ressortirai|transfere|transfererai) (?:l'|le |la |les |ca)",
    r"\bqui (?:pourrait|pourraient|peut|peuvent|saurait) (?:vous|te|t') (?:depanner|aider|filer un coup de main|donner un coup de main|rendre service|conseiller)\b",
    GIVING.pattern,
    # an offer on their wish: "si vous voulez je peux relire…", "si besoin je m'en occupe"
    r"\bsi (?:jamais )?(?:vous (?:le )?(?:voulez|souhaitez)|tu (?:le )?veux|besoin|ca (?:vous|te|t') ?(?:dit|interesse|aide"
    r"|arrange|tente))\b,? (?:\S+ ){0,2}?(?:je|j') ?(?:peux|pourrais|vous|te|t'|lui|m'en|m'occupe|fais|ferai|connais)\b",
    # an offer on their need: "si vous cherchez des infirmieres, je peux en parler a ma promo"
    r"\bsi (?:jamais )?(?:vous|tu|t'|votre \S+|ton \S+|ta \S+) ?(?:\S+ )?(?:avez|as|cherchez|cherches|manquez|manques"
    r"|recherchez)\b(?: \S+){0,8}? (?:(?:je|j') ?(?:peux|pourrais) (?:\S+ )?(?:en parler|m'en charger|m'en occuper"
    r"|en toucher un mot|passer le mot|faire passer|demander a|"
    + _SELF_SERVING
    + r"[a-z]+(?:er|ir|re)\b)|je connais"
    r"|je m'en (?:charge|occupe))\b",
    # "je vous fais une liste des financeurs", not "je vous fais un retour / signe"
    r"\b(?:je|j') (?:vous|te|t') ?(?:fais|ferai|prepare|preparerai|redige|redigerai|monte|trouve|trouverai|imprime|apporte"
    r"|apporterai|amene|amenerai|compile) (?:un|une|la|le|les|des|quelques|ma|mes|mon)\b(?! (?:petit |petite )?(?:retour"
    r"|signe|point|bisou|coucou|message|mail|sms|compte rendu)\b)",
    r"\b(?:je|j') ?(?:peux |pourrais |vais )?m'en (?:charger|occuper|charge|occupe)\b"
    r"|\bje (?:peux|pourrais) (?:m'occuper|me charger) (?:de|du|des)\b",
    # someone the user can mobilise: "mon frere pourrait regarder votre camion", "je connais un chef de quai qui …
    # avec ton equipe"
    r"\b(?:il|elle|ils|elles|mon \S+|ma \S+|mes \S+|un ami|une amie|un pote|une copine|un copain) (?:pourrait|peut|pourra"
    r"|pourraient|peuvent|serait ravie? de|serait partante? pour|accepterait|accepteraient) (?:\S+ )?(?:volontiers |surement"
    r" |sans doute |meme )?(?:(?:vous|te|t') ?(?:l'|le |la |les |en )?"
    + _SELF_SERVING
    + r"[a-z]+(?:er|ir|re)\b|(?:regarder|jeter"
    r"|relire|former|aider|reparer|faire|donner|preter|accueillir|recevoir|conseiller|depanner|"
    + _SELF_SERVING
    + r"[a-z]+(?:er|ir|re))\b(?: \S+){0,4}? (?:votre|vos|ton|ta|tes|vous|toi|te|t')\b)",
    # people the user can bring: "j'ai deux amis tres motives", "je connais des retraites partants"
    r"\b(?:je connais|j'ai) (?:deux|trois|des|quelques|plusieurs|un|une) (?:\S+ ){0,2}?(?:amie?s?|voisine?s?|personnes"
    r"|copains|copines|collegues|retraitee?s?|etudiante?s?|benevoles|contacts)(?: \S+){0,2}? (?:tres |super )?(?:motivee?s?"
    r"|dispos?|disponibles?|partante?s?|interessee?s?|prete?s?)\b",
    r"\b(?:je connais|j'ai|il y a) (?:\S+ ){1,5}?(?:qui|qu') ?(?:\S+ ){0,8}?(?:(?:avec|pour|a) (?:vous|toi)"
    r"|(?:avec |pour |a )?(?:votre|vos|ton|ta|tes))\b",
    r"\b(?:vous voulez|vous voudriez|tu veux|tu voudrais|voulez[- ]vous|veux[- ]tu|ca vous dit|ca te dit|ca vous interesse"
    r"|ca t'interesse) (?:\S+ ){0,3}?" + _RESOURCE,
    # a candidate for them: "mon voisin cherche une alternance", "mon neveu est dispo"
    r"\b(?:mon|ma|mes|un|une) (?:\S+ ){0,3}?(?:cherche|recherche|est a la recherche d') ?(?:justement |aussi |activement )?"
    r"(?:un |une |d'un |d'une )?(?:stage"
    r"|alternance|apprentissage|poste|job|emploi|boulot|cdd|cdi|mission|contrat)\b",
    r"\b(?:mon|ma|mes) (?:\S+ )?(?:neveu|niece|fils|fille|frere|soeur|cousine?|amie?|pote|copine?|copain|voisine?|collegue|ancienne? collegue|mari|femme|compagnon|compagne|beau-frere|belle-soeur|filleule?|stagiaire|connaissance)s? (?:\S+ )?(?:est|sont|serait|seraient) (?:\S+ )?(?:dispo|disponibles?"
    r"|libres?|partante?s?|interessee?s?|motivee?s?)\b",
    r"\bsi (?:jamais |un jour )?(?:vous avez|tu as|vous aviez|tu avais) besoin d(?:'|e )(?:un |une )?(?:coup de main|aide|relecture|traduction|conseil|avis|renfort|main)\b",
    r"\b(?:petite )?info (?:au passage|en passant)\b|\bpour info\b",
    r"\b(?:ca|cela) pourrait (?:coller|vous interesser|t'interesser|vous servir|te servir|convenir|vous aider|t'aider)\b",
    r"\bje (?:peux|pourrais|pourrai) (?:vous|te) (?:faire|preparer|monter|rediger|envoyer|montrer) (?:un|une|des|le|la|les|mon|ma|mes)\b",
    r"\bvoila (?:leur|son|le) (?:site|lien|mail|numero|contact)\b",
    r"\binfo (?:utile|interessante) pour (?:vous|toi)\b",
    r"\bj'ai (?:garde |encore |toujours )?des contacts (?:chez|dans|a)\b",
    r"\b(?:a|pour) (?:vous|te) (?:recommander|presenter|proposer)\b(?!.*\b(?:mon|ma|mes|moi)\b)",
    r"\bsi (?:jamais |un jour )?(?:vous cherchez|tu cherches|vous avez besoin (?:de |d')|tu as besoin (?:de |d')|il vous faut|il te faut) ?(?:quelqu'un|qqn|un coup de main|de l'aide|des bras|du monde|un renfort) pour [a-z]+(?:er|ir|re)\b",
)

SELF_OBJECT = rc(
    r"\b(?:mon|ma|mes) (?:cv|candidature|lettre|profil|portfolio|parcours|dossier)\b|\b(?:le|la) (?:cv|candidature|portfolio|book|lettre de motivation)\b"
    r"|\bpour (?:avoir|recueillir|connaitre|obtenir) (?:votre|ton) avis"
)

# --- asking ----------------------------------------------------------------------------------------
REQUEST_VERB = (
    r"(?:presenter|recommander|transmettre|faire suivre|faire passer|relire|jeter|regarder (?:mon|ma|mes)"
    r"|mettre en (?:relation|contact|lien)|envoyer|donner (?:\S+ ){0,4}?(?:contact|nom|noms|avis|conseils?|coordonnees"
    r"|mail|email|numero|pistes?|adresse|retour|feedback)|passer (?:son|ses|le|les|leur|mon|votre|ton)|conseiller"
    r"|aider|parrainer|recevoir|rencontrer|accorder|consacrer|orienter|aiguiller|indiquer (?:qui|quelqu'un|une personne"
    r"|la personne|a qui|vers qui|le nom|des noms)|dire (?:qui|a qui|vers qui)|citer|mentionner|appuyer|pistonner"
    r"|coopter|relayer|partager (?:son|ses|leur|le contact)|filer|faire un retour sur (?:mon|ma|mes)|solliciter"
    r"|rappeler|revoir|voir|contacter de|mettre un mot|glisser un mot|parler de moi|faire une reco|repondre a mes)"
)

# --- request frames, built from parts ---------------------------------------------------------------
# A request = addressee (vous/tu, conditional, imperative, "ca vous derangerait de") + a help verb aimed
# at the user, or an opinion on the user's own things, or a person the user could contact.
_OPINION = (
    r"(?:ce que (?:vous|tu|t') ?(?:en )?pens(?:ez|es|eriez|erais)|ce que (?:vous|tu) (?:en )?dit"
    r"|(?:un|une) (?:petit |petite |rapide |premier )?(?:avis|retour|regard|feedback|critique|relecture)|votre (?:avis|retour|ressenti"
    r"|regard|feedback|opinion|critique)|ton (?:avis|retour|ressenti|regard|feedback)|vos (?:retours|remarques|impressions"
    r"|commentaires|critiques|conseils)|tes (?:retours|remarques|impressions|conseils))"
)
_MY_THING = r" (?:\S+ ){0,2}?(?:de|sur|a propos de|concernant|pour) (?:mon|ma|mes)\b"
_PERSON = (
    r"(?:quelqu'un|qqn|une personne|des personnes|des gens|un contact|des contacts|un nom|des noms|un interlocuteur"
    r"|une interlocutrice|la bonne personne|la personne|les personnes|un ou deux noms|une ou deux personnes)"
)
REQUEST_FRAMES_ANY = (
    # a proposal for a next meeting without "?": "on pourrait prendre un cafe la semaine prochaine"
    r"\bon (?:pourrait|pourra) (?:peut-etre |eventuellement |aussi |meme )?(?:se (?:voir|revoir|caler|parler|appeler|capter"
    r"|retrouver|rencontrer)|prendre un|boire un|dejeuner|en (?:discuter|parler|reparler)|echanger|faire un (?:point|call|appel"
    r"|visio))",
    # "tu me fais signe si un poste se libere", "faites-moi signe si ca bouge" (not "si vous avez besoin": an offer)
    r"\b(?:vous|tu) me (?:faites|fais|ferez|feras|ferais|feriez) signe\b",
    r"\b(?:faites|fais)[- ]moi signe (?:si|quand|des que|s'il|lorsque)\b(?! (?:vous|tu) (?:avez|as|aviez|avais) besoin)",
    r"\b(?:trop|beaucoup) (?:vous|te) demander (?:de|d'|si|que)\b",
    # "jveux bien ton avis sur mon profil", "j'aimerais votre regard sur ma lettre"
    r"\bj(?:e |')?(?:veux bien|voudrais bien|voudrais|aimerais bien|aimerais|prendrais bien|apprecierais|serais preneu(?:r|se) d')"
    r" (?:\S+ )?" + _OPINION + _MY_THING,
    # imperative asking for an opinion: "dites moi franchement ce que vous pensez de mon portfolio"
    r"\b(?:dites|dis|donnez|donne|faites|fais|partagez|envoyez|envoie)[- ](?:moi|m') (?:\S+ ){0,3}?"
    + _OPINION,
    # "je serais super reconnaissant si tu pouvais", "je serais vraiment ravie que vous"
    r"\bje (?:serais|serai) (?:\S+ )?(?:ravie?|heureuse?|heureux|contente?|reconnaissante?|obligee?|honoree?)"
    r" (?:que (?:vous|tu)|si (?:vous|tu)|de (?:pouvoir )?(?:vous|te))\b",
    # "si vous aviez un conseil a me donner", "un conseil pour moi"
    r"\bconseils? (?:\S+ )?(?:a|pour) (?:me|m') (?:donner|filer|transmettre|partager)\b|\bconseils? (?:\S+ )?pour moi\b",
    r"\b(?:quelqu'un|qqn|un nom|une personne) (?:\S+ ){0,3}?(?:vous|te|t') (?:vient|viendrait|vienne) (?:a l'esprit|en tete)\b",
)
REQUEST_FRAMES_Q = (
    # "tu verrais qui a contacter chez decathlon", "a qui je pourrais m'adresser"
    r"\b(?:qui|a qui|vers qui|aupres de qui) (?:a |je pourrais |je devrais |j'irais |il faudrait )?(?:contacter|appeler|ecrire"
    r"|solliciter|approcher|m'adresser|me tourner|voir|rencontrer|parler)\b",
    # an opinion on the user's own things, in a question: "vous pourriez me dire ce que vous pensez de mon profil ?"
    r"\b" + _OPINION + _MY_THING,
    # the person the user could contact: "vous verriez quelqu'un ... a qui je pourrais parler"
    r"\b" + _PERSON + r"(?:\s\S+){0,7}?\s(?:a qui|avec qui|aupres de qui|vers qui"
    r"|que|qui) (?:je|j') ?(?:pourrais|devrais|peux|dois|pourrai|gagnerais a|aurais interet a)\b(?! (?:vous|te|t'|lui|leur)\b)",
    r"\b(?:vous|tu) (?:ne )?(?:verriez|voyez|verrais|vois|penseriez|penserais|pensez|penses) (?:pas )?(?:a )?(?:\S+ ){0,2}?"
    + _PERSON,
    r"\b(?:verriez|voyez)[- ]vous (?:pas )?(?:\S+ ){0,2}?" + _PERSON,
)

ASKING = (
    (
        rx(
            r"\baccepteriez[- ]?vous\b|\baccepterais[- ]?tu\b|\b(?:vous accepteriez|tu accepterais) (?:de|d'|que|qu')",
            # people or leads to recommend: "tu aurais des gens à me conseiller de rencontrer ?"
            r"\b(?:des gens|des personnes|quelqu'un|qqn|des noms|des contacts|des pistes|des structures|des assos?"
            r"|des associations|des entreprises|des boites) (?:a|que) (?:vous |tu )?(?:me |m')(?:conseiller|recommander|suggerer"
            r"|indiquer|presenter|donner|filer|conseilleriez|conseillerais|recommanderiez|recommanderais)\b",
            r"\bseriez[- ]?vous (?:d'accord|prete?|disposee?|ouverte?|partante?|ok|okay|dispo|disponible)\b",
            r"\b(?:est[- ]il|serait[- ]il|ce serait|c'est|ca serait|il serait|serait[- ]ce|est[- ]ce) (?:\S+ )?(?:possible"
            r"|envisageable|jouable|faisable|imaginable) (?:de|d'|que|qu') ?(?:\S+ ){0,3}?(?:me|m'|vous|nous|se|s'|te|t'|je|j'"
            r"|on|entretien|appel|echange|rendez-vous|rdv|cafe|call|visio|rencontre|point|stage)\b",
            r"\b(?:vous|te|t') solliciter (?:pour|afin|au sujet|concernant|a propos)\b|\bje me permets de (?:vous|te) (?:demander"
            r"|solliciter)\b|\bje (?:vous|te) sollicite\b",
            r"\b(?:je serais|je suis|je serai) (?:\S+ )?(?:preneur|preneuse|demandeur|demandeuse) (?:de|d'|pour)\b",
            r"\b(?:votre|vos|ton|tes|si vous|si tu|ce qui|un contact|une intro|une mise en relation|un conseil|un coup de main)"
            r" (?:\S+ ){0,5}?(?:m'aiderai|me serai(?:t|ent) (?:\S+ )?(?:precieu|utile|d'une grande)|me rendrai(?:t|ent) (?:\S+ )?service)",
            r"\b(?:pensez|pense|pensez bien|pense bien) a moi\b|\bgardez[- ]moi en (?:tete|memoire)\b|\bgarde[- ]moi en tete\b",
            r"\b(?:vous|tu) me (?:direz|dites|diras|dis) (?:\S+ )?(?:ce que (?:vous|tu|t') ?en pens|si (?:ca|c'est|cela|il)"
            r"|votre avis|ton avis|ce qui cloche|ce qu'il faut|ce qui va pas|ce qui ne va pas)",
            r"\b(?:j'aimerais|j'aimerai|je voudrais|j'adorerais|je souhaiterais) (?:beaucoup |bien |vraiment |tellement )?"
            r"(?:pouvoir )?(?:echanger|discuter|parler|m'entretenir|prendre un cafe) (?:\S+ ){0,2}?avec (?:vous|toi)\b",
            r"\b(?:vous seriez|tu serais) (?:d'accord|prete?|disposee?|ouverte?|partante?|ok|okay|dispo|disponible)"
            r" (?:pour|de|d'|a|que)\b",
            # polite frames: "auriez-vous la gentillesse de", "vous auriez le temps de"
            r"\b(?:auriez[- ]?vous|aurais[- ]?tu|vous auriez|tu aurais|avez[- ]vous|vous avez) (?:la gentillesse|l'amabilite"
            r"|la bonte|l'obligeance|la possibilite|le temps|un moment|un instant) (?:de|d'|pour)\b",
            r"\bseriez[- ]?vous (?:assez |suffisamment )?(?:aimable|gentil|gentille)\b",
            # asking for help or advice by name: "j'ai besoin de vos lumieres", "j'aurais un service a vous demander"
            r"\b(?:j'ai|j'aurais|j'aurai) (?:\S+ )?besoin (?:de (?:votre|vos|ton|tes) (?:aide|conseils?|lumieres|avis|expertise"
            r"|regard|eclairage|retour|appui|soutien|reseau)|d'un (?:conseil|coup de (?:main|pouce)|avis|regard))\b",
            r"\bj'aurais (?:un|une) (?:petit |petite |grand |gros )?(?:service|faveur|conseil) a (?:vous|te) demander\b",
            # their opinion on what I should do = advice: "vous pensez que je devrais …", "selon vous je dois …"
            r"\b(?:vous pensez|tu penses|pensez[- ]vous|penses[- ]tu|vous croyez|tu crois|croyez[- ]vous|selon vous|a votre avis"
            r"|d'apres vous|a ton avis|vous diriez|tu dirais|vous me conseillez|tu me conseilles)"
            r" (?:qu' ?|que )?(?:je|j') ?(?:\S+ )?(?:devrais|pourrais|dois|peux|ferais mieux|gagnerais|aurais interet|ai interet"
            r"|ai mes chances|aurais mes chances|ai une chance|aurais une chance)\b",
            # advice for someone in the user's situation: "que diriez-vous a quelqu'un qui vient du commerce ?"
            r"\b(?:que|qu') (?:diriez|conseilleriez|recommanderiez|dirais|conseillerais|recommanderais)[- ](?:vous|tu) a (?:quelqu'un|qqn"
            r"|une personne|un|une|moi)\b",
            # a hypothetical recommendation: "si vous deviez me recommander quelqu'un"
            r"\bsi (?:vous|tu) (?:deviez|devais|pouviez|pouvais|aviez a|avais a) (?:me |m')?(?:recommander|conseiller|suggerer"
            r"|orienter|citer une personne|donner un conseil|donner un nom)\b",
            # wishes for a next meeting: "ce serait top qu'on se revoie", "j'aimerais vous rencontrer"
            r"\b(?:j'aimerais|j'aimerai|je voudrais|j'adorerais|ca me ferait (?:tres |vraiment )?plaisir|ce serait (?:\S+ )?"
            r"(?:super|top|genial|chouette|sympa|bien|ideal|parfait|cool)|ca serait (?:\S+ )?(?:super|top|genial|chouette|sympa"
            r"|bien|ideal|cool)) (?:bien |beaucoup |vraiment )?(?:qu'on|que nous|qu' on|de (?:nous|se|vous|te)|de pouvoir"
            r" (?:vous|te|nous|se)|(?:vous|te)) (?:\S+ ){0,2}?(?:revoi|revoy|recroise|reparl|rappel|appel|voi|voy|rencontr"
            r"|capt|retrouv|recontact|refai|refass|echang|cale|prenne|prendre)",
            # offering one's own CV for their review: "je peux vous envoyer mon cv pour que vous me disiez"
            r"\b(?:je|j') (?:peux|pourrais|vais|voudrais|aimerais) (?:vous |te |t')(?:envoyer|transmettre|montrer|faire passer"
            r"|faire lire|soumettre) (?:mon|ma|mes) (?:\S+ ){0,3}?(?:pour (?:que (?:vous|tu)|avoir|recueillir|un retour|vos|votre"
            r"|ton|tes)|si (?:vous|tu) (?:pouvez|pouviez|avez|as|peux|pouvais))",
            r"\bserais[- ]?tu (?:d'accord|prete?|ok|partante?|dispo)\b",
            r"\b(?:serait[- ]il|est[- ]il|ce serait|ca serait|c'est|il serait) possible (?:de (?:nous|vous|me|se|te)\b|d'(?:avoir|obtenir|echanger)|que (?:vous|je|nous|tu|on)\b)",
            r"\b(?:pourriez|pourrais|pouvez|peux|voudriez|voudrais)(?<!je pourriez)(?<!je pourrais)(?<!j'pourrais)(?<!je pouvez)"
            r"(?<!je peux)(?<!j'peux)(?<!je voudriez)(?<!je voudrais)(?<!j'voudrais)[- ]?(?:vous|tu)\s(?:(?:svp|s'il vous plait|eventuellement|peut-etre"
            r"|aussi|egalement|neanmoins|quand meme|tout de meme|me|m'|nous|lui|leur|en|y|ne|pas)\s?){0,3}"
            + REQUEST_VERB,
            r"\b(?:vous|tu) (?:pourriez|pourrais|pouvez|peux|voudriez)\s(?:(?:svp|eventuellement|peut-etre|aussi|egalement"
            r"|neanmoins|quand meme|tout de meme|me|m'|nous|lui|leur|en|y|pas)\s?){0,3}" + REQUEST_VERB,
            r"\b(?:vous|te|t') (?:serais|serai) (?:tres |vraiment |infiniment )?(?:reconnaissante?|obligee?) (?:de|si|d')",
            r"\bj'aimerais (?:beaucoup |bien |vraiment |tellement )?(?:que|qu') (?:vous|tu)\b",
            r"\bje (?:serais|serai) (?:tres )?(?:ravie?|heureuse?|honoree?|contente?|reconnaissante?) (?:que (?:vous|tu)|si (?:vous|tu))",
            r"\b(?:ce serait|ca serait|ca me serait) (?:\S+ )?(?:super|genial|top|formidable|ideal|precieux|utile|chouette)"
            r" (?:si|que|qu') ?(?:vous|tu)\b",
            r"\bj'aimerais (?:beaucoup |bien |vraiment )?(?:pouvoir )?(?:vous |te )?(?:citer|mentionner|recontacter|soumettre|demander)\b",
            r"\b(?:mentionner|citer|utiliser|donner) (?:votre|ton) nom\b|\bde votre part\b|\bde ta part\b",
            r"\b(?:vous|te) demander (?:de me|de m'|d'etre|un conseil|conseil|des conseils|votre avis|ton avis|une faveur|un service"
            r"|un coup de main|une reco|un contact|si vous accepteriez|si tu accepterais)",
            r"\b(?:quel|quels|quelle|quelles) (?:(?:seraient|serait|sont|est|seront) )?(?:(?:le|les|vos|votre|ton|tes) )?"
            r"(?:\S+ )?(?:conseils?|recommandations?|astuces?|pistes?)\b",
            r"\b(?:que|qu'est[- ]?ce que|qu'est[- ]?ce qu') (?:vous |tu )?(?:me |m')conseill",
            r"\b(?:vous|tu) me conseill|\bconseilleriez[- ]?vous\b|\bconseillerais[- ]?tu\b|\bme conseilleriez\b",
            r"\ba ma place\b|\bsi (?:vous etiez|tu etais) moi\b",
            r"\b(?:\d+|deux|trois|cinq|dix|quinze|vingt|trente|quelques) ?(?:min|mn|minutes) (?:de (?:votre|ton) temps"
            r"|pour (?:un |une |echanger|discuter|parler|en parler|se parler|un cafe))|\bun peu de (?:votre|ton) temps\b",
            r"\b(?:envoie|envoyez|envoies|donnez|donne|passe|passez|presentez|presente|recommandez|recommande|mettez|mets"
            r"|transmettez|transmets|file|filez|conseillez|conseille|indiquez|indique|aidez|aide|faites suivre|fais suivre"
            r"|orientez|oriente|relisez|relis)[- ](?:moi|m'|nous)\b(?! (?:de |d')?(?:votre|ton|vos|tes) (?:parcours|metier|journee|role))",
            r"\b(?:dites|dis)[- ]moi (?:qui|a qui|vers qui|quelle personne"
            r"|si je (?:peux|pourrais)(?! (?:vous |t'|te )?(?:aider|faire quoi|faire quelque|rendre|etre utile))"
            r"|comment je (?:pourrais|devrais|peux)"
            r"|ce que je (?:devrais|dois|pourrais)|ce que vous en pensez|ce que tu en penses)",
            r"\b(?:donnez|donne)[- ]moi (?:\S+ ){0,2}?(?:votre|ton) avis\b",
            r"\b(?:ca|cela) (?:vous|te|t') ?(?:dirait|dit|tenterait|tente|brancherait|branche) (?:qu'on|que l'on|que nous|qu' on"
            r"|de (?:se|nous|prendre|boire|faire|dejeuner|discuter|parler|echanger|caler|me))\b",
            r"\b(?:ca|cela) (?:vous|te|t') (?:ennuierait|embeterait|generait|derangerait|irait) (?:de|d'|que|si)\b"
            r"|\bsi (?:ca|cela) ne (?:vous|te|t') (?:ennuie|embete|gene|derange) pas\b",
            r"\b(?:avoir|recueillir|obtenir|solliciter|demander|beneficier de) (?:votre|ton) (?:avis|regard|retour|feedback|point de vue"
            r"|eclairage|oeil|expertise|aide|soutien|appui)\b",
            r"\b(?:recommanderiez|recommanderais|conseilleriez|conseillerais|suggereriez|suggererais)[- ]?(?:vous|tu)\b"
            r"|\b(?:vous|tu) me (?:recommanderiez|recommanderais|suggereriez)\b",
            *REQUEST_FRAMES_ANY,
        ),
        False,
    ),
    (
        rx(
            r"\b(?:auriez|aurais)[- ]?(?:vous|tu)\b(?:\s\S+){0,6}?\s(?:contacts?|noms?|personnes?|quelqu'un|qqn|minutes?|min|moment"
            r"|temps|creneau|conseils?|pistes?|recommandations?|dispo|disponibilites?|occasion)\b",
            r"\b(?:vous auriez|tu aurais|avez[- ]vous|vous avez|as[- ]tu|tu as|auriez[- ]vous|aurais[- ]tu)"
            r" (?!besoin\b)(?:\S+ ){0,3}?(?:un contact|des contacts|quelqu'un|qqn|des noms|un nom|\d+ ?min|quelques minutes|un moment|un creneau"
            r"|des conseils|un conseil|des pistes|une piste|des tuyaux|un tuyau|des astuces|des recommandations)\b",
            r"\b(?:connaitriez[- ]?vous|connaitrais[- ]?tu|vous connaitriez|tu connaitrais) (?:pas )?(?:un|une|des|quelqu'un|qqn)\b",
            r"\b(?:meilleure? (?:moyen|facon|maniere|approche|strategie|porte d'entree|piste|conseil)|bonne (?:approche|facon|methode"
            r"|porte d'entree|strategie))\b",
            r"\b(?:connaitriez|connaissez|connaitrais|connais)[- ]?(?:vous|tu)\b(?:\s\S+){0,3}?\s(?:quelqu'un|qqn|des gens|des personnes"
            r"|une personne|du monde|des contacts|un contact|personne)\b",
            r"\b(?:vous|tu) (?:ne )?(?:connaitriez|connaissez|connaitrais|connais) (?:pas )?(?:\S+ ){0,2}?(?:quelqu'un|qqn|des gens"
            r"|des personnes|une personne|du monde|un contact|des contacts)\b",
            r"\b(?:vous|tu) me (?:mettez|mets|mettriez|mettrais|presentez|presentes|presenterais|presenteriez|recommandez|recommandes"
            r"|recommanderiez|recommanderais|pistonnes|files|filez|passes|passez|envoies|envoyez|donnes|donnez)\b",
            r"\bme mettre en (?:relation|contact|lien)\b|\bme presenter (?:a|au|aux)\b|\bme recommander\b|\brelire (?:mon|ma|mes)\b",
            r"\bjeter un (?:oeil|coup d'oeil)\b|\b(?:votre|ton) avis sur (?:mon|ma|mes)\b|\bavoir (?:votre|ton) avis\b",
            r"\bmon (?:parrain|mentor|tuteur|marraine)\b|\bme parrainer\b",
            r"\b(?:prendre|boire) un (?:cafe|verre|dej|dejeuner)\b|\bon se (?:refait|fait|revoit|voit|cale|capte|appelle|programme"
            r"|organise)\b|\b(?:nous|se|vous) (?:revoir|rencontrer|appeler|recontacter)\b|\bun (?:call|appel|visio|rdv|rendez-vous"
            r"|echange|point) (?:\S+ ){0,2}?(?:la semaine|ce|cette|dans|d'ici|bientot|rapide|prochain)",
            r"\b(?:\d+|deux|trois|cinq|dix|quinze|vingt|trente|quelques) ?(?:min|mn|minutes)\b",
            r"\b(?:vous|te) (?:recontacter|relancer|solliciter|citer|mentionner)\b",
            r"\b(?:pourrait|peut)[- ]?on\b|\bon (?:pourrait|peut|pourra) (?:se |s'|en |nous |vous )",
            r"\bautour d'un (?:cafe|verre|dej|dejeuner|the)\b",
            r"\b(?:vous|tu) me (?:verriez|voyez|verrais|vois)\b|\bme verriez[- ]vous\b|\bme vois[- ]tu\b",
            r"\b(?:vous etes|vous seriez|tu es|tu serais|etes[- ]vous|seriez[- ]vous|es[- ]tu|serais[- ]tu|t'es) (?:\S+ )?"
            r"(?:dispo|disponible|libre)s?\b",
            r"\b(?:il vaut mieux|vaut[- ]il mieux|il faut mieux|c'est mieux de|c'est plus malin de|mieux vaut)"
            r" (?:que je|que j'|[a-z]+(?:er|ir|re)\b)",
            *REQUEST_FRAMES_Q,
        ),
        True,
    ),
)
# "puis-je … ?", "est-ce que je pourrais … ?", "je peux te citer ?", "qu'est-ce que je devrais … ?"
ASK_SELF_MODAL = rx(
    r"\b(?:puis|pourrais|devrais|dois|peux|pourrai)[- ]?je\b",
    r"\best[- ]?ce qu(?:e|')? ?(?:je|j') ?(?:pourrais|peux|devrais|dois|pourrai|aurais|gagnerais)\b",
    r"\b(?:je|j') (?:pourrais|peux|devrais|dois) (?:vous|te|t'|y|en)\b",
    r"\bque (?:devrais|dois|pourrais)[- ]?je\b",
    r"\b(?:je|j') ?(?:devrais|dois|ferais mieux de|aurais interet a|ai interet a|gagnerais a) (?:\S+ )?[a-z']+(?:er|ir|re)\b",
    r"\b(?:comment|ou|quand|par quoi|par ou|qui|quoi|a qui|vers qui|avec qui|lequel|laquelle|lesquels|lesquelles)"
    r" (?:\S+ ){0,2}?(?:je|j') ?(?:devrais|dois|pourrais|ferais mieux|aurais interet|gagnerais)\b",
    r"\b(?:ou|comment|par ou|qui) (?:devrais|dois|pourrais)[- ]?je\b",
    r"\b(?:je|j') ?(?:pourrais|peux|pourrai) (?:\S+ )?(?:revenir|reprendre contact|repasser|reecrire|relancer)\b",
    # indirect permission: "je me demandais si je pouvais mentionner notre echange"
    r"\bsi (?:je|j') ?(?:pouvais|pourrais|peux|puis)\b(?! me permettre)",
)

# --- gratitude -------------------------------------------------------------------------------------
GRATITUDE = rx(
    r"\bje suis (?:tres |vraiment |infiniment |super |sincerement )?reconnaissante? (?:pour|de|d')",
    r"\b(?:je vous|je t'|je te) ?(?:ecris|ecrirai|envoie|enverrai|appelle|appellerai|redis|redirai|recontacte|recontacterai|fais signe|ferai signe)\b(?: \S+){0,6}? pour (?:vous|te|t') ?(?:raconter|dire|tenir)\b",
    r"\bmerci\b|\bmercis\b|\bthx\b|\bthanks\b|\bmerki\b|\bmrc\b",
    r"\bje (?:vous|te|t') remercie\b|\bremerciements?\b|\b(?:vous|te|t') remercier\b",
    r"\bje vous (?:suis|serai) (?:tres |vraiment |infiniment )?reconnaissante? (?:pour|de m'avoir|d'avoir)",
    r"\b(?:vous|te|t') (?:tiendrai|tiens|tiendrais|tenir|tiendrons) (?:\S+ )?(?:au courant|informee?s?|au jus|au parfum)",
    r"\b(?:je |j')(?:vous |te |t')?(?:reviendrai|reviendrais|reviendrons) vers (?:vous|toi)\b",
    r"\b(?:je |j')(?:vous |te |t')?reviens vers (?:vous|toi) (?:\S+ )?(?:des que|quand|apres|une fois|bientot|rapidement|vite"
    r"|dans|la semaine|demain|au plus vite|d'ici|en|si)\b",
    r"\bgrace a (?:vous|toi|votre aide|vos conseils|ton aide|tes conseils|notre echange)\b",
    r"\bje (?:vous|te|t') (?:ferai|fais|ferais|refais|referai) (?:un )?(?:retour|signe|point|un point|un compte rendu)\b",
    r"\b(?:je|j') (?:vous|te|t') (?:donne|donnerai|redonne|redonnerai|enverrai|envoie) (?:des|de mes) nouvelles\b",
    r"\bje (?:vous|te|t') (?:dis|dirai|redis|redirai|raconte|raconterai|redirai)\b(?! (?:que|qu'|pas|franchement|honnetement))",
    r"\b(?:je ne manquerai pas|je n'oublierai pas) de (?:vous|te|t')",
    r"\bje (?:vous|te|t') (?:envoie|enverrai|ecris|ecrirai|envoies) (?:un |une )?(?:petit |petite )?(?:message|mail|mot|sms|texto|email|nouvelle)\b",
    r"\bje(?<!\bque je) (?:vous|te|t') recontacte(?:rai)? (?:apres|des que|quand|une fois|dans)\b",
    r"\bje (?:vous|te|t') tiens (?:informee?s?|au courant)\b",
    r"\b(?:vous|tu) m'(?:avez|as) (?:\S+ )?(?:beaucoup |vraiment |tellement |enormement |bien |grandement |super )?"
    r"(?:aidee?|eclairee?|rendu service|ouvert les yeux|debloquee?|rassuree?|remotivee?|rebooste)\b",
    r"\b(?:ca|cela|cet echange|notre echange|cette discussion|notre discussion|vos conseils|votre aide|vos retours"
    r"|votre retour|tes conseils|ton aide) m'a (?:vraiment |beaucoup |tellement |enormement |bien |grandement )"
    r"(?:aidee?|eclairee?|servi|rassuree?|apporte|ouvert les yeux|debloquee?)\b",
    r"\bje (?:vous|te|t') (?:previens|previendrai|tiens au jus|ecris|ecrirai|appelle|appellerai)"
    r" (?:\S+ )?(?:des que|quand|apres|une fois|si)\b",
)
GRATITUDE_NOT = rc(
    r"\bpas besoin de (?:me |nous )?(?:remercier|merci)|\bsans merci\b|\bmerci de ne pas\b|\bnon merci\b"
    # "merci de transmettre mon CV": a polite request, not thanks
    r"|\bmerci de (?:bien vouloir )?(?:me |m'|nous )?(?:transmettre|faire suivre|faire passer|passer|envoyer|renvoyer|rappeler"
    r"|recontacter|relire|tenir|noter|confirmer|indiquer|communiquer|repondre)\b"
)

# --- presumption -----------------------------------------------------------------------------------
# "je sais que c'est beaucoup demander", "je me doute que je vous derange": a hedge about one's own
# request, not an idea about them
_HEDGE = (
    r"(?! ?(?:je (?:vous |te |t')?(?:pose|demande|insiste|embete|derange|abuse|sollicite|prends|ecris|parle|m'eternise"
    r"|m'y prends|suis (?:un peu |trop |assez )?(?:long|longue|insistante?|bavarde?|directe?|lourde?|en retard))"
    r"|c'? ?est (?:\S+ ){0,2}?(?:demander|culotte|une grosse demande|une demande)|ma demande|ma question|mes questions"
    r"|ca fait beaucoup|j'abuse))"
)
HIRE_VERB = (
    r"(?:recrut|embauch|regard|pren|li|veul|cherch|jur|interess|valoris|accept|repond|garde|engag|choisi"
    r"|selectionn|lis|ecout|rappell|consider|fonctionn|travaill|bosse|s'interess)"
)
PRESUMPTION = rx(
    r"\bsans (?:vouloir )?(?:vous |te )?(?:vexer|offenser)\b",
    r"\b(?:vous|tu) (?:avez|as) l'air (?:de quelqu'un qui|d'etre|d'un|d'une)\b",
    r"\bvous les \w+ (?:vous )?\w+ (?:tous|toutes|jamais|toujours)\b",
    r"\b(?:vous|tu) (?:ne |n')?(?:devez|dois)\b(?! (?:me|m')\b)",
    r"\b(?:vous|tu) (?:etes|es|avez|as|recevez|recois) (?:certainement|surement|forcement|sans doute|probablement)\b",
    r"\b(?:ca|ce|cela|il) (?:ne )?(?:doit|devait) (?:pas )?(?:etre|y avoir|vous|te|bien|sacrement|drolement|pas)\b",
    r"\bje sais (?:bien |deja |pertinemment |tres bien |parfaitement )?(?:que|qu')" + _HEDGE,
    r"\bje le sais (?:deja|bien)\b|\bje sais deja\b",
    r"\bje me (?:doute|doutais)\b(?: (?:bien )?(?:que|qu') ?)?" + _HEDGE,
    r"\bje (?:suppose|presume|parie|devine) (?:que|qu'|bien)" + _HEDGE,
    r"\bj'imagine (?:que|qu'|bien|sans peine|facilement)" + _HEDGE,
    r"\b(?:j'imagine|je suppose|je presume|je parie|je me doute|j'en suis sure?)(?:,? (?:non|hein))? ?$",
    # a tag question that seeks agreement on a comparison or a generalisation: "c'est toujours mieux paye a paris, hein ?"
    r"\b(?:mieux|pire|plus facile|plus dur|plus simple|moins bien|jamais|que des|forcement)\b(?: \S+){0,6}?,? (?:non|hein"
    r"|n'est-ce pas|pas vrai) ?$",
    # their company / team "must" be …: "votre boite ne doit pas avoir de mal a recruter"
    r"\b(?:votre|vos|ton|tes) [a-z']+(?: [a-z']+){0,2} (?:ne |n')?(?:doit|doivent) (?:pas |plus |jamais )?(?:etre|avoir|y"
    r"|manquer|chomer|s'ennuyer|beaucoup|bien|sacrement|souvent|recevoir|crouler|gagner|adorer|valoir)\b",
    r"\bje suis (?:sure?|certaine?|persuadee?|convaincue?|sure et certaine?) (?:que|qu')",
    r"\bde toute (?:facon|faco|facons|maniere)\b|\bdtf\b|\bde toutes facons\b",
    r"\bc'est (?:bien )?connu\b|\btout le monde (?:sait|le sait)\b|\bon (?:sait|le sait) (?:tous|bien|toutes)\b",
    r"\b(?:surement|forcement|a tous les coups|evidemment que|sans doute que|a coup sur)\b",
    r"\bsoyons (?:honnetes|realistes|lucides|serieux)\b",
    r"\b(?:bien sur|evidemment|naturellement|comme toujours),? (?:les|vous|ils|elles|on)\b",
    r"\bplus personne ne\b|\bpersonne ne (?:va|voudra|veut|prend|m'|me|recrute|embauche)\b|\baucune chance\b|\bperdu d'avance\b",
    r"\b(?:vous|tu) (?:allez|vas|aller) (?:surement |forcement |encore |certainement )?me (?:dire|repondre|trouver)\b",
    r"\b(?:vous|tu|ils|elles|on|les [a-z0-9]+(?: [a-z0-9']+){0,3}|la plupart des [a-z]+) (?:ne |n')?"
    + HIRE_VERB
    + r"[a-z]* (?:\S+ )?(?:(?:que |qu' ?)(?:des|les|le|la|l'|un|une|du|ceux|celles|par|sur|en|aux?|leurs?|a|via|dans|si|ca)\b|jamais\b)",
    r"\bles [a-z]+(?: [a-z']+){0,3} (?:ne |n')?[a-z]+ent (?:toujours|jamais|systematiquement|forcement|tous|uniquement)\b",
    r"\b(?:je ne suis|je suis) (?:surement |probablement |certainement )?pas (?:le bon profil|la bonne personne|ce que vous"
    r" cherchez|assez (?:qualifiee?|bien|jeune|diplomee?))|\bmon profil ne (?:vous )?(?:interess|correspond|convien)",
    r"\b(?:les [a-z0-9]+(?: [a-z0-9']+){0,3}) (?:ne |n')(?:\S+ ){1,2}?(?:jamais|plus|aucun)\b",
    r"\b(?:on|ils|tout le monde) (?:\S+ ){1,2}?tous les (?:week-ends|soirs|weekends|samedis|jours)\b",
    r"(?<=, )(?:non|hein|pas vrai|n'est-ce pas) ?$",
    r"\b(?:j'imagine|je suppose|je presume|je parie|je me doute)(?=,)",
    r"\b(?:ca|ce|cela|il|elle) (?:ne )?(?:doit|devait) (?:tres|vraiment|super|hyper|gagner|rapporter|payer)\b",
    r"\bpersonne ne (?:va|voudra|prendra|lira|embauchera|recrutera|voudrait)\b",
    r"\b(?:vous|tu) (?:n'allez|ne vas|ne voudrez|ne voudras|ne voudriez) pas (?:vouloir de moi|me prendre|m'embaucher|me recruter)\b",
    r"\b(?:vous avez|tu as|t'as) du (?:faire|etre|avoir|passer|gagner)\b",
    r"\b(?:est|sont) (?:morte?s?|condamnee?s?|fichue?s?|finie?s?|fichu)\b(?! de)",
)
PRESUMPTION_NOT = rc(
    r"\bvous me demandez\b|\btu me demandes\b|\bcomme vous (?:me )?(?:l'avez dit|le disiez|disiez|l'avez mentionne|me l'avez dit"
    r"|l'avez explique|l'indiquiez)|\bcomme tu (?:me )?l'as dit\b|\bvous m'avez dit\b|\bvous m'avez explique\b"
    # checking a plain fact with a tag ("Vous êtes basée à Nantes, non ?") is not a preconceived idea
    r"|\b(?:basee?s?|installee?s?|situee?s?|originaire) (?:a|au|en|dans|pres de|sur)\b(?: \S+){0,3}?, (?:non|hein) ?$"
)

# --- job request -----------------------------------------------------------------------------------
_MY_FILE = r"(?:mon cv|ma candidature|mon dossier|mon nom|mon profil|ma lettre)"
_POST = r"(?:postes?|jobs?|boulots?|taf|emplois?|cdi|cdd|stages?|places?|ouvertures?|missions?|opportunites?)"
JOB_ASK = rx(
    r"\bpistonn\w*",
    r"\b(?:embauchez|recrutez|prenez|engagez|embauche|recrute|prends|engage)[- ]moi\b",
    r"\b(?:un (?:petit )?mot|un coup de pouce) (?:de (?:votre|ta) part )?(?:au|a la|a votre|a ton|a ta|aupres (?:du|de la|de votre)) (?:recrut\w*|rh|drh|"
    r"responsable|directeur|directrice|manager)\b",
    r"\bm'(?:embaucher|embaucheriez|embaucherais|embauchez|engager|engageriez|engagerais|integrer)\b",
    r"\bme (?:faire )?(?:rentrer|entrer|embaucher|recruter|integrer|engager) (?:chez|dans|a|au|en)\b"
    r"|\bme faire (?:embaucher|recruter|engager|integrer|rentrer|entrer)\b"
    r"|\bme (?:fasses|fassiez|ferais|feriez|ferez|feras|fais|faites) (?:rentrer|entrer|embaucher|recruter|integrer|engager)\b",
    r"\bme (?:prendre|prendriez|prendrais|prenez|prends|recruteriez|recruterais|recruter|embaucheriez|embaucherais)"
    r" (?:dans|chez|en|comme|a l'essai|au sein)\b",
    # passing the user's CV or application on: "transmettre mon CV a votre DRH", "filer mon cv a ta RH"
    r"\b(?:transmettre|transmettez|transmets|transmettriez|passer|passez|passes|donner|donnez|donnes|filer|file|filez"
    r"|glisser|glissez|glisses|faire suivre|faire passer|remettre|remettez|appuyer|appuyez|appuieriez|soutenir|pousser"
    r"|envoyer)(?: \S+){0,2}? "
    + _MY_FILE
    + r" (?:a|au|aux|aupres|pour (?:le|un|une|ce|cette) (?:poste|job|offre))\b",
    r"\b(?:appuyer|appuyez|appuieriez|soutenir|pousser|transmettre|faire suivre|faire passer) "
    + _MY_FILE
    + r"\b",
    r"\b(?:vous |t'|te )?envoyer ma candidature\b",
    r"\b(?:lui|leur) (?:transmettre|transmettez|transmets|passer|passez|passes|donner|donnez|donnes|filer|file|filez|glisser"
    r"|faire suivre|faire passer|remettre|envoyer) " + _MY_FILE + r"\b",
    r"\b(?:glisser|dire|toucher|placer|passer) un (?:petit |bon )?mot (?:pour moi|en ma faveur) (?:a|au|aupres de|aupres du) (?:ton |ta |votre |vos |tes |la |le )?"
    r"(?:chef\w*|patron\w*|drh|rh|manager|responsable|recrut\w*|n\+1|direct\w*|boss)\b",
    r"\b(?:joins|joint|envoie|transmets|laisse|glisse|mets) (?:\S+ )?(?:mon cv|ma candidature)\b,?(?: \S+){0,4}?,? (?:au cas ou|si jamais|si|pour le jour ou)\b"
    r"(?: \S+){0,5}? (?:s'ouvr\w*|se liber\w*|se present\w*|postes?|places?|ouvertures?)\b",
    r"\b(?:vous|tu) [a-z]+(?:iez|ies|ez|es|e) " + _MY_FILE + r" (?:a|au|aux|aupres)\b",
    r"\b(?:pourriez|pouvez|pourrais|peux|voudriez|voudrais|accepteriez|accepterais)(?:[- ](?:vous|tu))?(?: bien)?(?: de| d')? ?"
    r"[a-z]+(?:er|re|ir) " + _MY_FILE + r" (?:a|au|aux|aupres)\b",
    r"\bme present\w* (?:a|au|aux) (?:\S+ ){0,3}?(?:recrutement|rh|drh|recruteur|recruteuse|qui recrute)\b",
    r"\bm'(?:obtenir|avoir|decrocher|trouver|arranger|organiser|caler) un entretien\b"
    r"|\bme (?:trouver|avoir|arranger|organiser|caler) un entretien\b",
    r"\bme (?:faire passer|decrocher|obtenir) un entretien\b|\bfaire passer un entretien\b",
    r"\b(?:avoir|passer|obtenir|decrocher) un entretien d'embauche\b",
    r"\bme (?:trouver|filer|donner|proposer) (?:un |une )?(?:poste|job|boulot|taf|emploi|cdd|cdi|place)\b",
    r"\bdemander (?:un |une |de |d')(?:poste|job|boulot|emploi|place|embauche)\b",
    r"\b(?:faire remonter|remonter|pousser|appuyer|recommander) (?:mon|ma) (?:cv|candidature|dossier|profil)\b",
    r"\bqui (?:contacter|appeler|je (?:dois|devrais|pourrais|peux) contacter)\b(?: \S+){0,4}? pour (?:un|une|le|ce|du)"
    r" (?:poste|job|emploi|stage|cdi|cdd|boulot|travail)\b",
    r"\b(?:examiner|etudier|considerer|retenir) ma candidature\b",
    r"\b(?:vous )?(?:adresser|soumettre|envoyer|deposer|transmettre) ma candidature spontanee\b|\bcandidature spontanee (?:pour|a|au|chez)\b",
)
# a favour that is a job request only when about a post: "vous penserez a moi si un poste s'ouvre"
JOB_ASK_IN_CONTEXT = rx(
    r"\bpens\w* a moi\b|\bparler de moi\b|\bme recommand\w*\b"
    r"|\b(?:me|m') (?:tiendrez|tiendriez|tiendras|tiendrais|tenez|tiens|tenir|preveniez|previendrez|previendrais"
    r"|previens|prevenez|prevenir) (?:au courant|informee?)?"
    r"|\b(?:vous |tu )?(?:me )?recommanderiez\b|\bglisser un mot\b|\bdire un mot pour moi\b"
    r"|\b(?:me|m') (?:ferez|feriez|ferais|feras|faites|fassiez) signe\b|\b(?:faites|fais)[- ]moi signe\b"
)
JOB_CONTEXT = rc_word(
    r"\b(?:"
    + _POST
    + r"|recrut\w*|embauch\w*|candidature|cv|offres?|en interne|quelqu'un (?:avec|de) mon profil|un profil comme le mien|saison prochaine|saisonniers?|entretien (?:chez|avec|d'embauche)|se libere|s'ouvre|s'ouvrait|se liberait)\b"
    r"|\b(?:bosser|travailler) (?:chez|pour) (?:vous|toi)\b"
    r"|\b(?:integrer|rejoindre|entrer (?:chez|dans)) (?:votre|ton|ta|vos|tes|chez) ?(?:\S+ )?(?:entreprise|boite|equipe|societe"
    r"|service|groupe|structure|asso|association)\b"
)
# a question whether they hire, or have a post for the user
JOB_QUESTION = rx(
    r"\b(?:de la |une |la )?place pour (?:un |une )?(?:\S+ ){0,2}?comme moi\b",
    r"\b(?:ouvre|ouvrez|ouvres|ouvrent|ouvrir|creez|cree|creent) (?:des|de nouveaux|un|une|quelques) (?:postes?|places?|recrutements?)\b",
    # "vous recrutez en ce moment", "votre boite recrute des profils comme moi", "vous embauchez ?"
    r"\b(?:vous|vs|tu|t'|votre \S+|ta \S+|ton \S+|chez vous on|on) ?(?:recrut|embauch|engag)\w*(?:[- ](?:t[- ])?(?:vous|tu|elle|il|on))?"
    r"(?:(?: \S+){0,4}? (?:en ce moment|actuellement|ces temps|bientot|cette annee|a la rentree|pour la rentree|comme moi"
    r"|comme le mien|ou pas)\b| ?$)",
    r"\b(?:recrut|embauch)\w*[- ](?:t[- ])?(?:vous|tu|elle|il|on)\b(?:(?: \S+){0,3}? (?:en ce moment|actuellement|bientot)\b| ?$)",
    r"\b(?:" + _POST + r"|quelque chose|qqch|rien|offre|plan boulot)\b(?: \S+){0,8}? pour moi\b",
    r"\b(?:recrut\w*|embauch\w*|pren\w*|cherch\w*|besoin|place pour|accueill\w*|interess\w*|voudr\w*|veu\w*) (?:\S+ ){0,2}?(?:de )?"
    r"(?:quelqu'un|qqn|un profil|des profils|une personne|des gens) (?:\S+ )?comme (?:moi|le mien)\b",
    r"\b(?:des|une|un|d') ?(?:" + _POST + r") (?:de )?(?:ouverts?|a pourvoir|libres?|disponibles?|dispos?"
    r"|vacants?)\b",
    r"\b(?:vous|tu|votre \S+|ta \S+|ton \S+|on|chez vous on) (?:\S+ )?(?:cherchez|cherches|cherche|recherchez|recherches"
    r"|recherche) (?:du monde|quelqu'un|qqn|une personne|du renfort|des gens|des profils|de nouvelles? (?:recrues|tetes)|personne)\b",
    r"\b(?:vous|tu|votre \S+|ta \S+|ton \S+|on) (?:ne )?(?:prenez|prends|prend|recrutez|recrutes|recrute|embauchez|embauches|embauche"
    r"|cherchez|cherches|cherche) (?:pas |plus |encore |toujours )?(?:des|un|une|de nouveaux|de nouvelles|d'autres) (?!clients|fournisseurs|partenaires|financements|investisseurs|notes|photos|vacances|pauses|cafes?|rendez-vous|decisions|risques|cours"
    r"|idees|benevoles|stagiaires|alternants|apprentis)\w+",
    r"\b(?:moyen|possible|possibilite) de (?:bosser|travailler|rentrer|entrer|venir bosser) (?:chez|avec|dans)\b",
    r"\b(?:moyen|possible|envisageable) (?:que je|de|pour moi de) (?:\S+ ){0,2}?(?:essai|stage|immersion|periode d'essai)"
    r" (?:\S+ ){0,2}?(?:chez|dans|avec) (?:vous|toi|ton|ta|votre|vos|tes)\b",
    r"\b(?:vous|tu) (?:prenez|prends|acceptez|acceptes|embauchez|embauches|recrutez|recrutes) (?:des|les) (?:gens|personnes"
    r"|profils|candidats) (?:en reconversion|comme moi|sans experience|de plus de|seniors?|de mon profil|de mon age)\b",
    r"\b(?:besoin|besoins) (?:de quelqu'un|d'une personne|de monde|de renfort|d'un renfort|de bras)\b",
    r"\bme (?:verriez|voyez|verrais|vois) (?:rejoindre|integrer|travailler|bosser|dans)\b",
    # "bon alors pour le poste ?": the whole question is about "the post" (not "quels outils pour ce poste ?")
    r"(?<![a-z] )(?:(?:bon|ok|alors|et|donc|sinon|du coup)(?: alors)? )*(?:pour|et|alors|concernant|au sujet du)"
    r" (?:le |ce |du |votre |ton |l')?(?:poste|job|boulot)(?: maintenant| alors| du coup| donc)? ?$",
    r"\b(?:parler du|parler de|parle du) (?:le |ce |du |votre |ton |l')?(?:poste|job|boulot)"
    r"(?: maintenant| alors| du coup| donc)? ?$",
    r"\b(?:un|une|des) (?:poste|postes|job|jobs|boulot|plan boulot|plan taf|taf|place|places|ouverture|ouvertures)"
    r"(?: de postes?)? (?:chez|dans)"
    r" (?:vous|toi|ta|ton|votre)\b",
    r"\b(?:pour|concernant|au sujet du|a propos du) (?:le |du )?(?:poste|job|boulot)(?: \S+){0,6}? (?:ca en est ou|en est ou|ca avance|du nouveau|des nouvelles)\b",
    r"\b(?:au sujet|a propos) du (?:poste|job) (?:\S+ ){0,6}?(?:avez-vous|as-tu|vous avez|tu as) pu\b",
    r"\b(?:au sujet|a propos) du (?:poste|job) (?:\S+ ){0,12}?(?:toujours d'actualite|pour moi)\b",
    r"\bde la place pour (?:un|une|quelqu'un)\b",
    r"\b(?:retour|nouvelles?) (?:\S+ ){0,5}?(?:concernant|sur|pour|a propos de|au sujet de) ma candidature\b",
    r"\b(?:tu|vous) me (?:prends|prenez|prendrais|prendriez)(?: avec (?:toi|vous))? ?$",
    r"\b(?:des |une |d')?ouvertures? de postes?\b",
)
JOB_OTHERS = rc_word(
    r"\b(?:stagiaires?|apprentis?|alternants?|benevoles?|interimaires?|saisonniers?|etudiants?|jeunes|accueill\w* (?:encore )?des)\b"
)

JOB_POST = rc_word(
    r"\b(?:un|une|d'un|d'une|des) (?:\S+ )?(?:poste|cdi|cdd|emploi|job|boulot|contrat|place|ouverture|essai)s?\b"
)
JOB_ME = rc_word(r"\b(?:me|m'|moi|mon cv|ma candidature)\b")
JOB_NOT = rc_word(
    r"\b(?:comment|conseil\w*|recommand\w* (?:une|un|des) (?:formation|ecole|livre)|formations?|preparer|prepare"
    r"|decrocher|reussir|quelles? (?:qualites|competences)|pour les autres|stagiaires?|benevoles?|relire|relecture|avis|retour"
    r"|regard|devrais|quels? (?:types? de )?profils?|en general|d'habitude|typiquement|ne vais pas|ne suis pas la pour"
    r"|jeter un (?:oeil|coup d'oeil)|en pens\w*|pens\w* de|cloche|lisible|cit\w*|mentionn\w*|ameliorer|modifier|changer|parler de (?:votre|ton|ta)|raconter|expliquer|decrire|je devrais|a quoi ressemble|semble|credible|realiste|adapte|ce genre de|ce type de"
    r"|(?:le |du )?contact de|coordonnees|qui gere|qui s'occupe|a ma place|si vous etiez moi|a du sens|fait sens"
    r"|si tu etais moi|faut-il|dois-je|coherent\w*|pertinent\w*|bonne idee|c'est un (?:cdd|cdi)|cdd ou (?:un )?cdi|salaire)\b"
)
JOB_SEEKING = rc_word(
    r"\bce que je cherche(?: \S+)?,? c'est (?:un|une) (?:poste|job|emploi|cdi|cdd|place|stage)\b|"
    r"\b(?:je |j ?)(?:cherche|recherche|suis a la recherche d'|suis en recherche d'|vise) ?(?:un|une) (?:\S+ )?(?:poste|cdi|cdd"
    r"|emploi|job|boulot|stage|alternance|contrat|mission)\b"
)
JOB_AT_THEIRS = rc_word(
    r"\b(?:(?:prenez|prends|prend|cherchez|cherche|recrutez|recrute) (?:des|un|une) \w+"
    r"|chez (?:vous|toi)|dans (?:votre|ta|ton|vos|tes) (?:\S+ )?(?:equipe|boite|entreprise|service|societe|structure"
    r"|agence|groupe)|(?:des|une|un) (?:pistes?|ouvertures?|places?|postes?|opportunites?))\b"
)

JOB_FAVOUR = rc_word(r"(?<!je )\b(?:me|m')\b")  # not 'je me demandais'
# favours that are job requests only in a question ("que faudrait-il que je fasse pour intégrer votre équipe ?")
JOB_ASK_IN_QUESTION = rx(
    r"\b(?:commencer|demarrer|travailler|bosser) comme (?:votre|ton|ta) \w+",
    r"\bpour (?:avoir|decrocher|obtenir|trouver) (?:un|une) (?:\S+ )?(?:poste|job|emploi|boulot|cdi|cdd|place)\b",
    r"\b(?:que je|je) (?:\S+ ){0,3}?(?:integrer|integre|rejoindre|rejoigne|entrer dans|entre dans) (?:votre|ton|ta|vos|tes) \w+",
)
JOB_ASK_IN_MESSAGE = rx(
    r"\bparl\w* de moi (?:a|au|aux|aupres)\b",
    r"\b(?:transmettre|faire suivre|faire passer|passer|filer|donner|remettre) (?:le mien|la mienne) (?:a|au|aux|aupres)\b",
    r"\bgard\w*[- ](?:moi|me) (?:en tete|dans un coin de (?:la|votre|ta) tete)\b",
    r"\b(?:le|la|les) (?:transmett\w*|f\w+ suivre|f\w+ passer|pass\w*|donn\w*|remett\w*|f\w+ remonter)"
    r" (?:a|au|aux|aupres)\b",
    r"\bm'en (?:obtenir|trouver|decrocher|avoir|arranger|caler) un\b",
    r"\bm'aider a (?:en )?(?:trouver|decrocher|avoir|obtenir) (?:un|une)\b",
    r"\b(?:le|la|les) (?:mettre|remettre|faire passer) (?:en haut|en avant|sur le dessus|en tete)\b",
    r"\b(?:me|m') recommand\w* (?:a|au|aux|aupres)\b",
)
JOB_THING = rc_word(
    r"\b(?:(?<!votre )(?<!ton )(?<!son )postes?|jobs?|boulots?|emplois?|cdi|cdd|stages?|alternances?|apprentissages?|(?<!ma )(?<!ta )(?<!sa )(?<!votre )places?"
    r"|ouvertures?|opportunites?|remplacements?|candidatures?|candidater|postuler|dossier de candidature|recrut\w*|embauch\w*"
    r"|coopt\w*|interim|pren\w* (?:des gens|du monde|quelqu'un|des profils)"
    r"|ma chance (?:chez|dans|avec))\b"
)
# the user, not in the opener of an indirect question ("je me demandais si…")
JOB_SELF = rc_word(
    r"(?<!je )\b(?:me|m')\b|\b(?:moi|mon|ma|mes|j')\b"
    r"|\bje\b(?! me demand| voulais savoir| voudrais savoir| me permets| vous ecris| t'ecris)"
)
JOB_REQUEST_FORM = rc_word(
    r"\b(?:pourriez|pouvez|pourrais|peux|voudriez|voudrais|accepteriez|accepterais)[- ](?:vous|tu)\b"
    r"|\b(?:vous|tu) (?:pourriez|pouvez|pourrais|peux|voudriez|voudrais|accepteriez|accepterais)\b"
    r"|\bsi (?:vous pouviez|tu pouvais|vous acceptiez|tu acceptais)\b|\bn'oubli\w* pas\b|\bpens\w* a moi\b"
)
JOB_READY = rc_word(
    r"\bje (?:suis|serais|serai) (?:\S+ )?(?:prete?|partante?|dispo|disponible|libre|interessee?|preneuse|preneur)\b"
    r"|\b(?:ca|cela) m'interesse\w*|\bpens\w* a moi\b|\b(?:serait|ce serait) (?:un reve|un reve absolu|genial|ideal)\b"
    r"|\bje dis ca je dis rien\b|\bjuste pour (?:dire|info)\b"
    r"|\bvous avez mon (?:numero|mail|contact)\b|\bje vous laisse mon (?:numero|mail|contact)\b|\bappelez-moi\b"
    r"|\bje dis ca comme ca\b|\b(?:parce que )?moi je cherche\b|\b(?:un|une) (?:poste|place|job|emploi) chez vous\b"
    r"|\bj'aimerais (?:bien |beaucoup |vraiment )?(?:postuler|candidater)\b|\bje suis (?:votre|ton) (?:homme|femme|gars|candidate?)\b"
    r"|\bje (?:suis|serais) (?:\S+ )?(?:ravie?|heureuse?|heureux|contente?) de (?:vous |te )?(?:rejoindre|travailler)\b"
    r"|\b(?:j'aimerais|je voudrais|j'adorerais|je reve de|je reverais de)(?: \S+)? (?:integrer|rejoindre|travailler (?:avec|chez|pour) (?:vous|toi)"
    r"|bosser (?:avec|chez|pour) (?:vous|toi)|entrer chez)\b"
    r"|\bje (?:peux|pourrais|pourrai) commencer\b|\b(?:chaud|chaude|partant|partante) pour (?:bosser|travailler|venir|rejoindre)\b"
    r"|\bje suis (?:\S+ )?motivee?\b|\ben faire partie\b|\bj'ai \d+ ans mais\b"
    r"|\b(?:mon|ma) (?:profil|experience|parcours|bagage)(?: \S+){0,3}? (?:pourrait|pourraient|devrait|colle|correspond) (?:coller|convenir"
    r"|correspondre|interesser|plaire)?"
)
JOB_OPENING = rc_word(
    r"\bsi (?:jamais |un jour )?(?:vous avez|tu as|vous aviez|tu avais|il y a|y a|vous avez un jour) (?:\S+ )?(?:une place|un poste|une ouverture"
    r"|une opportunite|besoin d'(?:un|une) (?!coup|relecture|aide|avis|conseil|retour|traduction|service|main)\w+"
    r"|besoin de quelqu'un (?!pour [a-z]+(?:er|ir|re)\b))"
    r"|(?<!\bon )(?<!\bil y )\b(?:avait|avez|avez-vous|as|as-tu|a|aurait|auriez|aurais) (?:pas |plus )?besoin (?:d'un|d'une|de quelqu'un) (?!coup|relecture|aide|avis|conseil|retour|pour"
    r"|traduction|service|main)"
    r"|\bsi (?:jamais |un jour )?(?:un|une) (?:place|poste|job|ouverture|opportunite|cdd|cdi|remplacement)(?: \S+){0,4}? (?:se libere|s'ouvre"
    r"|se presente|se cree|se debloque)"
    r"|\bsi (?:jamais |un jour )?(?:vous cherchez|tu cherches|vous recherchez) (?:quelqu'un |qqn |un |une )(?!(?:\S+ )?pour [a-z]+(?:er|ir|re)\b)"
    r"|\b(?:cherche|cherchez|cherches|cherchent|recrute|recrutez) (?:pas |plus |encore |toujours )?(?:des|un|une|quelqu'un|qqn|qqun) (?!(?:\S+ )?pour [a-z]+(?:er|ir|re)\b)"
    r"|\b(?:sous-effectif|manque de (?:bras|monde|personnel))\b"
    r"|\bsi (?:votre|ton|ta|vos) (?:\S+ ){1,3}?(?:a|avait|ont|avaient) besoin (?:de|d')"
)

RULES = Rules(
    sub_split=SUB_SPLIT,
    second_person=SECOND_PERSON,
    rhetorical=RHETORICAL,
    open_forced=OPEN_FORCED,
    closed_forced=CLOSED_FORCED,
    hypothetical=HYPOTHETICAL,
    at_start=at_start,
    in_situ=in_situ,
    strong=strong,
    intonation=intonation,
    negation=NEGATION,
    giving=GIVING,
    self_object=SELF_OBJECT,
    asking=ASKING,
    ask_self_modal=ASK_SELF_MODAL,
    gratitude=GRATITUDE,
    gratitude_not=GRATITUDE_NOT,
    presumption=PRESUMPTION,
    presumption_not=PRESUMPTION_NOT,
    tail_question=tail_question,
    job_ask=JOB_ASK,
    job_question=JOB_QUESTION,
    job_ask_in_context=JOB_ASK_IN_CONTEXT,
    job_context=JOB_CONTEXT,
    job_others=JOB_OTHERS,
    job_post=JOB_POST,
    job_me=JOB_ME,
    job_not=JOB_NOT,
    job_seeking=JOB_SEEKING,
    job_at_theirs=JOB_AT_THEIRS,
    job_favour=JOB_FAVOUR,
    job_ask_in_message=JOB_ASK_IN_MESSAGE,
    job_ask_in_question=JOB_ASK_IN_QUESTION,
    job_ready=JOB_READY,
    job_thing=JOB_THING,
    job_self=JOB_SELF,
    job_request_form=JOB_REQUEST_FORM,
    job_opening=JOB_OPENING,
)
