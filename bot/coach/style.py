"""Transparent heuristics for the two keys that labels do not cover: be_yourself and enjoy.

They are word lists, not judgement: the README says so, and the debrief quotes what they matched.
"""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    return "".join(c for c in text if not unicodedata.combining(c))


# Speaking in one's own name about one's path, work and wishes.
_PERSONAL = {
    "fr": re.compile(
        r"\b(j'ai (travaille|ete|passe|fait|quitte|decide|appris|monte|dirige|gere|envie)|je suis (en|a la|infirmier|ingenieur|comptable|"
        r"professeur|developpeu|commercial|chef|manager|responsable|reste|arrive|passionne par)|je travaille|je cherche|"
        r"je voudrais|j'aimerais (me|trouver|travailler|devenir|changer|evoluer|rejoindre)|je reve|mon (parcours|metier|"
        r"experience|projet|ancien|poste)|ma (reconversion|formation|transition|carriere)|ce qui me (plait|motive|porte|"
        r"manque)|pour moi|moi,? (je|j')|je bosse|je suis (dans|chez|en train de)|je pense a (la|le|l'|une|un|me|devenir|passer)|"
        r"je viens (de|du|d')|je sors (de|du|d')|je me (forme|reconvertis|lance|suis lancee?)|j'ai \d+ ans|depuis \d+ ans|"
        r"moi c'est|je m'appelle|j'etais|ca fait \d+ ans que je)"
    ),
    "en": re.compile(
        r"\b(i (worked|spent|have been|was|left|decided|learned|learnt|ran|managed|led|built|want|would like|'d like|"
        r"am looking|'m looking|love|enjoy|care)|i'm (a|an|moving|switching|changing|retraining|trying)|my (path|career|"
        r"background|experience|project|old|previous|job|transition|goal)|what (drives|motivates) me|for me|"
        r"i work|i've (been|spent|worked|done)|i'm (in|at|still|currently|now|\d+)|i used to|my name's|i run|i teach|i manage)"
    ),
}

# Generic self-marketing that says nothing about the person.
_BUZZ = {
    "fr": (
        "dynamique",
        "motive",
        "proactif",
        "proactive",
        "polyvalent",
        "polyvalente",
        "rigoureux",
        "rigoureuse",
        "force de proposition",
        "esprit d'equipe",
        "synergie",
        "orient resultats",
        "oriente resultats",
        "passionne par les defis",
        "savoir-etre",
        "valeur ajoutee",
        "profil atypique",
    ),
    "en": (
        "team player",
        "results-driven",
        "results driven",
        "go-getter",
        "self-starter",
        "synergy",
        "synergies",
        "hard-working",
        "hardworking",
        "detail-oriented",
        "think outside the box",
        "passionate about challenges",
        "dynamic",
        "proactive",
        "value-add",
        "rockstar",
    ),
}

_WARM = {
    "fr": re.compile(
        r"(!|:\)|:-\)|😊|🙂|😄|😀|👍|🙏|\bhaha|\bavec plaisir\b|\bravie?\b|\bpassionnant|\bgenial|\bsuper\b|\btop\b|"
        r"\binteressant|\bj'adore\b|\bchouette\b|\bbravo\b|\bfascinant|\bcaptivant|\bj'ai hate\b|\bcool\b)"
    ),
    "en": re.compile(
        r"(!|:\)|:-\)|😊|🙂|😄|😀|👍|🙏|\bhaha|\bglad\b|\bgreat\b|\blove\b|\bfascinating|\binteresting|\bfun\b|"
        r"\bawesome|\bexciting|\bdelighted|\bwonderful|\bcool\b|\bbrilliant|\bamazing)"
    ),
}
_COLD = {
    "fr": re.compile(
        r"(\bdesole|\bdsl\b|\bdeso\b|\bpardon de vous deranger|\bje ne vais pas vous deranger|\bmalheureusement|\bgalere|"
        r"\bdeprime|\bmarre\b|\bj'en peux plus|\bc'est dur\b|\bpas le choix|\bje suis oblige)"
    ),
    "en": re.compile(
        r"(\bsorry\b|\bsorry to bother|\bunfortunately|\bsick of\b|\bfed up|\bexhausted|\bno choice|\bhave to do this|"
        r"\bdepress)"
    ),
}


def is_personal(text: str, lang: str) -> bool:
    return bool(_PERSONAL.get(lang, _PERSONAL["fr"]).search(fold(text)))


def buzzwords(text: str, lang: str) -> list[str]:
    folded = fold(text)
    return [w for w in _BUZZ.get(lang, _BUZZ["fr"]) if re.search(r"\b" + re.escape(w) + r"\b", folded)]


def mood_markers(text: str, lang: str) -> tuple[bool, bool]:
    """(warm, cold): whether the message shows a warm, positive tone, and whether it shows gloom or apology."""
    folded = fold(text)
    return bool(_WARM[lang if lang in _WARM else "fr"].search(folded)), bool(
        _COLD[lang if lang in _COLD else "fr"].search(folded)
    )


# A gloomy reply of a word or two: "bof", "rien", "pas terrible", "meh", "nothing much".
_GLOOMY_REPLY = {
    "fr": re.compile(
        r"^(?:bof|bof bof|boarf|mouais|rien|rien de special|rien de neuf|pas terrible|pas top|pas grand[- ]chose|bof pas terrible"
        r"|pas trop|bah rien|ben rien|ca va pas|moyen|bof moyen|laisse tomber|j'en sais rien|aucune idee|pfff*|pff+)$"
    ),
    "en": re.compile(
        r"^(?:meh|nothing|nothing much|not much|nah|not great|not really|dunno|whatever|no idea|not good|so-so|so so"
        r"|could be better|pretty bad|ugh+|sigh)$"
    ),
}


def is_gloomy_reply(text: str, lang: str) -> bool:
    """A one- or two-word reply that says nothing but gloom (it counts against Enjoy)."""
    folded = re.sub(r"[^\w' -]+", " ", fold(text)).strip()
    folded = " ".join(folded.split())
    return bool(_GLOOMY_REPLY.get(lang, _GLOOMY_REPLY["fr"]).match(folded))
