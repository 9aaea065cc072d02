"""Text shown to users that both the console and Telegram need: persona turns and the debrief."""

from __future__ import annotations

from bot import i18n
from bot.coach.debrief import Debrief, KeyResult
from bot.coach.keys import KEY_IDS
from bot.i18n import N_, Translate
from bot.scenario.model import Scenario

KEY_NAMES = {
    "no_preconceptions": N_("No preconceptions"),
    "be_yourself": N_("Be yourself"),
    "give_first": N_("Give first"),
    "take_interest": N_("Take an interest"),
    "long_term": N_("Long-term relationship"),
    "enjoy": N_("Enjoy it"),
    "dare": N_("Dare"),
}

KEY_HINTS = {
    "no_preconceptions": N_("leave your assumptions at the door and ask instead."),
    "be_yourself": N_("speak in your own name, about your real path and wishes."),
    "give_first": N_("offer something useful before asking for anything."),
    "take_interest": N_("open questions and real listening."),
    "long_term": N_("thank, then keep people informed."),
    "enjoy": N_("take pleasure in meeting people: it shows."),
    "dare": N_("ask for advice, a contact, an introduction."),
}

# Why a sentence was quoted: one line per rule, shown under "Why?" and in the README.
RULES = {
    "open_question": N_("an open question invites the other person to tell their story"),
    "closed_question": N_("a yes/no or one-fact question closes the conversation"),
    "presumption": N_("you stated an assumption instead of asking"),
    "giving": N_("you offered something before asking"),
    "giving_late": N_("you offered something, but only after asking"),
    "ask_before_giving": N_("you asked before giving anything"),
    "asking": N_("you dared to ask for help"),
    "premature_ask": N_("you asked before building any rapport"),
    "job_request": N_(
        "you asked for a job: the classic mistake, it turns a networking talk into a job interview; ask for advice or a contact instead"
    ),
    "gratitude": N_("you thanked them or promised news"),
    "bare_thanks": N_("a bare thank-you: say what helped you, or promise to keep them informed"),
    "personal": N_("you spoke about your own path"),
    "buzzword": N_("a generic buzzword says little about you"),
    "warm_tone": N_("a warm, positive tone"),
    "cold_tone": N_("an apology or a gloomy tone"),
}


# What would have scored higher on each key: the last line of every "Why?" answer.
KEY_HIGHER = {
    "no_preconceptions": N_(
        'To score higher: when you catch yourself assuming, turn it into a question ("How is it on your side?").'
    ),
    "be_yourself": N_(
        "To score higher: say in a sentence or two, in your own words, what you did before and what you are looking for."
    ),
    "give_first": N_(
        "To score higher: offer something useful to them (a contact, an article, your help) before your first request."
    ),
    "take_interest": N_(
        "To score higher: ask two or three open questions (how, what, why) and follow up on their answers."
    ),
    "long_term": N_(
        "To score higher: thank them for something precise, and promise to tell them how your next steps go."
    ),
    "enjoy": N_(
        "To score higher: show your curiosity and pleasure in the exchange, and avoid apologising for being there."
    ),
    "dare": N_(
        "To score higher: once some rapport exists, ask for advice or for a contact (never for a job), clearly and simply."
    ),
}
FULL_MARKS = N_("Full marks on this key: keep doing exactly this.")

# An inline keyboard as the services and handlers build it: rows of (label, callback data). Defined
# here, not in bot/telegram, because the services (challenges, contacts) build buttons too.
Buttons = list[list[tuple[str, str]]]


def persona_line(scenario: Scenario, text: str, _: Translate) -> str:
    return _("{name}: {text}").format(name=scenario.persona.name.split()[0], text=text)


def seven_keys(_: Translate) -> str:
    return "\n".join(
        "• " + _("{key}: {hint}").format(key=_(KEY_NAMES[k]), hint=_(KEY_HINTS[k])) for k in KEY_IDS
    )


def score_line(result: KeyResult, _: Translate) -> str:
    name = _(KEY_NAMES[result.key])
    if result.score is None:
        return _("{key} — not measured").format(key=name)
    return f"{name} — {result.score}/100"


TELEGRAM_LIMIT = 4096


def _quote(text: str, _: Translate) -> str:
    return i18n.quote(_, text)


def debrief_text(debrief: Debrief, scenario: Scenario | None, _: Translate, *, per_key: int = 2) -> str:
    """The debrief: each key on its own line (`<key> — <score>/100` or not measured), followed by the
    user's own sentences that earned (✅) or missed (⚠️) points, and a concrete rewrite (→)."""
    title = (
        _("Debrief of your conversation with {name}").format(name=scenario.persona.name)
        if scenario
        else _("Debrief")
    )
    lines = [title]
    if debrief.overall is not None:
        lines.append(_("Overall: {score}/100").format(score=debrief.overall))
    lines.append("")
    for key in KEY_IDS:
        result = debrief.keys[key]
        lines.append(score_line(result, _))
        for quote in result.earned[:per_key]:
            lines.append(f"  ✅ {_quote(quote.text, _)} — {_(RULES[quote.rule])}")
        for quote in result.missed[:per_key]:
            lines.append(f"  ⚠️ {_quote(quote.text, _)} — {_(RULES[quote.rule])}")
        for rewrite in result.rewrites[:1]:
            if rewrite.original:
                lines.append("  → " + _("rather: {better}").format(better=_quote(rewrite.better, _)))
            else:
                lines.append("  → " + _("try: {better}").format(better=_quote(rewrite.better, _)))
    if not any(debrief.keys[k].score is not None for k in KEY_IDS):
        lines += [
            "",
            _("The conversation was too short to measure anything: next time, try a few full sentences."),
        ]
    text = "\n".join(lines)
    if len(text) > TELEGRAM_LIMIT and per_key > 1:
        return debrief_text(debrief, scenario, _, per_key=per_key - 1)
    return text[:TELEGRAM_LIMIT]


def why_text(debrief: Debrief, key: str, _: Translate) -> str:
    """The "Why?" answer for one key: the rules that fired, the sentences, an example of better, and
    (always last) what would have scored higher."""
    result = debrief.keys[key]
    lines = [score_line(result, _)]
    if result.score is None:
        lines.append(_("This conversation gave no chance to show this key, so it is not scored."))
    for quote in result.earned[:3]:
        lines.append("✅ " + _("{key}: {hint}").format(key=_(RULES[quote.rule]), hint=_quote(quote.text, _)))
    for quote in result.missed[:3]:
        lines.append("⚠️ " + _("{key}: {hint}").format(key=_(RULES[quote.rule]), hint=_quote(quote.text, _)))
    if result.score is not None and not result.earned and not result.missed:
        lines.append(_("Nothing you wrote showed this key."))
    for rw in result.rewrites[:2]:
        lines.append(_("Better: {better}").format(better=_quote(rw.better, _)))
    lines.append(_("The key: {hint}").format(hint=_(KEY_HINTS[key])))
    # always end with what would have scored higher
    lines.append(_(FULL_MARKS) if result.score == 100 else _(KEY_HIGHER[key]))
    return "\n".join(lines)
