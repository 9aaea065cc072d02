"""What any persona says when its scenario wrote nothing for a move: plain, short, in the right register.

Every scenario of the library writes its own reactions (in its persona's voice); these lines only make
sure that a new scenario a coach is still writing never ignores a job request, an offer or a second
question. They are persona lines, like the scenario files, so they live here rather than in the bot's
catalogs. Keys: language, then "tu" / "vous" (English has one form).
"""

from __future__ import annotations

# Job request, by level: 1 redirects, 2 cools down, 3 ends politely.
JOB_REQUEST: dict[str, dict[str, dict[int, tuple[str, ...]]]] = {
    "fr": {
        "vous": {
            1: (
                "Ah, je ne suis pas la bonne personne pour un poste, et ce n'est pas vraiment l'objet de notre échange. "
                "En revanche, je peux vous parler de mon métier et de qui rencontrer : qu'est-ce qui vous aiderait ?",
            ),
            2: (
                "Je vais être honnête : je n'ai pas de poste à vous proposer, et je préfère qu'on ne mélange pas les "
                "choses. Si vous voulez comprendre le métier, je veux bien continuer.",
            ),
            3: (
                "Je vois. Je pensais que vous vouliez comprendre le métier, pas décrocher un poste. Je vais en rester "
                "là pour aujourd'hui.",
            ),
        },
        "tu": {
            1: (
                "Ah, je ne suis pas la bonne personne pour un poste, et ce n'est pas trop l'idée de ce café. Par contre "
                "je peux te parler du métier et de qui rencontrer : qu'est-ce qui t'aiderait ?",
            ),
            2: (
                "Je vais être honnête : je n'ai pas de poste pour toi, et je préfère qu'on ne mélange pas tout. Si tu "
                "veux comprendre le métier, on continue.",
            ),
            3: (
                "Ok. Je pensais que tu voulais comprendre le métier, pas décrocher un poste. On va s'arrêter là.",
            ),
        },
    },
    "en": {
        "vous": {
            1: (
                "Ah, I'm not really the person for jobs, and that's not what today is about. But I'm happy to tell you "
                "about the work and who to meet: what would help you most?",
            ),
            2: (
                "I'll be honest: I don't have a job for you, and I'd rather not mix the two. If you want to understand "
                "the field, I'm happy to carry on.",
            ),
            3: (
                "I see. I thought you wanted to understand the field, not land a job. I think I'll leave it there "
                "for today.",
            ),
        },
    },
}

# Effects of the default job-request reaction on a "warmth" variable, when the scenario has one.
JOB_REQUEST_WARMTH = {1: 0, 2: -1, 3: -2}

BANKS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "fr": {
        "vous": {
            "offer": (
                "C'est gentil de proposer, merci, je le note.",
                "Volontiers, ça pourrait m'être utile. Merci d'y avoir pensé.",
                "Merci, c'est une proposition que je ne vais pas oublier.",
            ),
            "thanks": ("Avec plaisir.", "Je vous en prie.", "Mais de rien."),
            "presumption": (
                "Ce n'est pas tout à fait ça, en fait.",
                "Hmm, c'est un peu plus nuancé que ça.",
            ),
            "second_question": (
                "Et pour votre autre question, on y revient juste après.",
                "Votre deuxième question, je la garde pour tout de suite après.",
            ),
            "deflect": (
                "Ça, honnêtement, je ne suis pas la bonne personne pour vous répondre.",
                "Bonne question, mais je n'ai pas d'avis très tranché là-dessus.",
                "Je préfère ne pas m'avancer sur ce sujet, je le connais mal.",
                "Là, vous me posez une colle.",
            ),
            "move_on": (
                "Et vous, qu'est-ce que vous cherchez à comprendre, au fond ?",
                "Dites-m'en un peu plus sur ce que vous visez.",
                "Qu'est-ce qui vous serait le plus utile, maintenant ?",
            ),
        },
        "tu": {
            "offer": (
                "C'est sympa de proposer, merci, je note.",
                "Volontiers, ça pourrait m'aider. Merci d'y penser.",
                "Merci, je retiens la proposition.",
            ),
            "thanks": ("Avec plaisir.", "De rien, vraiment.", "Pas de quoi."),
            "presumption": (
                "Pas tout à fait, en fait.",
                "Hmm, c'est un peu plus nuancé que ça.",
            ),
            "second_question": (
                "Et ton autre question, on y revient juste après.",
                "Ta deuxième question, je la garde pour après.",
            ),
            "deflect": (
                "Ça, honnêtement, je ne suis pas la bonne personne pour te répondre.",
                "Bonne question, mais je n'ai pas d'avis très tranché là-dessus.",
                "Je préfère ne pas m'avancer, je connais mal le sujet.",
                "Là, tu me poses une colle.",
            ),
            "move_on": (
                "Et toi, qu'est-ce que tu cherches à comprendre, au fond ?",
                "Dis-m'en un peu plus sur ce que tu vises.",
                "Qu'est-ce qui te serait le plus utile, maintenant ?",
            ),
        },
    },
    "en": {
        "vous": {
            "offer": (
                "That's kind of you to offer, thank you. I'll take you up on it.",
                "Happy to, that could be useful. Thanks for thinking of it.",
                "Thank you, I won't forget that offer.",
            ),
            "thanks": ("My pleasure.", "You're welcome.", "Not at all."),
            "presumption": ("That's not quite it, actually.", "Hmm, it's a bit more nuanced than that."),
            "second_question": (
                "And your other question, let's come back to it in a second.",
                "I'll keep your second question for right after.",
            ),
            "deflect": (
                "Honestly, I'm not the best person to answer that one.",
                "Good question, but I don't have a strong view on it.",
                "I'd rather not guess on that, I don't know it well.",
                "You've got me there.",
            ),
            "move_on": (
                "What is it you're really trying to figure out?",
                "Tell me a bit more about what you're aiming for.",
                "What would be most useful to you now?",
            ),
        },
    },
}


def lines(lang: str, register: str, kind: str) -> tuple[str, ...]:
    """The default lines of one kind ("offer", "deflect"...) for a language and register."""
    by_register = BANKS.get(lang, BANKS["en"])
    return by_register.get(register, by_register["vous"])[kind]


def job_request(lang: str, register: str, level: int) -> tuple[str, ...]:
    by_register = JOB_REQUEST.get(lang, JOB_REQUEST["en"])
    return by_register.get(register, by_register["vous"])[level]
