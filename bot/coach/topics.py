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
from functools import lru_cache

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
        r"a (?:bientot|la prochaine)",
        r"a plus(?= ?[.!]|$| tard)",
        r"bonne (?:fin de )?(?:journee|soiree|semaine|continuation)",
    ),
    "advice": (
        r"(?:est-ce que )?je (?:devrais|dois|ferais mieux)",
        r"vaut(?:-il)? mieux",
        r"(?:tu|vous) me (?:conseillerais|conseilleriez|diriez|dirais) (?:de|quoi)",
        r"si (?:tu|vous) (?:recommencais|recommenciez|devais|deviez) ",
        # "tu conseilles quelle formation ?" asks about training: the verb defers to its object
        r"conseil(?!(?:les|lez|lerais|leriez|le) (?:quel|quelle|quels|quelles|un|une|des|le|la|les) )",
        r"a (?:ma|ta|votre) place",
        r"si (?:tu etais|vous etiez|t'etais|j'etais) (?:moi|a ma place|toi|vous)",
        r"(?:par|de) (?:ou|quoi) (?:je )?(?:commencer|commencerais|devrais|dois)",
        r"(?:que|quoi) (?:me )?(?:recommand|preconis|suggere)",
        r"(?:me )?recommanderiez",
        r"(?:tu|vous) (?:ferais|feriez|ferai) quoi",
        r"qu'est-ce que (?:tu ferais|vous feriez)",
        r"(?:erreurs?|pieges?) (?:\S+ ){0,3}?eviter",
        r"(?:je|on) (?:devrais|doit|dois) (?:faire|commencer|privilegier|m'y prendre)",
        r"comment (?:je devrais|m'y prendre|je m'y prends|m'y prends)",
        r"tips?\b",
        r"astuces?",
    ),
    "contacts": (
        r"(?:evenements?|salons?|meetups?|conferences?|reseaux?|associations?) (?:ou|pour) (?:je pourrais|on peut|je peux|rencontrer)",
        r"rencontrer des (?:gens|personnes|pros|professionnels)",
        r"(?:connais|connaissez|connaitrais|connaitriez) (?:des|d'autres) \w+ (?:qui|dans|chez)",
        r"(?:connais|connaissez|connaitrais|connaitriez) (?:pas |par hasard |peut-etre )(?:des|un|une|quelqu|qqn|du monde|d'autres)",
        r"(?:nom|coordonnees|contact) de (?:la personne|quelqu'un|qui)",
        r"(?:connais|connaissez|connaitrais|connaitriez) (?:des|un|une|quelqu|qqn|du monde)",
        r"(?:accepteraient|accepterait|pret|prete|prets|pretes) (?:a|de) (?:me parler|m'en parler|me recevoir|echanger)",
        r"(?:noms?) (?:a me|de personnes|de contacts)",
        r"(?:quelqu'un|quelqu un|qqn|des gens|des personnes|personnes?|d'autres personnes)(?: d'autre)? "
        + r"(?:que|qui|a) (?:\S+ ){0,4}?"
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
        r"(?:ca|cela) (?:vous|te) (?:parait|semble)",
        r"(?:une )?bonne idee",
        r"trop (?:vieux|vieille|age|agee|tard)",
        r"(?:pensez|penses|crois|croyez|trouvez|trouves) (?:que|qu') ?(?:je|j'|mon|ma|mes)",
        r"(?:mon|ma|mes|notre) (?:projet|profil|idee|reconversion|plan|parcours|demarche|cv|candidature|age|"
        + r"experiences?|chances|competences)\b",
        r"(?:tu en|vous en|t'en) (?:penses|pensez) quoi",
        r"qu'en (?:penses|pensez)",
        r"(?:realiste|jouable|credible|faisable)",
        r"(?:j'ai|j ai|aurais|aurai) (?:mes|une|des|toutes mes) chances?",
        r"(?:mes|ma) chances?",
        r"profil comme le mien",
        r"quelqu'un comme moi",
    ),
    "hiring": (
        r"trouvent (?:leur|un|une) (?:premier |premiere )?(?:poste|job|emploi|boulot|place)",
        r"passent (?:beaucoup |souvent |surtout )?par (?:l'interim|des agences|le bouche-a-oreille|des cabinets)",
        r"interim",
        r"(?:trouvent|recrutent|trouve|recrute) (?:leurs|ses|de nouveaux|de nouvelles) \w+",
        r"(?:on |les gens )?(?:rentre|entre|rentrent|entrent) comment",
        r"(?:vous|tu) en (?:cherchez|cherches|recrutez|recrutes|prenez|prends)",
        r"(?:l'|cette |votre )?(?:annonce|offre) (?:est )?(?:toujours|encore) (?:ouverte|en ligne|dispo)",
        r"(?:prenez|prends|prenes|accueillez|accueilles) (?:des|les) (?:stagiaires|alternants|apprentis|gens|personnes|profils|candidats|juniors|reconverti)",
        r"(?:cherche|cherchent|recherche) (?:des|un|une) (?:contractuels?|stagiaires?|alternants?|profils?|renforts?|gens)",
        r"tests? (?:techniques?|d'entree|ecrits?)",
        r"(?:faire passer|transmettre|filer|passer) (?:mon|ma) (?:cv|candidature|profil)",
        r"recrut",
        r"embauch",
        r"cooptation",
        r"(?:entretiens? )?d'embauche",
        r"candidatures?",
        r"processus de (?:selection|recrutement)",
        r"comment (?:on )?(?:entre|rentre|integre|est recrute|se fait recruter)",
        r"(?:entrent|rentrent|entre-t-on|rentre-t-on) (?:dans|chez|au|en)",
        r"(?:entrer|rentrer|integrer) (?:chez|dans) (?:vous|toi|votre|ta|le secteur|ce secteur|ce milieu|le milieu)",
        r"postes? (?:s'ouvr|ouvert|a pourvoir)",
        r"(?:trouver|trouvez|trouves|cherchez|cherches) (?:des|de nouveaux|de nouvelles|du) "
        + r"(?:gens|personnes|candidats|profils|collaborateurs|monde|recrues)",
        r"offres? d'emploi",
    ),
    "skills": (
        r"faut-il (?:savoir|maitriser|connaitre|parler) \w+",
        r"(?:faut(?:-il)?|faut-il|doit-on|dois-je|il faut) etre (?:un |une )?(?:bon|bonne|fort|forte|a l'aise|patient|patiente|organise|organisee|dispo)",
        r"(?:ce genre|ce type|quel type|quel genre|quelle sorte) d'(?:experiences?|profils?|parcours)",
        r"(?:est|sont|serait|seraient) (?:\S+ )?(?:recherchee?s?|appreciee?s?|valorisee?s?)",
        r"profil type",
        r"(?:qui )?reussissent",
        r"(?:un|une) (?:bon|bonne) \w+ (?:c'est quoi|selon)",
        r"(?:etre|faut etre) (?:bon|bonne|a l'aise|fort|forte|doue|douee) (?:en|avec)",
        r"competences?",
        r"qualites?",
        r"savoir-(?:faire|etre)",
        r"soft skills",
        r"profils? (?:\S+ ){0,2}?(?:que|qui|recherch|cherch|demand|manqu|rare)",
        r"(?:quel|quels) (?:type de )?profils?",
        r"(?:un|le) bon (?:\S+ )?(?:profil|candidat|manager|chef|recrue)",
        r"(?:fait|faut pour faire) un bon",
        r"(?:faut|faudrait) (?:savoir|avoir|maitriser|connaitre) quoi",
        r"(?:quoi|que) (?:il )?(?:faut|faudrait) (?:savoir|avoir|maitriser|connaitre)",
        r"qu'est-ce qu'il faut (?:savoir|avoir|maitriser|connaitre)",
        r"(?:pour )?reussir (?:dans|en|a)",
        r"(?:aptitudes|points forts|atouts)",
    ),
    "training": (
        r"(?:suffit|suffisent)(?: \S+)? ou il faut",
        r"\b(?:bnssa|bpjeps|bafa|caces|habilitation|agrement)\b",
        r"\d+ ans d'(?:ecole|etudes|formation)",
        r"annees d'(?:etudes|ecole)",
        r"faut-il (?:le|la|un|une|avoir|passer|obtenir)",
        r"(?:il faut|faut) (?:obligatoirement |forcement |absolument )?(?:un|une|le|la) (?:\S+ )?(?:diplome|master|bts|cap|permis|caces|certificat|concours|licence)",
        r"(?:caces|permis|concours)\b",
        r"(?:ca |cela )?s'apprend",
        r"formations?",
        r"diplomes?",
        r"certif",
        r"(?:se|me|te) former",
        r"cursus",
        r"bootcamp",
        r"mooc",
        r"\bvae\b",
        r"(?:tes|vos) etudes",
        r"ecoles?\b",
        r"reprendre (?:des|les) etudes",
    ),
    "challenges": (
        r"regrett\w*",
        r"relous?",
        r"(?:trucs|choses|cotes?) (?:relous|chiants|penibles|durs)",
        r"le moins (?:drole|sympa|agreable|marrant)",
        r"comment (?:vous gerez|tu geres|gerez-vous|geres-tu) (?:la fatigue|le stress|la charge|les horaires|la pression|l'equilibre)",
        r"vie de famille",
        r"(?:avez|as) (?:vous |tu )?vecu",
        r"crises?",
        r"traverse",
        r"s'en (?:remettre|sortir|est remis|est remise|sont remis)",
        r"tenu le coup",
        r"(?:epuise|epuisant|pire|plus penible|plus lourd)",
        r"difficil",
        r"difficultes?",
        r"defis?\b",
        r"problemes?",
        r"galer",
        r"frein\w*",
        r"obstacles?",
        r"le plus dur",
        r"(?:c'est|c est) dur",
        r"casse-tete",
        r"coince",
        r"enjeux",
        r"(?:te|vous) (?:pese|empeche)",
        r"pas facile",
        r"(?:trop|si|tres|vraiment|pas) (?:dur|difficile|complique|penible)\b",
        r"complique",
        r"tension",
    ),
    "likes": (
        r"(?:aimez|aimes|adorez|adores) toujours",
        r"le plus (?:plait|motive)",
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
        r"(?:un )?choix de devenir",
        r"ou (?:un )?hasard",
        r"(?:vous etes|tu es|t'es) (?:arrivee?|venue?|entree?|tombee?|rentree?) comment",
        r"(?:qu'est-ce qui|ce qui) (?:vous|t') a (?:decide|decidee|pousse|poussee|motive|motivee|convaincu|convaincue) a",
        r"(?:ca fait )?combien de temps (?:que |qu')?(?:tu es|t'es|vous etes|tu bosses|vous travaillez)",
        r"depuis quand",
        r"avant (?:t'etais|tu etais|vous etiez) ou",
        r"(?:vous avez|tu as|t'as) fait (?:une|un|des) (?:ecole|formation|master|bts|licence|etudes|dut|prepa)",
        r"(?:t'a|vous a|t a) (?:fait|donne) (?:quitter|changer|partir|choisir)",
        r"(?:si c'etait|si tu devais|si vous deviez) (?:a )?refaire",
        r"referais|referiez",
        r"(?:tu faisais|vous faisiez|tu etais|vous etiez|il y a (?:dix|cinq|vingt|quinze|\d+|quelques) ans|a l'epoque|par hasard)",
        r"parcours",
        r"(?:arrive|arrivee|atterri|tombe|venu|venue|devenu|devenue|retrouve|retrouvee) "
        + r"(?:la|ici|a ce poste|a ce metier|dans|chez|sur ce|a ton|a votre|jusqu'ici|en)",
        r"comment (?:t'es|tu es|vous etes|es-tu|etes-vous) (?:arrive|devenu|venu|entre|rentre|passe|tombe)",
        r"(?:t'es|tu t'es|vous vous etes|s'est) retrouvee?",
        r"(?:t'a|vous a|t a|l'a) (?:amene|amenee|conduit|pousse|poussee|donne envie)",
        r"(?:fait|suivi) (?:quelles|quel|des) (?:etudes|ecole)",
        r"au depart",
        r"deven(?:u|ue|us|ues)\b",
        r"(?:ton|votre) (?:histoire|chemin|itineraire)",
        r"avant (?:ca|ce poste|d'etre|de faire|ton poste|votre poste)",
        r"(?:as|avez)-(?:tu|vous) (?:toujours|commence|debute)",
        r"(?:tu as|vous avez|t'as) (?:toujours|commence|debute)",
        r"(?:choisi|choisir|choix) (?:ce|de ce|cette|ta|votre)",
        r"pourquoi (?:ce|cette|avoir choisi)",
        r"(?:tes|vos) debuts",
        r"(?:quand|lorsque) (?:tu as|vous avez|t'as) (?:commence|demarre|debute)",
        r"reconverti",
        r"depuis (?:toujours|longtemps|combien de temps)",
        r"(?:apres|avant|en sortant de) (?:l'ecole|tes etudes|vos etudes|la fac|le bac)",
    ),
    "daily_work": (
        r"(?:votre|ton|ta) (?:role|fonction|mission) (?:exacte?|precise?)",
        r"(?:vous passez|tu passes) combien de temps (?:avec|sur|par|a)",
        r"(?:tu te|vous vous) lev(?:es|ez)",
        r"a quelle heure (?:tu|vous) (?:commences|commencez|finis|finissez|arrives|arrivez|demarres|demarrez)",
        r"comment se passe (?:un|une) (?!journee)\w+",
        r"bouclage",
        r"horaires?",
        r"(?:tu bosses|vous bossez|tu travailles|vous travaillez) sur quoi",
        r"(?:sur le terrain|derriere un ecran|au bureau|en teletravail|ca donne quoi)",
        r"(?:tu geres|vous gerez|tu t'occupes|vous vous occupez) (?:de )?quoi",
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
        r"reunions?",
    ),
    "team": (
        r"combien de personnes",
        r"(?:ca se passe|comment ca se passe|ca marche) comment entre",
        r"(?:votre|ta|ton) (?:brigade|equipage|staff)",
        r"qui fait quoi",
        r"autour de (?:vous|toi)",
        r"sous (?:ta|votre) responsabilite",
        r"(?:ta|votre) direction",
        r"equipes?",
        r"collegues?",
        r"squads?",
        r"(?:tes|vos) (?:devs|developpeurs|collaborateurs|benevoles|salaries|agents|conseillers|soignants|infirmieres)",
        r"(?:vous etes|vous etes|on est|vous travaillez a) combien",
        r"(?:avec qui|qui) (?:tu|vous) (?:travailles|travaillez|bosses|bossez)",
        r"(?:travailles|travaillez|bosses|bossez) avec qui",
        r"ton manager|votre manager|(?:ta|votre) (?:cheffe?|hierarchie|direction)",
        r"(?:tu|vous) (?:encadres|encadrez|manages|managez)",
    ),
    "sector": (
        r"mode passagere",
        r"(?:ca va|va) durer",
        r"(?:seconde main|occasion) \S+ (?:vous pensez|tu penses)",
        r"(?:va|vont) survivre",
        r"(?:va|vont) (?:plutot |assez |tres )?mal",
        r"licenciements",
        r"(?:ca|cela) va changer quoi",
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
        r"conjoncture",
        r"la crise",
    ),
    "company": (
        r"vend(?:ent|ez|s)? (?:son|sa|ses|leur|leurs|vos|tes) ",
        r"(?:votre|ton|ta) \w+ intervient",
        r"(?:intervenez|intervient|travaillez|travaille) surtout (?:sur|dans|aupres)",
        r"(?:votre|ta|ton) (?:compagnie|studio|maison d'edition|etude|lycee|musee|club|centre)",
        r"(?:vous|tu) (?:sortez|sors|vendez|vends|produisez|fabriquez|publiez) quel(?:le)?s? (?:genre|type|sorte)",
        r"(?:fonctionne|tourne) comment",
        r"c'est (?:public|prive|une fondation|une association|une affaire familiale|un groupe)",
        r"affaire familiale",
        r"(?:vous|tu) (?:vous |te )?positionn(?:ez|es)",
        r"face (?:aux|a la) concurrence",
        r"(?:votre|ton|ta) (?:exploitation|entreprise|boite|societe|structure|ecole|lycee|hopital|agence|cabinet|atelier|labo|ferme|restaurant|domaine|studio)(?:,? elle| il)? (?:produit|vend|fait|propose)",
        r"(?:vos|tes) (?:principaux |plus gros )?clients",
        r"nouveaux arrivants|integration|onboarding",
        r"(?:distingue|differencie|chiffre d'affaires)",
        r"(?:quels|quel type de|quelle sorte de) clients",
        r"(?:ton|ta|votre|cette|leur) (?:entreprise|boite|societe|structure|asso|association|banque|usine|"
        + r"fondation|agence|startup|start-up|cabinet|enseigne|franchise|ressourcerie|clinique|hopital|groupe|"
        + r"organisation|mutuelle|reseau d'agences)",
        r"(?:la|votre|ta) culture",
        r"(?:vos|tes) (?:clients|produits|adherents|usagers|patients|beneficiaires|magasins|agences)",
        r"(?:votre|ton) (?:produit|activite|offre|modele)",
    ),
    "small_talk": (
        r"pas trop (?:dur|long|complique) de (?:venir|trouver|se garer|arriver)",
        r"greves?",
        r"(?:vous voulez|tu veux|je vous (?:sers|offre)|je te (?:sers|offre)) (?:un|une|du) (?:cafe|the|verre|croissant|biscuit|gateau|petit)",
        r"(?:vous avez|t'as|tu as) trouve facilement",
        r"bouchons",
        r"(?:le|ce|votre|ton) (?:the|cafe|gateau)\b",
        r"delicieu",
        r"(?:vous allez|tu vas) bien",
        r"pas trop (?:fatigue|fatiguee|creve|crevee|de monde)",
        r"recuperer",
        r"bon week-?end",
        r"(?:concert|match|spectacle|film|expo|voyage)\b",
        r"(?:ca|sa) va\b",
        r"comment (?:allez-vous|vas-tu|tu vas|vous allez)",
        r"week-?end",
        r"vacances",
        r"meteo",
        r"(?:il|quel) (?:fait|temps)",
        r"cafe\b",
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
        r"wish (?:someone|somebody|they) had told you",
        r"(?:starting (?:again|over)|if you were starting|if you had to start)",
        r"advi[cs]e",
        r"in my (?:shoes|position|place)",
        r"(?:where|how) (?:should|would|do|could) i (?:start|begin|go about|approach)",
        r"what (?:should|would you have me|would you suggest|do you suggest|do you recommend|would you recommend)",
        r"what would you (?:tell|say to|advise)",
        r"if you were me",
        r"(?:would|do) you recommend",
        r"tips?\b",
        r"mistakes? (?:\S+ ){0,3}?avoid",
        r"pitfalls?",
        r"(?:should|shall) i\b",
        r"what would you do",
        r"wish (?:you|i)(?:'d| had| would have)? (?:known|done)",
    ),
    "contacts": (
        r"(?:other|any) \w+ (?:nearby |around )?who (?:might|would|could) be up for a chat",
        r"up for a chat",
        r"(?:know|knows) (?:any|some|a few)(?: other)? \w+ (?:who|working|in|at)",
        r"might (?:chat|talk|speak) with me",
        r"(?:know|knows) (?:any|some|a few)(?: other)? \w+ who",
        r"(?:meetups?|conferences?|events?|fairs?|groups?|associations?) (?:where|to) (?:i|one) (?:could|can|might) meet",
        r"meet (?:people|folks|others) (?:in|from)",
        r"connect me with",
        r"recommend i (?:talk|speak|reach|contact)",
        r"(?:the )?names? of (?:whoever|someone|somebody|the person|people)",
        r"whoever (?:handles|runs|is in charge|manages|deals|looks after)",
        r"(?:who|whom) (?:should|could|might) i (?:ask|write to|email|approach)",
        r"(?:know|knows) (?:any|some|a few) \w+ who",
        r"(?:happy|willing|open) to (?:talk|speak|meet|chat)",
        r"(?:two|three|a few|some) names",
        r"(?:anyone|anybody|someone|somebody|people|person|others?) (?:i |who |that |you |worth )"
        + _W
        + r"(?:talk|speak|meet|contact|reach|call|connect|know|ask)",
        r"who (?:else )?(?:should|could|might|would) (?:i|you) (?:talk|speak|meet|contact|reach|call|connect|see)",
        r"introduc",
        r"(?:do|would|might) you know (?:anyone|anybody|someone|somebody|people)",
        r"put me in touch",
        r"connect me",
        r"contacts?\b",
        r"your network",
        r"on your behalf",
        r"mention your name",
        r"who to (?:talk|speak|contact|reach|call|approach)",
    ),
    "project_opinion": (
        r"(?:does|do|would|did) (?:that|this|it) (?:sound|seem|look) (?:\S+ )?(?:viable|good|smart|like|realistic|reasonable|crazy|sensible|feasible|right)",
        r"too old",
        r"(?:a )?smart (?:first )?(?:step|move)",
        r"(?:think|reckon|believe|feel) (?:that )?(?:i|my|someone like me)\b",
        r"my (?:plan|project|profile|idea|move|switch|career change|transition|background|cv|resume|application|"
        + r"age|experience|chances|skills|story)\b",
        r"(?:what do|what'd) you (?:think|make) of",
        r"realistic",
        r"(?:stand|have) a (?:chance|shot)",
        r"my chances",
        r"someone like me",
        r"profile like mine",
        r"(?<!like )(?:crazy|mad)\b(?! busy| hours| week)|(?:doable|feasible|credible)\b",
    ),
    "hiring": (
        r"go through agencies",
        r"find (?:juniors|graduates|interns|new people|new staff)",
        r"(?:get|got|land|landed) (?:their|a|the|your|his|her) first (?:jobs?|roles?|positions?|gig)",
        r"find (?:its|their|your) (?:junior |new |next )?\w+",
        r"(?:posting|job ad|listing) (?:is )?(?:still )?(?:open|up|live)",
        r"is it still open",
        r"hiring process",
        r"fill (?:\S+ )?(?:roles|positions|jobs|posts|vacancies|openings)",
        r"(?:take|taking|takes|bring|bringing) (?:on )?(?:interns|apprentices|trainees|career changers|newcomers|juniors|non-technical people|new people)",
        r"(?:technical|skills?|entry|written) (?:test|exam|assessment)",
        r"(?:your|the) (?:recruiter|hiring manager|hr (?:team|department|people))",
        r"hir(?:e|es|ed|ing)\b",
        r"recruit",
        r"applications?\b",
        r"interview process",
        r"(?:get|break|getting|breaking) (?:in|into)\b",
        r"how (?:do|did) (?:people|you|they|most people) (?:get(?! through)|join|land)",
        r"openings?",
        r"vacanc",
        r"job ads?",
        r"referrals?",
        r"(?:get|got|land|landed) (?:their|a|the|your|his|her) (?:jobs?|roles?|positions?)",
        r"(?:find|finding|bring in|source|sourcing) (?:new )?(?:people|talent|candidates|staff|hires)",
    ),
    "skills": (
        r"(?:do|does) (?:you|one|i|people) need to (?:code|know|speak|be able|program)",
        r"need to be (?:a |an )?(?:\S+ )?(?:person|good|great|patient|organi[sz]ed|comfortable|fluent)",
        r"what (?:do|does) (?:\S+ ){0,2}look for",
        r"something (?:\S+ ){0,3}(?:value|values|look for|want)",
        r"(?:is|are|would) (?:that|this|it|my \S+) (?:\S+ )?(?:valued|wanted|useful|an asset)",
        r"what (?:separates|distinguishes|makes) (?:a |an )?(?:good|great|strong|successful)",
        r"(?:look|looking|looks) for (?:in )?(?:a |an )?(?:candidates?|profiles?|people|experience|hires?|someone)",
        r"kind of (?:experience|profile|background|person|people|candidate)",
        r"(?:valued|sought after|in demand)",
        r"typical profile",
        r"(?:do well|does well|thrive|thrives)",
        r"(?:need to be|have to be) (?:good|great|strong|comfortable) (?:at|with)",
        r"skills?\b",
        r"qualities",
        r"(?:makes|make) (?:a|someone|somebody) (?:good|great|successful)",
        r"what does it take",
        r"what (?:do you|does one|would i) need to (?:know|have|master|be good at)",
        r"profiles? (?:you|they|that|are|is)",
        r"(?:strengths|traits|competenc)",
        r"succeed in",
        r"stand out",
        r"(?:good|great) at (?:this|the|it)\b",
    ),
    "training": (
        r"(?:chainsaw |forklift |first aid )?tickets?\b(?! (?:price|office))",
        r"certs?\b",
        r"(?:the only|a shorter|another) (?:route|path|way) in",
        r"(?:formal )?programs?\b",
        r"(?:vet|law|med|medical|culinary|design|business|grad|night) school",
        r"(?:do|would|will|did) (?:i|you|one|people) (?:need|have to get|have to have|require) (?:a|an|the|some) (?:\S+ )?(?:license|licence|credential|certificate|certification|diploma|degree|masters?|qualification|cdl|permit)",
        r"licen[cs]e\b",
        r"credentials?",
        r"diplomas?",
        r"(?:go|going) back to (?:school|college|uni)",
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
        r"staff turnover",
        r"(?:real |big |major )issues?\b",
        r"goes wrong",
        r"most stressful",
        r"stressful part",
        r"(?:get|got|getting|make it) through",
        r"cop(?:e|ed|ing)\b",
        r"surviv",
        r"how (?:did|do) you (?:deal|handle|manage|weather)",
        r"(?:crisis|drought|downturn|shortages?|layoffs|recession|burnout)",
        r"(?:wears? you out|worst|exhaust|drains? you)",
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
        r"fav\b",
        r"look forward to",
        r"gets? you (?:out of bed|up)",
        r"what (?:keeps you going|drives you|pushes you|excites you)",
        r"(?:like|love|prefer|enjoy) it (?:better|more)",
        r"(?:still )?(?:love|enjoy) (?:the|your|it|this|working)",
        r"do you (?:still )?like",
        r"enjoy",
        r"(?:love|like) (?:most|best|about)",
        r"favou?rite",
        r"motivat",
        r"proud",
        r"passionate",
        r"what (?:keeps|gets) you going",
        r"gets you up in the morning",
        r"best (?:part|moment|thing)",
        r"rewarding",
        r"fun\b",
    ),
    "path": (
        r"your career so far",
        r"walk me through your (?:career|path|background|story)",
        r"always the plan",
        r"fall into it",
        r"fell into it",
        r"what you were doing before",
        r"before you became",
        r"(?:how|walk me through how) you (?:became|become|got into|started|ended up)",
        r"why did you (?:leave|quit)",
        r"what made you (?:leave|quit)",
        r"what (?:pushed|made|led|drove|brought|got) you (?:to|into|here)",
        r"did you (?:study|train|learn|do a degree|go to school)",
        r"(?:where|what) were you (?:before|doing)",
        r"where (?:were|did) you (?:work )?before",
        r"how long have you been",
        r"(?:do|would) (?:you do|it) (?:it )?again",
        r"if you (?:could|had to) do it (?:all )?(?:over|again)",
        r"(?:years ago|by chance|ended up|end up|at the time|back then|what were you doing)",
        r"(?:career )?path",
        r"background",
        r"how did you (?:get(?! through)|end up|come|become|start|land|move|find|make|go)",
        r"how (?:you )?(?:ended up|got (?:into|here|there|started))",
        r"your (?:story|journey|route)",
        r"before (?:this|that|you|joining|the|your)\b",
        r"(?:have you always|did you always)",
        r"(?:why|what made you|why did you) (?:choose|chose|pick|go|move|decide|switch|join|get into|become)",
        r"when you (?:started|began|first)",
        r"(?:early|first) days",
    ),
    "daily_work": (
        r"what (?:a|an) \w+ (?:actually )?does (?:while|when|during|on|in|all)",
        r"(?:actually )?(?:does|do) all day",
        r"what do (?:u|you) do (?:in|during|when|on)",
        r"(?:what )?you (?:actually )?do all day",
        r"nuts and bolts",
        r"spends? (?:their|his|her|your|the) (?:week|day|days|time)",
        r"what (?:are|r) (?:you|u|ya) (?:up to|working on|busy with)",
        r"(?:mostly|usually|always) (?:at a desk|on the floor|on the road|in meetings|outside)",
        r"deadline (?:night|day)",
        r"(?:in the field|behind a screen|in the office|working remotely)",
        r"a day (?:at|in|with) ",
        r"(?:handle|deal with|look after) (?:day to day|every day|daily)",
        r"(?:typical|normal|usual|average|ordinary) (?:day|week)",
        r"walk me through(?! how you (?:became|got|started|ended|moved|made))",
        r"(?:takes up|most of) your (?:time|days)",
        r"day[- ]to[- ]day",
        r"(?:a|your) day look",
        r"what do you (?:actually|really)? ?do",
        r"what does (?:your|a) (?:job|role|day|week|work) (?:involve|look|consist)",
        r"spend (?:most of )?your (?:time|days)",
    ),
    "team": (
        r"how big is (?:the|your) (?:\S+ )?(?:team|crew|unit|department|desk|staff)",
        r"(?:work|working) (?:mostly |usually )?(?:solo|alone|on your own|by yourself) or",
        r"(?:the )?other (?:people|folks|staff|\w+s) (?:on|in|at) the (?:line|team|floor|unit|desk|ward|shift)",
        r"like to work with",
        r"who(?:'s| is| are) (?:on|in) (?:your|the) (?:team|desk|crew|unit|ward|shift|squad)",
        r"who (?:else )?(?:works|is working) (?:with|alongside|next to) you",
        r"how big is (?:the|your) (?:team|crew|unit|department|desk)",
        r"responsible for",
        r"(?:senior management|leadership team|your boss|the board)",
        r"teams?\b",
        r"colleagues?",
        r"(?:your|the) (?:staff|crew|devs|developers|engineers|volunteers|people)\b",
        r"who do you work with",
        r"how many (?:people|of you)",
        r"(?:your|a) (?:manager|boss)",
        r"report to",
    ),
    "sector": (
        r"bought up",
        r"big chains",
        r"consolidat\w*",
        r"where(?:'s| is) (?:\S+ ){0,3}heading",
        r"(?:going to|gonna|will (?:it|\S+)) survive",
        r"shak\w+ (?:things |the \w+ )?up",
        r"disrupt\w*",
        r"eaten alive",
        r"here to stay",
        r"(?:a )?bubble",
        r"(?:new|latest) (?:\S+ )?(?:rules|regulations|laws|tariffs?)",
        r"(?:the |this |your )?(?:industry|sector)",
        r"(?:the|your|this) market\b",
        r"future",
        r"trends?",
        r"chang(?:e|es|ing)\b",
        r"(?:in|over) the next (?:few|five|ten|5|10) years",
        r"\bai\b",
        r"artificial intelligence",
        r"regulat",
        r"outlook",
    ),
    "company": (
        r"sells? (?:its|their|your) ",
        r"(?:what does|what do) (?:your|the) (?:\S+ ){0,2}?focus on",
        r"(?:main |biggest )?customers on your",
        r"run by (?:the|a) (?:council|trust|charity|city|state|company|family)",
        r"how does (?:the|your) (?!team|crew|unit)(?:\S+ ){0,2}?(?:actually )?work\b(?! with)",
        r"(?:brands|clients|customers) (?:your|you) (?:\S+ )?\w+ for",
        r"about the \w+ itself",
        r"(?:does|do) (?:the|your) (?:company|firm|shop|business|farm|studio|lab|agency|brewery|store) (?:actually |mostly |also )?(?:sell|make|do|produce|offer)",
        r"who are your (?:main |biggest )?(?:clients|customers)",
        r"(?:onboarding|newcomers|new starters)",
        r"(?:your|the) (?:farm|studio|lab|restaurant|school|district|hospital|practice|clinic|brewery|paper|newsroom) (?:do|does|make|sell|produce|like|culture)",
        r"(?:different from other|sets? (?:you|it) apart|kind of clients|turnover)",
        r"(?:your|the|this) (?:company|firm|organi[sz]ation|charity|startup|business|society|bank|agency|"
        + r"office|branch|shop|store|group|foundation|employer)",
        r"(?:your|the) culture",
        r"(?:your|the) (?:customers|clients|products?|members|users|service users|beneficiaries)",
        r"(?:at|in) your (?:place|company|firm)",
    ),
    "small_talk": (
        r"enjoying the (?:sun|sunshine|weather|weekend|break|holidays?)",
        r"grab a (?:coffee|bite|drink|tea)",
        r"good (?:coffee|food|wine|spot)",
        r"come (?:here )?often",
        r"(?:the )?(?:sunshine|sun|snow|heatwave)\b",
        r"(?:refill|another (?:coffee|drink|tea|round))",
        r"do you want (?:a|some|another) (?:coffee|tea|drink|refill|snack)",
        r"how(?:'ve| have) you been",
        r"(?:crazy|wild|awful|lovely) weather",
        r"the storm",
        r"find (?:the place|us|it|the office) (?:ok|okay|alright|fine|easily)",
        r"(?:this|the) (?:tea|coffee|cake|wine|beer) is",
        r"how (?:was|were|is) (?:the|your) (?:drive|trip|flight|journey|commute|ride|train|weekend|holidays?|vacation|night|shift|morning|conference|fair|show)",
        r"holding up",
        r"(?:rough|long|busy|quiet) (?:night|day|week|shift)\?",
        r"(?:did|do) you have a (?:good|nice|great|lovely) (?:weekend|holiday|trip|break|time)",
        r"traffic",
        r"(?:get|got|getting) out on the",
        r"(?:gig|concert|match|the game|film|movie)\b",
        r"how are you",
        r"(?:enjoying|enjoy) the (?:conference|event|party|evening|drinks|talk|fair|show)",
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

# What the question asks for, whatever it names (weight 5): advice ("par quoi tu commencerais"), an
# opinion on the user's plan ("vous en pensez quoi ?"), people to meet ("do you know anyone who…").
# "J'envisage d'ouvrir un food truck après ma formation, vous en pensez quoi ?" asks an opinion, not
# about training.
_FR_INTENT: dict[str, tuple[str, ...]] = {
    "team": (r"qui fait quoi",),
    "skills": (
        r"(?:le|un) profil ideal",
        r"(?:vous cherchez|tu cherches|vous recherchez) quel(?:le)? (?:genre|type|sorte) de (?:profils?|personnes?|candidats?)",
    ),
    "advice": (
        r"(?:vous|tu) (?:eviteriez|eviterais|feriez|ferais)\b(?: \S+){0,4}? si (?:vous|tu|c'etait)",
        r"mettre en valeur (?:mes|mon|ma)",
        r"par (?:ou|quoi) (?:je )?(?:commence|commencer|debuter|debute)",
        r"par (?:ou|quoi) (?:tu|vous) (?:commencerais|commenceriez)",
        r"(?:vous|tu) me (?:recommanderiez|recommanderais|conseilleriez|conseillerais) de",
        r"qu'est-ce que (?:vous|tu) me (?:recommand|conseill)\w*",
        r"(?:tu ferais|vous feriez) quoi (?:a ma place|si)",
    ),
    "project_opinion": (
        r"(?:vous|tu) en (?:dites|dis) quoi",
        r"bonne ou mauvaise idee",
        r"(?:vous|tu) en (?:pensez|penses) quoi",
        r"qu'en (?:pensez|penses)-(?:vous|tu)",
        r"c'est (?:jouable|realiste|faisable|credible)",
        r"(?:ca|cela) (?:vous|te) (?:parait|semble) (?:jouable|realiste|faisable|credible|une bonne idee)",
    ),
    "contacts": (
        r"qui d'autre (?:vous me conseilleriez|tu me conseillerais|je pourrais|je devrais|devrais-je)",
        r"(?:reseaux|assos?|associations?|clubs?|groupes?)(?: \S+){0,3}? je (?:devrais|pourrais|dois) (?:rejoindre|contacter|suivre)",
        r"(?:connaissez|connaissiez|connaitriez|connais|connaissais|connaitrais)(?:-vous|-tu)? (?:des gens|des personnes|quelqu'un|qqn) qui",
        r"(?:associations?|reseaux?|clubs?|groupes?)(?: \S+){0,3}? (?:que je|ou je) (?:devrais|pourrais|dois) (?:rejoindre|contacter|suivre|m'inscrire)",
        r"(?:qui )?accepterai(?:en)?t de me (?:parler|recevoir|rencontrer)",
        r"(?:connaissez|connaitriez|connais|connaitrais)(?:-vous|-tu)? (?:pas )?(?:quelqu'un|qqn|des gens|des personnes) (?:qui|a qui|avec qui)",
    ),
    "path": (r"pourquoi avoir (?:quitte|choisi|change|lache|rejoint)",),
}
_EN_INTENT: dict[str, tuple[str, ...]] = {
    "hiring": (r"how (?:does|do) (?:\S+ ){1,3}?(?:usually |normally |typically )?(?:recruit|hire)\b",),
    "advice": (
        r"words of wisdom",
        r"what would you (?:steer clear of|avoid|do differently)",
        r"how (?:could|can|should) i (?:sell|pitch|present|frame) my",
        r"what would you (?:do|tell me|advise|recommend) (?:if you were me|in my (?:shoes|position|place))",
        r"where would you (?:start|begin) if you were",
        r"(?:what(?:'s| is)|is there) (?:one|the one|a) (?:thing|mistake|piece of advice) (?:you wish|i should)",
    ),
    "project_opinion": (
        r"(?:does it|would it|does that) (?:even )?make sense",
        r"would you invest",
        r"an? (?:daft|silly|crazy|stupid|dumb) idea",
        r"(?:has|have|stand) (?:any|a) (?:shot|chance) at",
        r"would it be a (?:good|bad|smart|sensible) idea",
        r"what do you reckon",
        r"what(?:'s| is) your (?:honest )?(?:view|opinion|verdict)",
        r"do you think (?:an?|my) (?:\S+ ){0,3}?(?:profile|background) (?:has|would have|could have) a place",
        r"what(?:'s| is) your (?:honest )?take\b",
        r"what do you (?:think|make) of my (?:plan|idea|project|move|switch|background|profile)",
        r"(?:is|does) (?:that|this|it|my plan|my idea) (?:sound |seem |look )?(?:realistic|doable|feasible|viable|crazy|like a good idea)",
    ),
    "contacts": (
        r"(?:anyone|anybody|someone|people) (?:else )?(?:you think )?i should (?:be )?(?:speaking|talking|reaching out) to",
        r"names of (?:people|folks|contacts)",
        r"(?:if i )?mention(?:ed)? (?:you|your name) (?:when|to|in)",
        r"who else (?:do you (?:think|reckon) )?(?:i should|should i)(?: be)? (?:talk|speak|reach|meet|contact)",
        r"(?:associations?|networks?|groups?|communities|clubs?)(?: \S+){0,3}? i should (?:join|follow|contact)",
        r"(?:say|mention|tell \S+) (?:that )?you (?:sent|referred) me",
        r"(?:do|would) you (?:happen to )?know (?:anyone|anybody|someone|somebody|any \w+s?) (?:who|that|working|in|at)",
    ),
    "path": (r"what made you (?:jump|move|switch|go|leave|change|decide|choose)",),
}


# Ordinary words that lean towards a topic (weight 2, against 3 for the phrases above and 1 for the
# context words below): the topic of a question is the one with the most weight, the earliest on a tie.
_FR_WORDS: dict[str, tuple[str, ...]] = {
    "path": (
        r"(?:tu etais|vous etiez) ou avant",
        r"ca fait longtemps que (?:tu es|vous etes|t'es)",
        r"(?:t'as|tu as|vous avez) commence (?:au|a|comme|par)",
        r"(?:abouti|atterri|atterrie)",
        r"(?:quitter|quitte|quittez|quittes|lache|lacher) (?:le|la|les|l'|ton|votre|un|une)",
        r"(?:passe|passee|passes|passez) (?:de|du|d'un|d'une|des) (?:\S+ ){1,3}?(?:a|au|aux|vers|dans) ",
        r"(?:ancien|ancienne|precedent|precedente) (?:employeur|entreprise|boite|vie|metier|poste)",
        r"(?:etais|etiez|etait) (?:deja|avant|au debut)",
        r"(?:declic|tournant|virage|bifurqu|reconversion)",
        r"(?:ton|votre) (?:arrivee|experience d'avant|premier poste|premier job)",
        r"depuis quand",
        r"(?:commence|commencee|debute|demarre|lance|lancee)\b",
        r"(?:donne|donnee) envie",
        r"(?:ton|votre) (?:premier|ancien|precedent) (?:poste|metier|job|boulot)",
        r"toujours (?:fait|travaille|ete)",
        r"(?:histoire|chemin)\b",
    ),
    "daily_work": (
        r"(?:vous|tu) (?:gerez|geres|touchez|touches|faites|fais) (?:aussi |un peu )?(?:la partie|de tout|a tout)",
        r"une semaine (?:de|type)",
        r"(?:tournees?|deplacements?|astreintes?|gardes?|horaires|shifts?|permanences?|rendez-vous clients)\b",
        r"(?:ressemble|ressemblent) a quoi",
        r"(?:vous|tu) (?:faites|fais) (?:beaucoup|souvent|quoi)",
        r"(?:temps|heures) (?:passe|passes|passez)",
        r"(?:journees?|semaines?|planning|agenda)\b",
        r"(?:bosses|bossez|travailles|travaillez) sur",
        r"(?:gerez|geres|traitez|traites|suivez|suis) (?:combien|quoi|quels|quelles)",
        r"(?:dossiers|taches|missions|activites|projets en cours)\b",
        r"(?:en ce moment|actuellement) sur",
        r"(?:occupe|occupes|occupez)",
    ),
    "likes": (
        r"(?:heureux|heureuse|joie|kif|bonheur|fierte|gratifiant|stimulant|plaisant)",
        r"(?:lever|levez) le matin",
        r"(?:ce qui|qu'est-ce qui) (?:vous|te) (?:porte|anime|nourrit|touche)",
        r"plaisir",
        r"(?:prefere|preferes|preferez)",
        r"(?:aimes|aimez|adores|adorez)\b",
        r"(?:enthousiasm|envie de continuer|satisfaction|epanou|vibrer)",
        r"(?:sens|interet) (?:du|de ton|de votre|a ton|a votre) (?:travail|metier|boulot)",
    ),
    "team": (
        r"(?:repartissez|repartis|repartition (?:des|entre)) (?:les )?(?:roles|taches|missions)?",
        r"comment est organise (?:votre|ton|le) service",
        r"(?:collaboration|cooperation|coordination)\b",
        r"(?:travaillent|bossent) avec (?:vous|toi)",
        r"(?:medecins|infirmiers|soignants|techniciens|commerciaux|conseillers|chauffeurs|operateurs|benevoles) (?:de ton|de votre|avec)",
        r"(?:s'entend|s'entendent|ambiance d'equipe|esprit d'equipe)",
        r"(?:autres )?services\b",
        r"(?:encadres|encadrez|managez|manages|diriges|dirigez)",
        r"(?:binome|hierarchie|responsable direct|n\+1|stagiaires|apprentis|recrues)",
        r"(?:travail|travailler|bosser|collaborer) (?:avec|ensemble)",
    ),
    "challenges": (
        r"le plus tough",
        r"(?:prend|prennent) le plus la tete",
        r"(?:vous|te) prend la tete",
        r"tout (?:lacher|plaquer|arreter|abandonner)",
        r"charge mentale",
        r"surpris\w*,? en mal",
        r"(?:complique|compliquent) la vie",
        r"(?:sujets?|points?) (?:sensibles?|chauds?|douloureux)",
        r"(?:risques?|menaces?|contraintes?|limites?)\b",
        r"(?:ce qui|qu'est-ce qui) (?:bloque|coince|manque|fatigue|agace|inquiete)",
        r"(?:souci|soucis|galere|galeres|stress|pression|fatigue|epuis|usure|turnover)\b",
        r"(?:prend|prennent|demande) (?:le plus )?(?:d'energie|de temps|la tete)",
        r"(?:compliques?|penibles?|lourds?|tendus?)\b",
        r"(?:manque|penurie) (?:de|d')",
        r"(?:fideliser|retenir les)",
    ),
    "sector": (
        r"ca reprend",
        r"depuis le covid",
        r"(?:un )?modele fini",
        r"(?:racheter|rachat|rachats|concentration|consolidation)\b",
        r"(?:saturer|sature|saturation)\b",
        r"(?:se porte|se portent|en bonne sante|en crise|en declin|en croissance|en plein essor)",
        r"(?:fermer|fermetures?|ouvertures?|rachats?|fusions?|consolidation)\b",
        r"(?:electrique|transition|ecologique|vieillissement|penurie de)",
        r"(?:banques|hopitaux|associations|transporteurs|industriels|startups|franchises|agences) (?:vont|va|ont)",
        r"(?:evolue|evoluent|evoluer|change|changent|changer|bouge|bougent)\b",
        r"(?:dans|d'ici) (?:dix|cinq|vingt|10|5|20|quelques) ans",
        r"(?:a de l'|un )avenir",
        r"(?:immobilier|bancaire|hospitalier|industriel|associatif|numerique|logistique|transport|sante|banque)\b",
        r"(?:crise|concurrence|inflation|digitalisation|automatisation)",
    ),
    "company": (
        r"(?:implantes?|installes?|bases?) ou\b",
        r"qu'est-ce qui (?:vous )?(?:distingue|differencie)",
        r"(?:en interne|organigramme|siege|filiale|direction generale|comite de direction)",
        r"(?:grosse|petite|grande) (?:structure|boite|entreprise|maison)",
        r"(?:existe|existez) depuis",
        r"(?:valeurs|histoire de (?:la|ta|votre)|creee|cree|fondee|nee)\b",
        r"(?:agence|groupe|structure|franchise|enseigne|cabinet|maison|boite|entreprise|societe)\b",
        r"(?:collaborateurs|salaries|employes) (?:compte|avez|as)",
        r"(?:la|ta|votre|une) start-?up",
    ),
    "skills": (
        r"(?:savoir faire|savoir-faire|savoir etre|tenir dans|tenir le coup)",
        r"(?:techniciens?|generalistes?|specialistes?|experts?|polyvalents?|juniors?|seniors?) ou ",
        r"(?:sous-estim|sous estim|indispensables?|essentiel)",
        r"(?:maitriser|maitrise|outils|logiciels|langages?)\b",
        r"(?:fait|faire) la difference",
        r"(?:attendez|attends|exigez|exiges|cherchez|cherches) (?:de|d'|chez|comme)",
        r"(?:bon|bonne|excellent|excellente) (?:gestionnaire|commercial|commerciale|manager|infirmier|infirmiere|"
        + r"developpeur|developpeuse|chef|cheffe|conseiller|conseillere|candidat|candidate|professionnel)",
        r"(?:indispensable|necessaire) (?:pour|de) (?:savoir|maitriser|avoir)",
    ),
    "training": (
        r"(?:vae|titre pro|titre professionnel|certificat|habilitation|concours)\b",
        r"(?:master|licence|bts|dut|but|mba|doctorat|cap|bac\+\d)\b",
        r"(?:alternance|apprentissage|stage|stages|reconversion professionnelle|cpf|afpa)\b",
        r"(?:apprendre|appris|se former|former)\b",
    ),
    "hiring": (
        r"comment se passe (?:un|le) recrutement",
        r"sur concours",
        r"(?:recruteurs?|rh regardent|premier tri|tri des cv|premiers entretiens)",
        r"(?:recevez|recois|recoit) (?:beaucoup|combien)",
        r"(?:se fait|se font|se faire) (?:embaucher|recruter|prendre|engager)",
        r"(?:entretiens?|cv|lettre de motivation|jobboard|linkedin|cabinet de recrutement|chasseurs?)\b",
        r"(?:selectionnez|selectionnes|choisissez|choisis) (?:vos|tes|les) (?:candidats|recrues)",
    ),
    "advice": (
        r"(?:astuces?|trucs?|conseilles?|conseillez|recommandes?|recommandez)\b",
        r"(?:a eviter|a faire|a privilegier)\b",
        r"(?:pistes?|recommandations?|suggestions?)\b",
        r"(?:par quoi|par ou) (?:je|on|commencer)",
        r"(?:je|on) (?:commence|commencerais|devrais|dois|pourrais) (?:par|faire)",
        r"(?:me lancer|m'y mettre|me preparer|m'y preparer)",
        r"(?:a|pour) (?:ta|votre) (?:avis|place)",
        r"(?:tu ferais|vous feriez) comment",
    ),
    "contacts": (
        r"qui (?:pourrait|pourra|saurait|peut) (?:m'en|me) (?:dire|parler|expliquer|renseigner|aider)",
        r"(?:quelqu'un|qqn) (?:dans|chez|a|au|en) ",
        r"(?:de ta part|de votre part|recommandation aupres)",
        r"(?:vers|aupres de) qui",
        r"(?:connais|connaissez|connaitrais|connaitriez) (?:des gens|des personnes|du monde|quelqu'un|qqn|un|une)",
        r"(?:me tourner|m'adresser|frapper a la porte)",
        r"(?:des noms?|un nom|des gens a voir|personnes a voir)",
    ),
    "project_opinion": (
        r"(?:comme moi|de mon age|a mon age|dans ma situation|avec mon parcours)",
        r"(?:ma|sa) place (?:dans|chez|en)",
        r"(?:coherent|pertinent|serieux|fou|absurde|possible)\b",
        r"(?:peut|pourrait) servir",
        r"(?:y croyez|y crois|vous y croyez|tu y crois)",
        r"(?:ca tient la route|tient la route|tenir la route)",
        r"(?:freine|frein) (?:pour moi|selon (?:vous|toi))",
    ),
    "small_talk": (
        r"la reprise (?:apres|des) (?:les )?vacances",
        r"(?:fetes|noel|nouvel an|vacances|pont|rentree|anniversaire)\b",
        r"(?:du monde|circulation) sur la route",
        r"(?:sur la route|les transports)",
        r"(?:greves?|bouchons?|embouteillages?|pluie|soleil|chaleur|froid|neige)\b",
        r"(?:bien dormi|en forme|la forme)",
        r"(?:comment (?:vous )?allez|tu vas bien|vous allez bien)",
        r"(?:conference|salon|evenement|soiree|afterwork)\b",
    ),
}

_EN_WORDS: dict[str, tuple[str, ...]] = {
    "path": (
        r"(?:wind|wound|ended) up (?:running|in|at|as|doing)",
        r"backstory",
        r"goes from being",
        r"were you doing before",
        r"were you always",
        r"(?:leave|left|quit|quitting|leaving) (?:law|teaching|the|your|a|an)\b",
        r"(?:move|moved|switch|switched|go|went|transition|transitioned) (?:from|into|over)",
        r"(?:previous|last|old|former) (?:job|role|employer|company|career|life)",
        r"already (?:managing|working|in|a|doing)",
        r"(?:turning point|pivot|career change(?!rs))",
        r"how long have you been",
        r"(?:got|get|gets) you (?:interested|into|started)",
        r"(?:started|began|joined|switched|moved)\b",
        r"(?:always|originally|first job|previous job|used to)\b",
        r"before you",
    ),
    "daily_work": (
        r"work(?:s|ing)? (?:like crazy|long hours|all hours|\d+[- ]hour|weekends|nights|all the time)",
        r"hands[- ]on",
        r"the split between",
        r"monday to friday",
        r"on the (?:\w+ )?floor",
        r"(?:shifts?|rotas?|rounds|travel|commute|site visits?|on call|hours)\b",
        r"(?:look|looks) like for you",
        r"(?:fills?|takes?) (?:up )?your (?:calendar|diary|week|time)",
        r"working on",
        r"(?:week|day|days|weeks) (?:usually |normally )?(?:look|like|go)",
        r"(?:tasks|projects|meetings|caseload|workload|schedule|calendar)\b",
        r"(?:spend|spends|spent) (?:your|most|a lot)",
        r"(?:at the moment|these days|right now) on",
    ),
    "likes": (
        r"(?:get|got) a kick out of",
        r"what'?s kept you (?:in|at|going)",
        r"(?:happy|happiest|joy|proudest|fun|energi[sz]es you|meaningful|buzz)\b",
        r"(?:get up|get out of bed) in the morning",
        r"(?:like best|love most|enjoying it|excit|satisf|fulfil|passion)",
        r"(?:best thing|best bit|highlight)",
        r"(?:like|love|enjoy)\b(?! (?:crazy|mad|a dog|clockwork|that|this)\b)",
    ),
    "team": (
        r"split the (?:work|roles|tasks|jobs) between",
        r"people you work with",
        r"staffed\b",
        r"(?:get on|work) with the other (?:departments|teams)",
        r"between colleagues",
        r"team (?:is |are )?organi[sz]ed",
        r"(?:get on|get along|collaborat|coordinat|work with)\b",
        r"(?:operations|sales|finance|clinical|tech|product|marketing) (?:people|team|folks|side)",
        r"with you (?:every day|daily|day to day)",
        r"(?:departments?|managers?|direct reports?|reports?|staff|headcount|volunteers|hires)\b",
        r"(?:manage|managing|lead|leading) (?:a|the|your|people)",
        r"work (?:with|together|alongside)",
    ),
    "challenges": (
        r"keeps? going wrong",
        r"hurting (?:you|the)",
        r"pack(?:ing)? it (?:all )?in",
        r"throw(?:ing)? in the towel",
        r"(?:deal|cope|dealing|coping) with the (?:pressure|stress)",
        r"surprised you most,? in a bad way",
        r"(?:making life|makes life) (?:hard|difficult)",
        r"(?:risks?|threats?|constraints?|blockers?|obstacles?)\b",
        r"(?:real )?issue for you",
        r"(?:issues?|hurdles?|headaches?|pressure|stress|burnout|turnover|bottlenecks?)\b",
        r"(?:keep|keeps) (?:coming up|happening)",
        r"(?:hardest|toughest|trickiest|worst)\b",
        r"(?:shortage|lack) of",
    ),
    "sector": (
        r"what'?s hot in",
        r"where'?s the money going",
        r"(?:market|sector|field) heading",
        r"buy(?:ing)? up\b",
        r"consolidat\w+",
        r"saturat\w+",
        r"as short of (?:people|staff) as",
        r"(?:in good shape|doing well|in decline|booming|struggling|consolidat)",
        r"(?:closing|closures?|mergers?|acquisitions?|electric|net zero|ageing|aging)\b",
        r"(?:banks|charities|hospitals|retailers|startups|councils) (?:keep|will|are)",
        r"(?:doing|heading|going) (?:these days|now|lately)?",
        r"in (?:ten|five|twenty|10|5|20|a few) years",
        r"(?:industry|sector|market|economy|competition|funding landscape)\b",
        r"(?:changing|evolving|shifting|growing|shrinking)\b",
    ),
    "company": (
        r"what sets (?:your|you) (?:\S+ )?apart",
        r"where are you based",
        r"(?:been around|internally|headquarters|head office|org chart|leadership team)\b",
        r"(?:big|small|large) (?:organi[sz]ation|company|firm|team|charity)",
        r"at your place",
        r"(?:company|firm|office|organisation|organization|charity|startup|business|bank|society)\b",
        r"(?:start|founded|began|set up)\b",
        r"(?:values|mission|culture|vibe)\b",
    ),
    "skills": (
        r"how important (?:\S+ ){0,3}?(?:is|are)\b",
        r"do you need to be",
        r"capacities",
        r"second language",
        r"(?:is|are) (?:\S+ )?a must\b",
        r"(?:need to be good at|to last in|cut out for)",
        r"(?:specialists?|generalists?|juniors?|seniors?|all-rounders?) or ",
        r"(?:underestimat|overlook|essential|must-have)",
        r"(?:strong|good|great|ideal) candidate",
        r"(?:tools|software|languages|technical|soft skills)\b",
        r"(?:look|looking) for in",
        r"(?:applicants|candidates) (?:had|have|need|lack)",
    ),
    "training": (
        r"self[- ]taught",
        r"(?:learn|learnt|learned) the (?:\w+ )?(?:side|ropes|trade)",
        r"state registration",
        r"licen[cs]e to practi[cs]e",
        r"get qualified",
        r"go(?:ing)? back for a masters?",
        r"(?:apprenticeships?|courses?|qualifications?|accreditations?|exams?)\b",
        r"(?:mba|masters?|phd|diploma|apprenticeship|internship|bootcamp|cpd|chartered)\b",
        r"(?:learn|learned|learnt|upskill|reskill)\b",
        r"to get here",
    ),
    "hiring": (
        r"foot in the door",
        r"(?:get|got) advertised",
        r"(?:a good |the best )?way in(?:to)?\b",
        r"(?:through|past) the (?:first )?sift",
        r"(?:applications|cvs|resumes) for (?:each|a|every)",
        r"(?:recruiters?|hiring managers?) (?:look|read|check)",
        r"(?:first|second) interviews?",
        r"(?:competitive|applicants?|candidates?|interviews?|job boards?|linkedin|headhunters?)\b",
        r"get (?:in|hired|a foot in)",
    ),
    "advice": (
        r"(?:tricks?|hacks?|advise)\b",
        r"(?:if you were me|in my position)",
        r"(?:recommend|suggest) (?:i|that i|me)",
        r"(?:next step|next steps|do next|starting out|start out|getting started)",
        r"(?:tips?|pointers?|guidance|lessons?)\b",
        r"should i\b",
    ),
    "contacts": (
        r"(?:linkedin|facebook|whatsapp|slack|professional|pro|networking|online) groups\b",
        r"meetups?\b",
        r"who (?:could|can|might|would) (?:tell|teach|show|help|explain)",
        r"(?:someone|anyone|somebody) (?:at|in|from) ",
        r"mention your name",
        r"(?:anyone|anybody|someone|somebody)\b",
        r"(?:speak|talk|reach out|reach) to",
        r"(?:names?|people) (?:i|to|worth)",
    ),
    "project_opinion": (
        r"(?:like me|at my age|in my situation|with my background)\b",
        r"(?:fit in|hang together|could be useful|be useful|stack up|transferable)",
        r"my (?:\S+ )?(?:experience|background|skills)",
        r"(?:make sense|be seen|come across|would be perceived|hold up|a good fit|a fit)\b",
    ),
    "small_talk": (
        r"(?:journey|trip|drive|commute) (?:in|here|over)",
        r"your usual (?:spot|place|cafe|table)",
        r"all good with you",
        r"find (?:the|our|this) (?:cafe|place|office|restaurant) (?:alright|all right|ok|okay|easily)",
        r"bank holiday",
        r"(?:christmas|new year|easter|holidays?|bank holiday|birthday)\b",
        r"(?:traffic|trains|the tube|parking)\b",
        r"(?:how's|how is|how was|how has) (?:your|the) (?:week|day|morning|evening|trip|journey|weekend)",
        r"(?:rain|sun|traffic|strike|commute)\b",
    ),
}

# Context words that name a topic only when nothing more specific does: "il faut quoi comme
# qualites pour ce metier ?" is about skills, "ce metier" is only the setting.
_FR_WEAK: dict[str, tuple[str, ...]] = {
    # a question about the persona's past ("tu as toujours fait ca ?", "pourquoi l'assurance ?")
    "path": (
        r"(?:tu as|t'as|vous avez|as-tu|avez-vous) (?:toujours |deja |d'abord )?(?:fait|ete|travaille|commence|choisi|decide|voulu)",
        r"pourquoi (?:l'|la |le |les |un |une )?[a-z]+ ?(?:\?|$|et )",
    ),
    "daily_work": (r"(?:ton|votre|ce) (?:role|metier|poste|travail|boulot|job)",),
    "sector": (r"(?:le|du) (?:milieu|domaine|metier|monde)",),
    "company": (r"chez (?:vous|toi)", r"(?:l'|la) (?:ambiance|taille)"),
}
_EN_WEAK: dict[str, tuple[str, ...]] = {
    "path": (r"(?:did you|were you|have you always|had you) ", r"why (?:the |a |an )?[a-z]+ ?(?:\?|$|and )"),
    "daily_work": (
        r"(?:your|the) (?:role|job|work|day|week|responsibilities|tasks)\b",
        r"(?:what's|what is) it like",
    ),
    "sector": (r"(?:the |this |your )?field\b", r"(?:the|this) (?:space|world|profession|trade)\b"),
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
        "project_opinion": ("reconversion", "realiste"),
    },
    "en": {
        "path": ("background",),
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
        "project_opinion": ("realistic",),
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
_INTENTS = {"fr": _compile(_FR_INTENT), "en": _compile(_EN_INTENT)}
_WORDS = {"fr": _compile(_FR_WORDS), "en": _compile(_EN_WORDS)}
_WEAK = {"fr": _compile(_FR_WEAK), "en": _compile(_EN_WEAK)}
_FUZZY_INDEX = {lang: _fuzzy_index(table) for lang, table in _FUZZY.items()}
_TOKEN = re.compile(r"[a-z]{5,}", re.A)


@lru_cache(maxsize=8192)
def _fuzzy_word(word: str, lang: str) -> str | None:
    """The topic of a word of the fuzzy list, exact or one typo away (cached: words repeat)."""
    index = _FUZZY_INDEX[lang]
    topic = index.get(word)
    if topic is None:
        for key in _deletions(word):
            topic = index.get(key)
            if topic is not None:
                break
    return topic


def _fuzzy(norm: str, lang: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for m in _TOKEN.finditer(norm):
        topic = _fuzzy_word(m.group(0), lang)
        if topic is not None:
            out.append((m.start(), topic))
    return out


def _weighted(norm: str, lang: str) -> list[tuple[int, str, int]]:
    """(position, topic, weight) of every cue: phrases and typos of key words 3, ordinary words 2,
    context words 1."""
    lang = "en" if lang == "en" else "fr"
    hits: list[tuple[int, str, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _INTENTS[lang].finditer(norm):
        hits.append((m.start(), m.lastgroup or "", 5))
        taken.append(m.span())
    for m in _PATTERNS[lang].finditer(norm):
        hits.append((m.start(), m.lastgroup or "", 3))
        taken.append(m.span())
    for m in _WORDS[lang].finditer(norm):
        if not any(a <= m.start() < b for a, b in taken):
            hits.append((m.start(), m.lastgroup or "", 2))
    words_at = {pos for pos, _, weight in hits if weight == 2}
    for pos, topic in _fuzzy(norm, lang):
        # a key word read one typo away weighs as a phrase; spelt right, it is already counted above
        if not any(a <= pos < b for a, b in taken) and pos not in words_at:
            hits.append((pos, topic, 3))
    hits.extend((m.start(), m.lastgroup or "", 1) for m in _WEAK[lang].finditer(norm))
    hits.sort()
    return hits


def _best(hits: list[tuple[int, str, int]]) -> str | None:
    """The topic with the most weight, the earliest on a tie."""
    scores: dict[str, list[int]] = {}
    for pos, topic, weight in hits:
        scores.setdefault(topic, [0, pos])[0] += weight
    if not scores:
        return None
    return max(scores, key=lambda t: (scores[t][0], -scores[t][1]))


_QUESTION_LABELS = ("open_question", "closed_question", "asking")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts in `text`."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    return ends[-1] if ends else 0


def read(text: str, lang: str = "fr") -> Analysis:
    """The scorer's analysis of a user turn, with what it is about (`topics`, `asked`)."""
    analysis = analyse(text, lang)
    norm, omap = normalise(text)
    hits = _weighted(norm, lang)
    strong = [h for h in hits if h[2] > 1] or hits
    topics: list[str] = []
    for _, topic, _ in strong:
        if topic not in topics:
            topics.append(topic)
    # Question spans: the open and closed questions (the scorer cuts "A et qu'est-ce que B ?" in
    # two), then the requests that are not one of them; merged when they overlap.
    questions = [(s.start, s.end) for label in _QUESTION_LABELS[:2] for s in analysis.evidence.get(label, ())]
    requests = [
        (s.start, s.end)
        for s in analysis.evidence.get("asking", ())
        if not any(a < s.end and s.start < b for a, b in questions)
    ]
    merged: list[list[int]] = []
    for a, b in sorted(questions + requests):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    # A job request is about hiring, whatever else it names ("forward my CV to your recruiter").
    jobs = [(s.start, s.end) for s in analysis.evidence.get("job_request", ())]
    # An offer put as a question ("je connais un régleur, je peux lui parler de vous ?") asks nothing
    # of the persona: the reaction to the offer answers it, not a topic's bank.
    offers = [(s.start, s.end) for s in analysis.evidence.get("giving", ())]
    asked: list[str | None] = []
    previous = 0
    for a, b in merged:
        # the cues that start inside this question (positions mapped back to the original text)
        best: str | None = _best([h for h in hits if a <= omap[h[0]] < b])
        if any(ja < b and a < jb for ja, jb in jobs):
            best = "hiring"
        elif any(ga < b and a < gb for ga, gb in offers):
            best = None
        elif best is None:
            # "Votre exploitation, elle produit quoi : lait, viande ?": the question names its topic
            # just before it, in the same sentence
            start = max(previous, _sentence_start(text, a))
            best = _best([h for h in hits if start <= omap[h[0]] < a])
        previous = b
        if not asked or best is None or best != asked[-1]:
            asked.append(best)
    return replace(analysis, topics=tuple(topics), asked=tuple(asked))
