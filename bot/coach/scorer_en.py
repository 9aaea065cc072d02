"""English rules for the scorer (patterns on normalised text: lowercase, "'" apostrophes)."""

from __future__ import annotations

from bot.coach.scorer_rules import Gated, Rules, marker_kind, rc, rc_word, rx

FILLERS = (
    r"(?:(?:and|but|so|also|ok|okay|btw|oh|ah|hi|hey|hello|just curious|out of curiosity|quick question|anyway"
    r"|well|right|great|cool|thanks|thank you|by the way|one more thing|one last thing|sorry|lol|haha|plus"
    r"|honestly|seriously|then|now|in that case|actually|besides|and then|one question|just one question"
    r"|genuinely|curious|also curious)\b[\s,:]*)*"
)
SUBJ = (
    r"(?:you|u|ya|your|ur|it|there|the|they|we|i|he|she|this|that|anyone|any|someone|people|most|hr|a|an"
    r"|y'all|recruiters|companies|managers|things|everyone|anybody|somebody)"
)
AUX = (
    r"(?:do|does|did|are|r|is|was|were|have|has|had|can|could|would|will|shall|should|may|might|am|don't|doesn't"
    r"|didn't|aren't|isn't|wasn't|haven't|hasn't|won't|wouldn't|can't|couldn't|dont|doesnt|didnt|arent|isnt"
    r"|havent|wouldnt|cant|couldnt)"
)
# not a wish: "Have a great evening!"
AUX_SUBJ = (
    r"(?!have (?:a|an) (?:good|great|nice|lovely|safe|wonderful|fantastic|happy|brilliant)\b)"
    + AUX
    + r"\s"
    + SUBJ
    + r"\b"
)
WH_OPEN = r"(?:how(?!\s(?:many|much|long|often|old|big|far|soon|large|come\b))|why|how come)\b"
WH_CLOSED = r"(?:how\s(?:many|much|long|often|old|big|far|soon|large)|when|where|who|whom|whose|which)\b"

_START = rc(
    "^"
    + FILLERS
    + r"(?:(?P<o>"
    + WH_OPEN
    + r"|what\s(?:about|else|kind|sort|type|made|makes|drew|drives|keeps|brought|led|got|surprised|excites|motivates)\b)"
    r"|(?P<q>what(?:'s|s|\sis|\sare|\swas|\swere)?)\b"
    r"|(?P<c>" + WH_CLOSED + "|" + AUX_SUBJ + "))"
)
_IN_SITU = rc(
    r"(?P<o>\b"
    + WH_OPEN
    + r"|\bwhat\s(?:about|else|kind|sort|type|made|makes|drew|drives|keeps|brought|led|got|surprised)\b)"
    r"|(?P<q>\bwhat(?:'s|s|\sis|\sare|\swas|\swere)?)\b"
    r"|(?P<c>\b"
    + WH_CLOSED
    + r"|^(?:"
    + FILLERS
    + ")"
    + AUX_SUBJ
    + r"|^(?:"
    + FILLERS
    + r")(?:any chance|would (?:you|u) mind|mind if i|possible for (?:you|u) to|is there any way|is there (?:any|some)(?:one|body)"
    r"|(?:you |u )?(?:want|wanna|need) me to)\b"
    r"|,\s?(?:right|correct|yes|no|or not)$|\bor not\b)"
)
_WHAT_NOUN = rc(
    r"\s(?:(?:is|are|was|were|'s)\s)?(?:(?:the|your|ur|their|his|her|its)\s)?(?:(?:kind|sort|type) of\s)?(?P<noun>[a-z]+)\b(?!')"
    r"(?:\s(?P<next>[a-z]+))?"
)
_FACT_WORDS = (
    "time size school schools year years company companies city town day date age salary salaries budget"
    " name names title team department tools tool software stack language languages degree country office"
    " headcount number rate price cost hours shift contract level month months week weeks university uni"
    " program programme platform platforms tech technologies version region location address email phone"
    " role roles position positions job jobs"
)
FACT_NOUNS = frozenset(_FACT_WORDS.split())

SECOND_PERSON = rc_word(r"\b(?:you|your|u|ur|yours|yourself|ya|y'all)\b")
_STRONG_START = rc(
    "^" + FILLERS + r"(?:(?:" + WH_OPEN + "|" + WH_CLOSED + r"|what\b)(?:\s\S+){0,3}?\s)?" + AUX_SUBJ
)
_INTONATION = rc(
    r"^" + FILLERS + r"(?:you|u|ya|y'all) (?:still|guys|hiring|based|working|free|around|busy|ok|in)\b"
)
# elided or polite question frames that need no "?": "any chance you could …", "want me to send …"
_INTONATION_FRAME = rc(
    r"^"
    + FILLERS
    + r"(?:any (?:openings?|vacancies|jobs?|roles?)|any chance|would (?:you|u) mind|mind if i|possible for (?:you|u) to|is there any way|(?:you |u )?(?:want|wanna|need)"
    r" me to|(?:you |u )?want (?:the|a|an|that|those|some|his|her|their|my)|fancy|(?:you |u )?free (?:for|to|on)|(?:you |u )?up for|(?:you |u )?around (?:for|next|this|on))\b"
)
# the last comma chunk as a question on its own: "you must be busy, do you know anyone at X"
_TAIL_QUESTION = rc(
    r"^"
    + FILLERS
    + r"(?:"
    + AUX
    + r"\s(?:you|u|ya|anyone|there|someone)\b|any chance\b|would (?:you|u) mind\b)"
)
_TAG_END = rc(r"(?:,\s?|\s)(?:right|correct|yeah|no|or not|isn't it|aren't you|don't you)$")


def at_start(clause: str) -> str | None:
    return marker_kind(_START.match(clause), _WHAT_NOUN, FACT_NOUNS)


def in_situ(clause: str) -> str | None:
    return marker_kind(_IN_SITU.search(clause), _WHAT_NOUN, FACT_NOUNS)


def strong(clause: str) -> bool:
    return _STRONG_START.match(clause) is not None


def intonation(clause: str) -> bool:
    if PRESUMPTION.search(clause):
        return False
    if _INTONATION.match(clause) or _INTONATION_FRAME.match(clause):
        return True
    return _TAG_END.search(clause) is not None and SECOND_PERSON.search(clause) is not None


def tail_question(clause: str) -> bool:
    return _TAIL_QUESTION.match(clause) is not None


SUB_SPLIT = Gated(
    rc(
        r"\s*,\s*(?=(?:and|but|so|or)\b)|\s*:\s*|\s+-\s+"
        r"|\s+(?:and|but)\s+(?=(?:how|what|why|when|where|who|which|do|does|did|are|is|could|would|can|will|have|has)\b)"
    ),
    (",", ":", "-", " and ", " but "),
)

OPEN_FORCED = rx(
    r"\btell(?<!you can tell)(?<!u can tell)(?<!you could tell)(?<!so i can tell) (?:me|us) (?:about|more|how(?! many| much| long| often| old| big)|why|what|a bit|a little|everything)\b",
    r"\b(?:walk|talk|take) (?:me|us) through\b",
    r"\b(?:i'?d|i would|id|i'?d really|i would really) (?:love|like|be (?:curious|interested|keen)) to (?:understand|know|hear|learn)"
    r" (?:more |a bit |a little )?(?:about |how|why|what|your|the way)",
    r"\bi'?m (?:curious|interested|keen) (?:about|to (?:know|hear|understand|learn)|how|why|what)\b",
    r"\bi(?: was| am|'m|m) (?:wondering|curious) (?:how|why|what)\b",
    r"\bhelp me (?:to )?understand\b|\bsay (?:a (?:bit|little) )?more about\b",
    r"\b(?:could|can|would) you (?:tell|explain|describe|walk|talk|share) (?:me |us )?(?:roughly |briefly |quickly |simply"
    r" |in a nutshell |in short )?(?:about |more |a bit |through )?"
    r"(?:how(?! many| much| long| often)|why|what|through|more|your|the way)\b",
    r"\b(?:could|can|would) (?:you|u) (?:elaborate|expand|say (?:a bit |a little )?more|unpack)\b|\b(?:elaborate|expand) on\b",
    r"\bexplain (?:to me )?(?:how|why|what)\b|\bdescribe (?:your|how|what)\b|\bshare (?:a bit|more|a little) about\b",
    r"\bwhere do you see (?:\S+ ){0,8}?(?:heading|going)\b",
    r"\bi (?:was|am|'m) (?:just )?curious,? (?:like,? )?(?:what|how|why|where|who|which)\b",
)
CLOSED_FORCED = rx(
    r"\bwhat about (?:the|that|this|your) (?:job|role|position|post|vacancy|opening)\b",
    r"\bi(?: was| am|'m|m) wondering (?:if|whether)\b",
    r"\bi(?: was| am|'m|m) wondering,? (?:like,? )?(?=(?:are|do|does|is|can|could|would|will|have|has)\b)",
    r"\bi(?:'m| am|m) (?:writing|reaching out|messaging|emailing) to (?:find out|ask|see|check) (?:if|whether)\b"
    r"|\bi(?:'m| am|m) curious (?:if|whether)\b",
    r"\b(?:could|can) you (?:tell|let) me (?:if|whether|how many|how much|how long|when|where|who|which)\b",
    r"\bi'?d (?:like|love) to know (?:if|whether)\b",
)
HYPOTHETICAL = rx(
    r"\bin my (?:shoes|position|place|situation)\b", r"\bif you were (?:me|in my)\b", r"\bwhat would you do\b"
)

NEGATION = rc(
    r"\b(?:not|never|no need|without|won't|don't|didn't|isn't|aren't|wouldn't|can't|cannot|no)\b|n't\b"
)

# --- giving ----------------------------------------------------------------------------------------
OFFER = (
    r"(?:send|share|introduce|connect|forward|pass|put you in touch|lend|show|give you|help|email you|intro|loop you in"
    r"|set you up|hook you up|drop you|ask around)"
)
_NOT_NEWS = r"(?! (?:you |u )?(?:a |an )?(?:quick |short )?(?:message|note|line|text|update|email|word)\b(?! (?:about|on) (?:the|a|an|this|that)))"


def _not_after(subjects: tuple[str, ...], anchors: tuple[str, ...]) -> str:
    """Fixed-width look-behinds placed *after* an anchor word ("not '<subject> <anchor>'"): a pattern that starts with a
    look-behind would make `re` try every position instead of scanning for the anchor's first letter."""
    return "".join(f"(?<!\\b{s} {a})" for s in subjects for a in anchors)


_MODALS = ("could", "might", "may", "should", "would", "will", "can")
# "i doubt my profile would interest you": the user's own things are not an offer
_SELF_SUBJECTS = ("i", "profile", "cv", "resume", "background", "experience", "application", "skills")

# --- offer and request frames, built from parts ---------------------------------------------------
# An offer = first-person offer modal ("i can", "i'd be glad to", "happy to", "let me", "want me to")
# + (adverbs) + a transfer/help verb ("send", "intro", "put you in touch", "review", "flag" …), or the
# modal + any verb acting on *their* things ("i'd be glad to review your pitch deck"), or a value
# statement aimed at them ("worth a listen for your team", "could be handy for your hiring").
_OFFER_MODAL = (
    r"(?:i(?:'?ll| will| can| could| can always| could always| can also| could also| could easily| can easily"
    r"|'?d be (?:\S+ )?(?:happy|glad|delighted|keen|pleased) to|'?m (?:\S+ )?(?:happy|glad|keen|pleased|down|able) to"
    r"| am (?:\S+ )?(?:happy|glad|keen|pleased) to|'?d love to| would love to| would be (?:\S+ )?(?:happy|glad) to"
    r"| don'?t mind| wouldn'?t mind|'?m going to|'?m gonna|'?m offering to| offer to)|ill|im (?:happy|glad|down) to"
    r"|id (?:be (?:happy|glad)|love) to|(?:more than |really |super |very )?(?:happy|glad|keen) to|let me|lemme"
    r"|(?:want|need|like) me to|shall i|should i|can i|could i|may i|i'?d (?:gladly|happily)|id (?:gladly|happily))"
)
_STRONG_OFFER_MODAL = (
    r"(?:i(?: can| could| can always| could always| can also| could also|'?d be (?:\S+ )?(?:happy|glad|delighted|keen"
    r"|pleased) to|'?m (?:\S+ )?(?:happy|glad|keen|pleased|down) to| am (?:\S+ )?(?:happy|glad|keen) to"
    r"| don'?t mind| wouldn'?t mind|'?m offering to| offer to)|im (?:happy|glad|down) to|id be (?:happy|glad) to"
    r"|(?:more than |really |super |very )?(?:happy|glad|keen) to|let me|lemme|(?:want|need|like) me to|shall i)"
)
_ADV = (
    r"(?:(?:also|definitely|easily|gladly|totally|happily|always|just|even|probably|certainly|absolutely|defo|def|quickly"
    r"|personally|go ahead and|try to|then) )"
)
TRANSFER = (
    r"(?:"
    + OFFER[3:-1]
    + r"|review|look over|read over|proofread|check over|flag|recommend|point you|walk you through"
    r"|dig out|dig up|find you|shoot (?:you|u) (?:the|a|an|his|her|their|over)|dm (?:you|u) (?:the|his|her|their)|vouch"
    r"|mentor|coach|host|invite|add you|cc you|copy you in|get you (?:in|a|the|an|his|her|their)|sort you out|put in a"
    r"(?: good)? word|(?<!can i )(?<!could i )(?<!may i )mention you|give (?:you|u|your team)|lend (?:you|u)|pass (?:on|along)|spread the word|signpost"
    r"|put (?:you|u) (?:in touch|forward)|make (?:an|the|a few|some) intros?|set up an intro|email (?:you|u) (?:the|a|an|his"
    r"|her|their|over)|put the word out|get the word out|volunteer|step in|chip in|pitch in|help out|lend a hand"
    r"|get (?:you|u) (?:\S+ )?(?:talking|connected|in touch|an intro|introduced|in front of)|(?:you|u) (?:two|both) talking)"
)
# verbs that act on their things for the user's own sake ("i'd love to join your team")
_SELF_SERVING = (
    r"(?!(?:apply|join|work|visit|meet|see|hear|learn|read(?! over)|follow|use|cite|contact|call|ask|get|have|take|borrow"
    r"|thank|bother|reach|message|text|ping|come|talk|chat|speak|know|understand|start|keep|stay|wait|discuss|pick|steal"
    r"|catch|grab|be|become|spend|find out|check out|look at|look up|look into|hop on|sit in|shadow|attend|interview|trouble"
    r"|take up|waste|answer|respond|reply)\b)"
)
_THEIR = r"(?:your|ur|for (?:you|u|your|ur|y'all))\b"
OFFER_FRAMES = (
    r"\b" + _OFFER_MODAL + r" " + _ADV + r"{0,2}" + TRANSFER + r"\b" + _NOT_NEWS,
    r"\b"
    + _STRONG_OFFER_MODAL
    + r" "
    + _ADV
    + r"{0,2}"
    + _SELF_SERVING
    + r"[a-z]+\b (?:\S+ ){0,3}?"
    + _THEIR,
    r"\bworth (?:a (?:listen|look|read|watch|visit|try|follow|peek|shot)|checking out|reading|watching|listening to"
    r"|your time|looking (?:at|into))\b",
    # not about the user ("i doubt my profile would interest you")
    r"\b(?:could|might|may|should|would|will|can)"
    + _not_after(_SELF_SUBJECTS, _MODALS)
    + r" (?:really |definitely |also |totally |actually )?(?:be (?:\S+ )?(?:useful"
    r"|handy|helpful|relevant|interesting|valuable|of use|of interest|a good fit|a great fit|worth)|help|interest|suit)"
    r" (?:for |to )?(?:you|u|your|ur)\b(?!(?: \S+){0,2} to [a-z]+\b)",
    r"\bright up (?:your|ur) (?:street|alley)\b",
    # "my sister runs a physio service, might that interest you?"
    r"\b(?:might|could|would|may) (?:that|this|it|they|he|she) (?:\S+ )?(?:interest|help|be of (?:interest|help|use) to) (?:you|u|your)\b",
    # "if I come across good candidates I'll point them your way"
    r"\b(?:point|send|steer|direct|refer) (?:them|him|her|people|candidates|anyone|someone)(?: \S+){0,2}? (?:your way|to you)\b",
    r"\bif (?:you|u|ya|your team|ur team)(?: ever| guys| still)? (?:need|needs)\b"
    r"(?!(?: \S+){0,4}? (?:from me|about me|on my|about my|my cv|my resume|my references|to reach me|me to (?:send|share)"
    r" (?:my|more about))\b)",
    r"\bif (?:you|u) (?:want|like|'d like|would like|wanna) me to\b",
    r"\bfeel free to (?:reach out|ask|ping me|use|grab|borrow|take|shout|get in touch|hit me up|message me|dm me|call me"
    r"|lean on me|pick my brain)\b",
)

GIVING = rx(
    r"\bi(?:'?ll| will| can| could| would be happy to|'?d be happy to|'?d be glad to| am happy to|'?m happy to|'?d love to"
    r"| would love to| can also| could also|'?ll also)\s(?:also |definitely |easily |gladly |totally |happily )?"
    + OFFER
    + r"\b"
    + _NOT_NEWS,
    r"\b(?:happy|glad|keen|more than happy) to (?:send|share|introduce|connect|forward|pass|help|put you|lend|make an intro"
    r"|loop you in|intro|make the intro|point you|pass along|dig out|look into|ask around)\b",
    r"\b(?<!for )(?:sending|forwarding|sharing|attaching|dropping) (?:you |u )?(?:over |along )?(?:the|a|an|some|my notes|those|these"
    r"|this|that)\b",
    r"\b(?:thought|figured|think|reckon) (?:you|u)(?:'d| would| might| may|'ll| will) (?:find|like|enjoy|love|be interested|want)\b",
    r"\b(?:you|u)(?:'d| would| might| may) (?:find|like|enjoy|love) (?:it|this|that|them|these)\b",
    r"\bthought of (?:you|u|your|ur)\b|\blink (?:below|above|attached|here)\b|\b(?:it's|its|it is|they're|theyre|they are) (?:all )?yours\b|\b(?:are|is) all yours\b|\b(?:relevant|useful|handy) (?:to|for) (?:you|your|u|ur)\b(?!(?: \S+){0,2} to [a-z]+\b)",
    r"\bcheck(?<!you check)(?<!u check) (?:out|this out)\b(?! my\b)",
    r"\bwant(?<!i want)(?<!we want)(?<!they want)(?<!really want)(?<!just want) (?:the|a|an|that|those|some|his|her|their|my) (?:\S+ ){0,2}?(?:link|contact"
    r"|details|number|email|deck|slides|report|notes|recording|list|intro|article|template|podcast|book|guide)\b",
    r"\b(?:i'?ll|i will|i can|i could|let me|happy to|glad to) (?:\S+ ){1,10}?for (?:you|u|your team)\b(?! (?:time|taking))",
    r"\blet me (?:send|share|forward|intro|introduce|connect|put you|loop you|dig out|find you|ask around)\b",
    r"\b(?:i'?ll|ill|i will|i can|let me|i'?m going to|gonna) (?:also |just )?(?:drop|paste|leave|attach|post|link|put|dm)"
    r" (?:you )?(?:the|a|an|some|my notes|a few|those|these|that|this|his|her|their) (?:\S+ ){0,2}?(?:link|links|doc|docs"
    r"|file|files|deck|slides|article|notes|details|contact|email|number|resources?|recording|report|list|template|info"
    r"|guide|podcast)\b",
    r"\bhere(?:'s| is| are|s) (?:the|a|that|this|an|some|my notes)\b(?! (?:cv|resume|application)\b)",
    r"\bas promised\b",
    r"\b(?:(?:want|would you like|do you want) me|shall i|should i|can i|could i|may i) (?:to )?(?:send|share|introduce|forward"
    r"|put you in touch|connect you|pass|loop you in)\b",
    r"\bif (?:it|that|this)(?:'s| is| would be| might be| could be)? (?:useful|helpful|helps|of use|of interest|interesting"
    r"|(?:of )?any (?:use|help)|of (?:some )?help)\b",
    r"\bif (?:it|that) helps\b|\bif (?:useful|helpful|relevant|of interest|interested)\b",
    # "can intro you", "my friend could send you the deck": a modal + transfer verb + "you" as the object
    r"\b(?:can|could|will|'ll) (?:happily |gladly |easily |definitely )?(?:intro|introduce|connect|send|forward|share|pass|loop|email)"
    r" (?:you|u)\b(?! (?:a |an )?(?:quick |short )?(?:message|note|line|text|update|email)\b)",
    # "if you're ever short of mentors"
    r"\bif (?:you're|youre|you are|ur|you|your team is|your team's) (?:ever |still )?(?:short (?:of|on)|stuck|in need of|looking for"
    r" (?:a hand|help|volunteers|someone to))\b",
    r"\b(?:just |i'?ve |i have |i )(?:sent|shared|forwarded|emailed|dropped) (?:you|u|over) (?:the|a|that|this|an|some|my notes)\b",
    r"\b(?:might|could|may|should|would) be (?:handy|useful|helpful|of interest|interesting|relevant) (?:for|to) (?:you|your)",
    r"\bcount me in\b|\bif you (?:ever )?need (?:a hand|someone|help|anything|an extra)\b"
    r"(?!(?: \S+){0,4}? (?:from me|about me|on my|about my|my cv|my resume|my references|to reach me)\b)",
    r"\blet me know if (?:you need|i can help|that helps|it helps|you'd like|you want)\b",
    r"\bif i can (?:ever |also |somehow )?(?:help|be of (?:any )?help|return the favou?r|do anything|be useful)\b",
    r"\bi know (?:someone|somebody|a few|some|two|three|several|a (?:great|good|brilliant)|a guy|a woman|just the|plenty of)\b",
    r"\b(?:you|your team) (?:might|may|could|would) (?:find|like|enjoy|want to (?:check|look))\b",
    *OFFER_FRAMES,
)
# offers by what they do for the other person, whatever the wording
GIVING = rx(
    r"\bi(?:'ve| have) got (?:a|an|some|two|a few) (?:spare |free |extra )?\w+(?: \S+){0,6}? if (?:you|u) (?:fancy|want|'d like|would like|need|are interested)",
    r"\bwant (?:it|them|one|a copy)\b ?\??$",
    r"\bi'?d (?:happily|gladly) (?:do it|do that|come|step in|help)\b",
    # something the user made, then "I can email it over"
    r"\bi(?:'ve| have)? (?:wrote|written|made|built|put together|drafted|compiled)\b(?: \S+){1,12}?,? (?:i can|i could|i'?ll|happy to|glad to)"
    r" (?:\w+ )?(?:email|send|forward|share|pass|drop|post) (?:it|them|that|this|those) (?:over|along|on|across|your way|to you)\b",
    r"\b(?:happy|glad|keen) to (?:\S+ ){1,5}?(?:and|&) help\b",
    r"\bmy (?:\S+ ){0,3}?(?:team|friends|colleagues|network|club|group|mates|students)(?: \S+){0,2}? (?:would|'d|could|will) (?:be )?(?:up for it|happy to|keen|glad to|love to)\b",
    GIVING.pattern,
    # someone the user can mobilise: "my brother could look at your truck"
    r"\b(?:he|she|they|my (?:\S+ )?(?:nephew|niece|son|daughter|brother|sister|cousin|friend|mate|neighbou?r|colleague|husband|wife|partner|boss|dad|mum|mom|father|mother)s?(?:'s)?|a friend(?: of mine)?|a mate)(?: \S+){0,5}? (?:could|can|would|'d|might|will|'ll)"
    r" (?:happily |gladly |probably |definitely )?(?:look at|help|fix|review|train|lend|give|show|host|check|mentor|advise"
    r"|talk to|run|do|sort|take a look|(?!(?:be|have|get|want|need|like|know|think|say|ask|never|not)\b)[a-z]+)\b(?: \S+){0,5}?"
    r" (?:you|your|u|ur)\b",
    r"\bmy (?:\S+ )?(?:nephew|niece|son|daughter|brother|sister|cousin|friend|mate|neighbou?r|colleague|husband|wife|partner)s?"
    r"(?: \S+){0,5}? (?:would love to|would be happy to|would be glad to|are keen to|is keen to|can|could) (?:help|lend a hand"
    r"|pitch in|volunteer|give (?:you )?a hand)\b",
    # a candidate for them: "i know a developer who's looking for exactly that kind of contract"
    r"\bi know (?:a|an|someone|somebody|people|\S+) (?:\S+ ){0,3}?(?:who|that)(?:'s|'re| is| are)? (?:\S+ )?(?:looking for|after"
    r"|seeking|searching for) (?:\S+ ){0,4}?(?:job|role|contract|position|internship|placement|work|apprenticeship)s?\b",
    r"\bi know (?:\S+ ){1,5}?(?:who|that)(?:'d|'ll|d)? (?:\S+ ){0,8}?(?:(?:with|for|to) (?:you|u)|(?:with |for |to )?(?:your|ur))\b",
    r"\bmy (?:\S+ )?(?:nephew|niece|son|daughter|brother|sister|cousin|friend|mate|neighbou?r|colleague|husband|wife|partner|flatmate|godson|goddaughter)s?(?:'s| is| are| would be)? (?:\S+ )?(?:free|available|keen|interested|up for it|looking for work)\b",
    # an offer on their need: "if your team's short-handed …, i'll take care of it"
    r"\bif (?:you|u|your \S+|ur \S+)(?:'re|'s| are| is|re|s)? (?:ever |still )?(?:short|stuck|need|needs|looking for|struggling|in need"
    r"|after)\b\S*(?: \S+){0,8}? (?:i'?ll|ill|i can|i could|i know|i'd|id|happy to|count me)\b",
    r"\b(?:i'?ll|ill|i will|i can|i could|let me) (?:\S+ )?(?:bring|get|find|print|make|write|prepare|save|keep|book|grab|fetch"
    r"|dig out) (?:you|u) (?:a|an|the|some|my|those|that|this)\b" + _NOT_NEWS,
    # a candidate for them: "my niece is looking and she's brilliant"
    r"\b(?:my|a) (?:\S+ ){0,2}?(?:is|'s) looking(?= and\b|,| ?$| for (?:a|an) (?:\S+ )?(?:job|internship|placement|role|apprenticeship"
    r"|position)\b)",
    r"\bwould it (?:help|be useful|be helpful) if i\b",
    r"\bi (?:could|can|'?ll) ask (?:him|her|them|my \S+) (?:if|whether|to)\b",
    r"(?<!give me a )(?<!give us a )\bheads[- ]up\b|\bin case you missed it\b|\bfyi\b",
    r"\b(?:looks|sounds|seems) like (?:a )?(?:good |great |perfect )?(?:fit|match) for (?:you|your|u|ur)\b",
    r"\bhere(?:'s| is|s) my \S+(?:'s)? (?:email|number|contact|details|card|linkedin)\b",
    r"\bi'?d (?:gladly|happily|be glad to|be happy to) (?:take a look|help|look|review|share|show|pitch in)\b",
    r"\b(?:could|can|'d be happy to|'d gladly) share my (?!screen)\w+",
    r"\bi (?:could|can|'?ll|would) put together\b",
    r"\bhere(?:'s| is|s) (?:their|his|her|the) (?:site|website|link|email|number|details|contact)\b",
    r"\b(?:put|get) (?:you|u) (?:two |both )?in touch\b",
    r"\b(?:can|could|'d be happy to|'d gladly) share what\b",
    r"\buseful (?:info|tip|link) for (?:you|your)\b",
)

SELF_OBJECT = rc(
    r"\b(?:my|our) (?:cv|resume|portfolio|profile|application|cover letter|linkedin)\b|\bthe (?:cv|resume|portfolio(?: link)?|cover letter)\b|\b(?:your|ur) (?:feedback|opinion|thoughts|advice)\b"
)

# --- asking ----------------------------------------------------------------------------------------
REQUEST = (
    r"(?:introduce|connect|put me in touch|refer|recommend|review|look (?:at|over)|have a (?:quick )?look|take a (?:quick )?look"
    r"|glance|pass|forward|share (?:his|her|their|your|the) (?:contact|email|details|number|name)|send me|give me (?:some |a few "
    r"|any |your |a )?(?:advice|feedback|tips|names|pointers|contacts|referral|intro|hand)|help me|mentor|vouch|check (?:my|over)"
    r"|read (?:my|over)|proofread|point me|keep me in mind|mention me|spare|meet|recommend me|suggest someone|sponsor"
    r"|put in a (?:good )?word|do me a favou?r|pass (?:on )?my|vouch for me)"
)

# --- request frames, built from parts ---------------------------------------------------------------
_OPINION = (
    r"(?:(?:your|ur|any) (?:honest |frank |quick |candid |brutal |two )?(?:thoughts|feedback|opinion|take|input|cents|view"
    r"|eyes|notes|comments|pointers|tips)|what (?:(?:do|would|did) )?(?:you|u) (?:think|make|reckon))"
)
_MY = r" (?:\S+ ){0,2}?(?:on|about|of) (?:my|our)\b"
_I_FORMS = ("i", "i'll", "ill", "i'd", "gonna", "going to", "need to", "have to")
REQUEST_FRAMES_ANY = (
    # someone open/willing: "would you be open to", "i was wondering if you'd be up for"
    r"\b(?:would (?:you|u)|(?:you|u)(?:'d| would|d)) (?:\S+ )?(?:be )?(?:open|willing|up|ok|okay|happy|able|keen|comfortable"
    r"|available|prepared|down) (?:to|for)\b(?! (?:know|hear|learn|see)\b)",
    # reviewing the user's own things: "please have a look at my cv", "look over my portfolio"
    r"\b(?:have|take)"
    + _not_after(_I_FORMS, ("have", "take"))
    + r" a (?:quick |brief |little |proper |short )?(?:look|glance|peek|squiz|gander)"
    r" (?:at|over|through) (?:my|our)\b",
    r"\b(?:look|glance|go|read|run your eye)"
    + _not_after(_I_FORMS, ("look", "glance", "go", "read", "run your eye"))
    + r" (?:over|through) (?:my|our)\b",
    r"\b(?:proofread|critique|sanity-check|sanity check|tear apart|skim)"
    + _not_after(_I_FORMS, ("proofread", "critique", "sanity-check", "sanity check", "tear apart", "skim"))
    + r" (?:my|our)\b",
    r"\b(?:tell|let) me (?:know )?" + _OPINION + _MY,
    r"\b(?:i'?d|i would|id|would) (?:really |so |very much )?(?:love|like|appreciate|value|welcome|be grateful for)"
    r" (?:to (?:get|have|hear) )?" + _OPINION + _MY,
    r"\bany (?:\S+ )?(?:feedback|thoughts|input|comments|pointers|tips|advice) (?:on|about|for) (?:my|our)\b",
)
REQUEST_FRAMES_Q = (
    r"\b" + _OPINION + _MY,
    # the person the user could contact: "anyone in your network you think i should talk to"
    r"\b(?:anyone|anybody|someone|somebody|people|a person|names?|contacts?|the right person)\b(?:\s\S+){0,6}?\s(?:i|we)"
    r" (?:could|should|can|might|ought to|need to|'d need to|would need to) (?:talk|speak|reach|contact|meet|approach|ask"
    r"|get in touch|email|message|connect|chat|follow up|write|call)\b",
)

ASKING = (
    (
        rx(
            r"\b(?:could|can|would|will|might) (?:you|u) (?:please |possibly |maybe |kindly |perhaps |also |pls |plz )?"
            + REQUEST
            + r"\b",
            r"\bwould (?:you|u) (?:also |really |perhaps |maybe )?(?:be )?(?:open|willing|ok|okay|up|available|comfortable|able)"
            r" (?:to|for|with|\w+ing)\b",
            r"\bwould (?:you|u) mind\b",
            r"\b(?:you|u)(?<!\bif you)(?<!\bif u) (?:could|might|can|would) (?:possibly |maybe |perhaps |also )?(?:be able to )?"
            + REQUEST
            + r"\b",
            r"\b(?:(?<!by )any chance(?! (?:of|for) (?:a|an) (?:job|role|position|opening|place|spot)\b| there(?:'s| is| are| might| would)\b)"
            r"|possible for you to|if you could)\b",
            r"\b(?:would|do) (?:you|u) (?:suggest|recommend|advise)\b|\b(?:suggest|recommend|advise) (?:that )?i\b",
            r"\bsuggest (?:\S+ ){0,5}?(?:i|we) could (?:talk|speak|meet|contact|reach|call)\b",
            r"\b(?:best|right|smartest) (?:way|approach|route|place) (?:to|for me|in)\b",
            r"\bwould it be (?:possible|ok|okay|alright|all right) (?:to|for me|if i)\b|\bis it ok(?:ay)? if i\b|\bdo you mind if i\b",
            r"\b(?:it would be|it'd be|would be) (?:really |so |super )?(?:great|amazing|wonderful|helpful|lovely|fantastic|awesome)"
            r" if (?:you|u)\b",
            r"\bi(?:'?d| would) (?:really |so )?(?:love|appreciate|be (?:very |really |so )?grateful)(?: it)? if (?:you|u)\b",
            r"\b(?:what|any) (?:advice|tips|recommendations|suggestions|pointers)\b",
            r"\b(?:piece|bit|word) of advice\b|\bi'?d (?:love|like|appreciate|value) your (?:advice|opinion|thoughts|take|input|view)\b",
            r"\bwhat would (?:you|u) (?:change|improve|fix|add|cut|tweak|rework|do differently)\b",
            r"\bin my (?:shoes|position|place)\b|\bif you were (?:me|in my)\b|\bwhat would you do\b",
            r"\b(?:please |pls |plz )?(?:send|introduce|connect|forward|pass|refer) me\b",
            r"\b(?:please|pls|plz) (?:send|introduce|connect|forward|pass|put|share|review|look|let me know who|tell me who)\b",
            r"\blet me know who\b|\bput me in touch\b|\bintroduce me to\b|\bconnect me (?:with|to)\b|\brefer me\b",
            r"\bask(?:ing)? (?:you )?(?:for )?(?:a |an )?(?:favou?r|referral|introduction|intro|recommendation)\b",
            r"\bminutes of your time\b|\ba (?:few|couple of) minutes\b",
            # a proposal for a next meeting without "?": "maybe we could catch up", "let's grab a coffee"
            r"\b(?:maybe|perhaps|hopefully) we (?:could|can|should|might)\b",
            r"\bmind if i\b|\b(?:keep|have) me in mind\b|\bthink of me\b|\bkeep an eye out for me\b|\bping me if\b",
            r"\b(?:i'?d|i would) (?:really |so )?(?:love|like|welcome the chance|appreciate the chance|appreciate the opportunity) to"
            r" (?:chat|talk|speak|connect|meet|grab|catch up|pick your brain)\b",
            r"\b(?:grateful|thankful) for (?:any|some|a few|your) (?:\S+ )?(?:pointers|advice|tips|help|intro|introductions"
            r"|feedback|suggestions|names|contacts|thoughts|guidance)\b",
            r"\b(?:your|ur) (?:\S+ ){0,2}?would (?:\S+ )?(?:help|mean a lot|be (?:so |really |super )?(?:helpful|valuable|useful))\b",
            r"\blet'?s (?:meet|grab|catch up|stay in touch|keep in touch|set up|schedule|book|chat again|talk again|get (?:a|coffee))\b",
            r"\bwe should (?:meet|grab|catch up|stay in touch|keep in touch|get (?:a|coffee|lunch)|have (?:a|lunch|coffee)|chat again|talk again)\b",
            # their opinion on what I should do = advice
            r"\b(?:do|would|did) (?:you|u) (?:think|reckon|say|feel) (?:that )?i (?:should|could|ought|need|must|have to|would be better"
            r"|stand a chance|have a (?:shot|chance))\b",
            r"\b(?:is|would) it (?:be )?(?:better|smarter|wiser) (?:for me )?(?:to|if i)\b",
            # offering one's own CV for their review
            r"\b(?:i|i'?ll|i can|i could|can i|could i|may i) (?:\S+ ){0,2}?(?:send|forward|share|show) (?:you |u )?(?:my|our)"
            r" (?:cv|resume|portfolio|cover letter|profile|draft|deck|application|linkedin)\b(?: \S+){0,3}? (?:so (?:that )?(?:you|u)"
            r"|for (?:your|ur|a|some) (?:feedback|review|thoughts|opinion|look|input)|to (?:get|have|hear) (?:your|ur)"
            r"|if (?:you|u) (?:could|can|don't mind|have)|and (?:you|u) (?:could|can))\b",
            *REQUEST_FRAMES_ANY,
        ),
        False,
    ),
    (
        rx(
            r"\b(?:could|can|shall|should) we\b(?! (?:talk|chat|speak) about\b| discuss\b)|\b(?:grab|get|have) (?:a )?(?:coffee|call|chat|drink|lunch)\b|\bcatch up\b",
            r"\b(?:are|r) (?:you|u) (?:free|around|available|up) (?:for|to|on|this|next|tomorrow|today)\b"
            r"|\b(?:free|available) for (?:a |an )?(?:quick )?(?:call|chat|coffee|meeting|catch-up|catch up|drink)\b",
            r"\bhop on a call\b|\b(?:set up|schedule|book) (?:a )?(?:quick )?(?:call|meeting|chat)\b|\bmeet (?:up|again)\b",
            r"\bdo (?:you|u) (?:happen to )?know (?:anyone|someone|somebody|people|any)\b",
            r"\b(?:you|u) (?:wouldn'?t|would|don'?t|do|might) (?:\S+ )?(?:happen to )?know (?:anyone|someone|somebody|people|any)\b",
            r"\b(?:anyone|anybody|someone|people|names?) (?:\S+ )?worth (?:me )?(?:reaching out to|talking to|contacting|meeting|calling)\b",
            # a recommendation: "do you know a decent bookkeeping course?"
            r"\b(?:know|recommend) (?:a|an|any) (?:good |decent |reliable |solid |great )?(?:\S+ )?(?:course|training|school|book|programm?e?"
            r"|bootcamp|resource|website|podcast|certification)s?\b",
            r"\bwhat would (?:you|u) (?:tell|say to|advise|recommend to) (?:someone|somebody|a person|people|me)\b",
            r"\b(?:anyone|someone|somebody|people) (?:i|we) (?:could|should|can|might)\b|\bany (?:contacts|names|introductions)\b",
            r"\b(?:could|can|would) (?:you|u) (?:tell me|let me know) who\b",
            r"\bfollow up with (?:you|u)\b|\breach out (?:to you )?again\b",
            r"\bwe (?:could|can|should|might) (?:meet|grab|continue|chat|talk|catch|get|have|discuss)\b"
            r"|\bover (?:a )?(?:lunch|coffee|drink|call)\b",
            *REQUEST_FRAMES_Q,
        ),
        True,
    ),
)
ASK_SELF_MODAL = rx(
    r"\b(?:could|can|may|might|should|shall) i\b",
    r"\b(?:how|what|where|who|when) should i\b",
    r"\bwould it be (?:ok|okay|alright)\b",
)

# --- gratitude -------------------------------------------------------------------------------------
GRATITUDE = rx(
    r"\b(?:i'll|i will|i'd|ill) (?:write|email|e-mail|text|call|message|ping|drop you a line|get back)(?: to you| you)?(?: \S+){0,4}? (?:to )?(?:tell|let) you (?:know )?how (?:it|things|that) (?:went|goes|go)\b",
    r"\bthank(?:s| you|ful)?\b|\bthx\b|\bty\b|\btysm\b|\bcheers\b|\bmuch appreciated\b|\bmerci\b",
    r"\bi (?:really |truly |do )?appreciate (?:it|this|that|your|you)\b(?! if)",
    r"\b(?:really|truly|greatly|so) appreciate(?:d)? (?:it|this|that|your|you)\b(?! if)",
    r"\b(?:so |really |very )?grateful (?:for|to you)\b",
    r"\bkeep (?:you|u) (?:posted|updated|in the loop|informed|in the know)\b",
    r"\b(?:i'?ll|ill|i will) (?:tell|let) (?:you|u) (?:know )?(?:how|what|when|if|whether)\b",
    r"\b(?:i'?ll|ill|i will|will) (?:let (?:you|u) know|get back to (?:you|u)|report back|circle back|update (?:you|u))\b",
    r"\b(?:i'?ll|ill|i will|will) (?:send|drop|shoot) (?:you|u) (?:a |an )?(?:line|message|note|quick note|text|update|email)\b"
    r"(?! (?:about|on) (?:the|a|an|this|that) (?!interview|meeting|call))",
    r"\bfollow up (?:with (?:you|u) )?(?:after|once|when)\b",
    r"\b(?:i'?ll|ill|i will|will) (?:be|stay|keep) in touch\b",
    r"\b(?:i'?ll|ill|i will|will) (?:message|text|email|ping|call|write to|reach out to|contact|dm) (?:you|u)"
    r" (?:\S+ )?(?:once|when|as soon as|after|if)\b",
    r"\b(?:you|u)(?:'ve| have|ve) been (?:\S+ )?(?:helpful|kind|generous|a (?:huge|great|big|real) help|super helpful)\b",
    r"\b(?:you|u) (?:really |truly )?helped (?:me )?(?:a lot|so much|loads|massively|tremendously)\b",
    r"\b(?:this|that) (?:was|has been) (?:so |really |super |very |incredibly |extremely |truly )?(?:helpful|useful|valuable"
    r"|insightful|eye-opening)\b",
)
GRATITUDE_NOT = rc(
    r"\bno need to thank\b|\bno thanks\b|\bthanks but no\b|\b(?:i'?d|i would|would) be (?:\S+ )?(?:grateful|thankful)\b"
)

# --- presumption -----------------------------------------------------------------------------------
# "i know it's a big ask": a hedge about one's own request, not an idea about them
_HEDGE = r"(?!(?:'s| is|s)? (?:a (?:big|huge|lot|bit)|asking|cheeky|a stretch|short notice|last minute|out of the blue|late)\b)"
GROUP = (
    r"(?:recruiters|companies|hr|hiring managers|managers|startups|they|consultancies|employers|firms|banks|agencies"
    r"|big \w+|most \w+|large \w+|corporates|corporations|headhunters|people)"
)
PRESUMPTION = rx(
    r"\bno offen[cs]e\b",
    r"\bi know what (?:you'?re|you are) (?:going to|gonna) say\b",
    r"\bi (?:expect|bet|figured|suppose) (?:that )?(?:you|a|an|the|most|founders|startups|managers|recruiters)\b(?! (?:know|told|said|mentioned)\b)",
    r"\byou (?:\w+ )?(?:\w+ers|\w+ists|\w+ors|founders|managers|recruiters|nurses|bosses|people) (?:never|always|all) \w+",
    r"(?<!\bi )(?<!\bwe )(?<!\byou )\bmust (?:spend|have(?! been)|get|hate|love|deal with|work|earn|make)\b",
    r"\b(?:you|u)(?: guys| all| lot| people)? (?:must|probably|likely|surely|obviously|definitely|clearly) \w+",
    r"\bsurely\b|\bbound to\b|\bno doubt\b",
    # a tag question that seeks agreement on a comparison or a generalisation: "charities don't pay much, do they?"
    r"\b(?:better|worse|easier|harder|tougher|nicer|much|never|always|only)\b(?: \S+){0,6}?,? (?:isn't it|aren't they"
    r"|don't they|do they|doesn't it|does it|is it|aren't you|don't you|right)\s*$",
    r"\b(?:you|u)(?:'re| are|re) (?:probably|surely|obviously|likely|clearly|definitely)\b",
    r"\b(?:it|that|this) must be\b|\bmust be (?:nice|easy|hard|tough|great|stressful|chaotic|crazy|busy)\b",
    r"\bi know (?:that )?(?:you|your|u|ur|they|recruiters|companies|hr|it's|its|the team|most|startups|big|nobody|no one)\b"
    + _HEDGE,
    r"\b(?:of course|obviously|naturally),? (?:you|they|" + GROUP[3:-1] + r")\b",
    r"\bi'?m (?:sure|certain|positive) (?:that )?(?:you|your|u|ur|they|it|this|the|my|recruiters|nobody|no one)\b",
    r"\bi (?:guess|imagine|assume|suppose|bet|doubt)\b(?! (?:that )?(?:i'?m (?:asking|being|rambling|taking|bothering)"
    r"|i'?ve (?:been|taken|asked)|i'?ll (?:ask|be)|so\b|not\b|(?:it|this|that)(?:'s| is) (?:a (?:big|huge|lot|bit)|asking|cheeky)))",
    r"\b(?:your|ur) (?:\w+ ){1,2}(?:must|probably|surely|obviously) (?:be|have|get|hire|love|work)\b",
    r"\b" + GROUP + r" (?:\w+ )?(?:never|always|only|don't even|won't ever|all)\b",
    r"\b(?:no ?one|nobody) (?:will|would|is going to|hires|reads|cares|wants|ever)\b|\bno chance\b|\bwaste of (?:your )?time\b",
    r"\bof course (?:you|they)\b|\bobviously\b|\beveryone knows\b|\bwe all know\b|\banyway[.!]?$",
    r"\b(?:you|u) (?:only|never|always) (?:hire|recruit|take|look|read|want|pick)\b",
    r"\bi'?m (?:probably |surely |definitely )?not (?:sure i'?m )?(?:the right (?:fit|profile|person)|what you'?re looking for"
    r"|good enough|qualified enough|a (?:good|great) fit)|\bnot sure i'?m (?:the right|a (?:good|great) fit|what)",
    r"(?<=, )(?:right|isn't it|aren't they|don't they|doesn't it|aren't you|don't you|didn't you|isn't that|wasn't it|haven't you|can't you|won't it|huh) ?$",
    r"\bi'?m guessing\b",
    r"\b(?:nobody|no one|no-one)(?:'s| is| will| would|'ll)? (?:going to |gonna )?(?:hire|want|take|read|care|look at)\b",
    r"\b(?:probably|surely|certainly) (?:doesn't|does not|won't|will not|isn't|don't) (?:mean|interest|matter|count|help)\b",
    r"(?<!\bi )\bmust be (?:a|an|so|really|super|pretty|such) ",
    r"\byou (?:won't|will not|wouldn't|would not) (?:want|hire|take|consider) me\b",
    r"(?<![a-z] )must be\b",
    r"\bonly get in if\b|\bit'?s all about who you know\b",
    r"\b(?:are|is) (?:dying|dead|doomed|finished)\b",
)
PRESUMPTION_NOT = rc(
    r"\bas (?:you|u) (?:said|mentioned|told me|explained)\b|\b(?:you|u) (?:asked|asked me)\b|\byou told me\b"
    # checking a plain fact with a tag ("You're based in Bristol, right?") is not a preconceived idea
    r"|\b(?:based|located|from|originally from) (?:in|at|near|out of)?\b(?:\S+ ){0,3}?\S+, (?:right|no|yeah) ?$"
)

# --- job request -----------------------------------------------------------------------------------
_MY_FILE = r"(?:my|the) (?:cv|resume|application|name|profile|details|portfolio)"
_POST = r"(?:jobs?|roles?|positions?|posts?|openings?|vacanc\w+|opportunit\w+|internships?)"
JOB_ASK = rx(
    r"\b(?:a (?:good )?word|a nudge) (?:\S+ ){0,3}?(?:to|with) (?:the|your|ur) (?:recruit\w*|hiring manager|hr|talent|boss|manager)\b",
    r"\b(?:hire|employ|recruit) me\b|\btake me on\b|\bbring(?:ing)? me on(?:board| board)?\b",
    r"\bconsider(?:ing)? me for\b",
    r"\bget me (?:in|into|an interview|a job|a role|a position|a foot in the door|through the door|hired|on (?:the|your) (?:team|payroll|books))\b",
    r"\b(?:slot|fit|squeeze|get|put|bring) me (?:in(?:to)?|onto|on) (?:the|your|ur) (?:\S+ ){0,2}?(?:team|crew|shifts?|rota|staff|roster"
    r"|payroll|books|department)\b",
    # "I've attached my CV just in case anything opens up on your side"
    r"\b(?:attach\w*|enclos\w*|here'?s|here is|sending you|i'?ll send(?: you)?|i'?ve sent(?: you)?) (?:\S+ )?my (?:cv|resume)\b"
    r",?(?: \S+){0,5}?,? (?:in case|should|if|for when)\b(?: \S+){0,5}? (?:opens? up|comes? up|becomes? (?:free|available)|openings?"
    r"|vacanc\w+|roles?|positions?|jobs?)\b",
    r"\b(?:back|backing|support|supporting|endorse|endorsing|push|pushing|champion|championing) (?:my|the) (?:application"
    r"|candidacy|candidature|cv|resume)\b",
    # passing the user's CV or application on: "pass my resume on to your HR"
    r"\b(?:pass|passing|passed|give|giving|gave|forward|forwarding|forwarded|send|sending|sent|hand|handing|handed|flag|mention|slip"
    r"|slipping|slipped|get|getting|got|put|putting|pop|popping|popped)"
    r"(?: \S+){0,2}? "
    + _MY_FILE
    + r"(?: on| along| over| forward)?(?: \S+)? to (?!(?:get|have|hear|see|check|look|review|read|know|you\b)\b)",
    r"\b(?:forward|pass on|pass along|put forward|push) " + _MY_FILE + r"\b",
    r"\b(?:send|submit|pass|forward|give|hand)(?: \S+){0,2}? (?:my|an) application (?:for|to) (?:the|a|an|this|that|your)\b",
    r"\b(?:any way|possible|a way|chance) (?:for me to|i could|i can|i might|of me) (?:work|working|join|joining|start|starting"
    r"|get in|getting in)\b",
    r"\bask(?:ing)? (?:you )?for (?:a|an) (?:job|position|role|opening|post)\b",
    r"\b(?:introduce|refer) me to (?:\S+ ){0,3}?(?:hiring manager|recruiter|recruiting|hr\b|whoever (?:is )?hiring|whoever recruits)",
    r"\b(?:contact|talk to|speak to|reach out to|approach|ask)\b(?: \S+){0,3}? (?:about|for) (?:a|an|the) (?:\S+ ){0,3}?(?:job|role|position"
    r"|opening|vacancy)\b",
    r"\b(?:consider|keep) my application\b",
    r"\b(?:express|expressing) my interest in (?:joining|working|the (?:\S+ )?(?:role|position|job|post))\b",
    r"\bget me on (?:the|your) (?:list|shortlist|rota|books)\b",
    r"\b(?:set|hook|line) me up with (?:a|an) (?:job )?interview\b|\bget me in front of (?:your|ur|the) (?:hiring|recruit\w*|hr|manager|boss)",
    r"\bhelp me (?:to )?(?:enter|get into|join|get in) (?:in |into |to )?(?:your|ur) (?:company|team|firm|organi[sz]ation|department)\b",
)
# favours that are job requests only when about a post: "keep me in mind if something opens up"
JOB_ASK_IN_CONTEXT = rx(
    r"\b(?:keep|kept|keeping) me in mind\b|\bthink of me\b|\b(?:refer|recommend|vouch for|put in a (?:good )?word for|put my name forward"
    r"|put me forward|mention me|be considered for)\b"
    r"|\b(?:let me know|keep me posted|keep me in the loop|tell me|give me a (?:shout|heads up|call)) (?:if|when|as soon as)\b"
    r"|\bgive me a (?:shout|heads[- ]up|call|nudge)\b|\bdrop me a (?:line|message|note|text)\b|\bcount me in\b|\bsign me up\b"
)
JOB_CONTEXT = rc_word(
    r"\b(?:"
    + _POST
    + r"|hiring|recruit\w*|hire|opens up|comes up|gap on your team|(?:anything|something) (?:going |opening )?(?:at|in|on) (?:your|ur) (?:place|team|company|firm|end|side)|suit me|application|applied|cvs?|resumes?|next season|seasonal|(?:winter|summer) season|intake|join (?:your|the) (?:team|company|firm))\b"
)
JOB_QUESTION = rx(
    r"\broom for (?:a |an |someone |somebody )?(?:\S+ ){0,2}?like me\b",
    r"\b(?:opening|open|opened|creating|create|adding) (?:up )?(?:any |some |new |more )?(?:positions|roles|jobs|posts|vacancies)\b",
    r"\b(?:could|can|may|shall|might) i (?:\S+ )?send (?:you )?my (?:application|cv|resume|candidacy)\b"
    r"(?!(?: \S+){0,5}? (?:feedback|advice|opinion|thoughts|review|a look|comments|pointers))",
    r"\b(?:you|u|ya|y'all|(?:your|ur) (?:\S+ )?(?:team|company|firm|department|org|organisation|organization|shop|place|business)"
    r"|the team|they)(?: guys| all| lot| folks)?(?:'re|'s| are| is)? (?:currently |still |actually )?(?:hiring|recruiting|taking on"
    r"|taking (?:people|anyone|anybody|someone|new (?:people|staff)|staff) on)\b"
    r"(?:(?: \S+){0,3}? (?:at the moment|right now|now|atm|rn|currently|this year|soon|like me|for my"
    r"|(?:for|this|next) (?:the )?(?:summer|season|winter|spring|autumn|fall|month|quarter|year))\b| ?$)",
    r"\b(?:any|some) (?:\S+ )?(?:openings?|vacanc\w+|jobs? going|roles? going|positions? open|open (?:roles|positions|jobs)|jobs?"
    r" (?:for|on|in|at))\b",
    r"\b(?:a |any |some )?(?:job|jobs|role|roles|position|positions|place|room|opening|openings|spot|something|anything"
    r"|nothing|work|vacancy|opportunity|opportunities)\b(?: \S+){0,6}? for me\b",
    r"\b(?:a|any) (?:free|open|vacant|spare) (?:position|role|spot|place|job|post)\b",
    r"\b(?:hire|hiring|hires|take on|taking on|takes on|need|needs|looking for|room for|place for|want|wants|consider|considering"
    r"|recruit\w*|open to|welcome|take|takes|take a chance on|bet on) (?:\S+ ){0,2}?(?:someone|somebody|people|a person|profiles?) (?:like me|like mine"
    r"|with my (?:background|profile|experience|skills))\b",
    r"\b(?:about|talk about|discuss) (?:the|this|that|your) (?:job|role|position|vacancy|opening)(?:,? now|,? then)? ?$",
    r"\b(?:chance|any way|possible) (?:of|for) (?:a|an|me getting a|me to get a) (?:job|role|position|place|spot|interview)\b",
    r"\b(?:you|u)(?: guys| all)? (?:currently |still )?(?:looking for|need|needing|after) (?:someone|somebody|anyone|people|staff"
    r"|an extra pair of hands|new people)\b",
    r"\b(?:could|can|might) i (?:come and )?(?:work|join|start) (?:at|for|with|on|in) (?:your|ur|you)\b",
    r"\b(?:you|u|ya|y'all|(?:your|ur) (?:\S+ ){0,2}?\S+)(?: guys| all| folks| lot)?(?:'re|'s| are| is)? (?:currently |still |actually |ever )?(?:hiring|recruiting|taking on"
    r"|bringing on|looking for)"
    r" (?:any |a |an |some |new |more |another )?(?!funding|investors?|partners?|clients?|customers?|ideas|feedback|advice|suppliers?|volunteers?"
    r"|interns?|a new challenge)\w+",
    r"\bneeds? (?:someone|somebody|anyone|another|an extra|more (?:people|staff|hands))\b",
    r"\b(?:an?|any) (?:\S+ )?(?:opening|position|role|job|vacancy) (?:at|in|on|with) (?:your|ur)\b",
    r"\b(?:positions?|roles?|jobs?|openings?) (?:\S+ )?(?:going|open|available)\b",
    r"\bhiring or (?:not|nah)\b",
    r"\bpossible to (?:work|join|start) (?:in|at|for|with|on) (?:your|ur)\b",
    r"\b(?:room|space|a place|a spot) (?:in|on|at) (?:\S+ ){0,4}?for (?:someone|somebody|a person|people) (?:like me|with my)\b",
    r"\b(?:the|my) (?:cv|resume|application) (?:you|u) (?:passed|forwarded|sent|gave|handed)\b",
    r"\b(?:role|job|position|post|opening|vacancy)\b[:,]?(?: \S+){0,6}? (?:is it|is that|is this|is the \w+|it's|is) still (?:open|available"
    r"|going|up for grabs|vacant)\b",
    r"\b(?:see|picture|imagine) me (?:fitting in|working|joining|starting|as)\b(?: \S+){0,5}? (?:on|in|at|with) (?:your|ur)\b",
    r"\b(?:about|on|following up on|regarding|re) the (?:job|role|position|opening)(?: \S+){0,6}?,? (?:any news|any update|news|an update|did you manage)\b",
    r"\bstill in the running\b|\bin the running for\b",
    r"\b(?:do|does) (?:you|your \S+) need (?:a|an|another|any|more) (?:\S+ )?(?:apprentice|assistant|hand|hands|intern|trainee|helper|operator|driver|technician|tech|worker|staff|person|someone)\b",
    r"\b(?:jobs?|shifts?|work|hours) going\b",
)
JOB_OTHERS = rc_word(
    r"\b(?:interns?|volunteers?|apprentices?|temps|students|graduates|grads|trainees?|seasonal|juniors)\b"
)

JOB_POST = rc_word(
    r"\b(?:a|an|any|some) (?:\S+ )?(?:job|role|position|opening|vacancy|post|placement|trial)s?\b|\banything going\b"
)
JOB_ME = rc_word(r"\b(?:me|my cv|my resume|my application)\b")
JOB_NOT = rc_word(
    r"\b(?:how|advice|advise|recommend (?:a|an|any|some) (?:course|school|book)|courses?|training|prepare|land|succeed"
    r"|what (?:skills|qualities)|for others|interns?|volunteers?|feedback|review|look (?:at|over)|read|opinion|think of"
    r"|thoughts|tips?|worth (?:it|doing|the)|(?:your|ur) take|walk me through|should i (?:apply|go|do|start|wait|send|take|get|study|try|focus|keep|quit|leave|stay|look|aim|switch|move)|coherent|consistent|a good (?:move|idea|plan|fit for me)|looks? (?:right|good|ok|okay|realistic|sensible)|what (?:kind|sort|type) of|which (?:profiles|skills)|typical|typically|usually|in general"
    r"|not (?:here|going) to ask|won't ask|proofread|change|improve|looking over|reads? well|cite|mention|my shoes|tell me (?:a bit |a little |more )?about|describe|explain|i should|what the (?:job|role|work) is like|seem|credible|realistic|suited|make of|this kind of|what kind of"
    r"|would (?:a|an|the|some) \S+ help|did you need|the name of|(?:whoever|who) (?:handles|runs|manages)|contact details|do i need (?:a|an|any|to (?:apply|have|get|hold|pass|take|study))"
    r"|if you were me|in my position|makes? sense|holds? up"
    r"|is it (?:a )?(?:permanent|temporary|fixed[- ]term|full[- ]time|part[- ]time|remote|contract)|salary|pay range)\b"
)
JOB_SEEKING = rc_word(
    r"\bi(?:'m| am|m) (?:after|looking for|searching for|hunting for|seeking|aiming for) (?:a|an) (?:\S+ )?(?:job|role"
    r"|position|post|placement|internship|contract)\b"
)
JOB_AT_THEIRS = rc_word(
    r"\b(?:at yours|at your (?:place|company|firm|end|shop|office)|on your team|in your (?:team|company|firm|department)"
    r"|anything going|any openings?|any vacanc\w+)\b"
)

# favours that are job requests only in a question ("what would I need to do to get hired onto your team?")
JOB_ASK_IN_QUESTION = rx(
    r"\b(?:start|started|starting|work|working|join|come on) as (?:your|ur) \w+",
    r"\bi\b(?: \S+){0,5}? get hired\b",
    r"\b(?:get|have|land|set me up with) (?:a|an) (?:job )?interview (?:with|for) (?:you|your|the)\b",
    r"\b(?:to|for) (?:get|land|find|getting|landing) (?:a|an) (?:\S+ )?(?:job|role|position|post)\b",
)
JOB_ASK_IN_MESSAGE = rx(
    r"\brecommend(?:ing)? me to\b|\bvouch for me\b|\btell (?:\S+ ){0,3}?(?:i'?m|i am) interested\b|\bput in a (?:good )?word\b|\bput (?:in )?a (?:good )?word (?:in )?for me\b|\bmention me to\b",
    r"\b(?:forward|pass|send|give|hand|show|flag)(?:ing)? (?:it|them) (?:on |along |over )?to\b",
    r"\b(?:put|move|bump|flag) (?:it|them|my application|my cv|my resume) (?:in front of|up|to the top|to)\b",
    r"\b(?:keep|kept|keeping) me in mind\b",
    r"\bhelp me (?:get|land|find) (?:one|it|a job|a role|a position|a spot|in)\b",
    r"\btell(?:ing)? (?:\S+ ){0,3}?about me\b",
    r"\b(?:make sure|ensure) (?:it|they|mine|my \S+) (?:reaches|reach|gets to|get to|lands (?:with|on)|ends up with) (?:\S+ ){0,2}?(?:hr|recruit\w*"
    r"|hiring|the right person|your boss|the boss|the manager)\b",
)
JOB_THING = rc_word(
    r"\b(?:(?<!your )(?<!ur )jobs?|(?<!your )(?<!ur )roles?|(?<!my )(?<!your )positions?|posts?|gigs?|take on|taking on|takes? people|shifts? going|openings?|vacanc\w+|opportunit\w+|internships?|traineeships?|placements?"
    r"|apprenticeships?|spots?|maternity cover|contracts?|application|apply|applying|recruit\w*|hir(?:e|ed|ing)|job interview"
    r"|refer me|referral|on board|onboard)\b"
)
# the user, not in the opener of an indirect question ("I was wondering whether…")
JOB_SELF = rc_word(
    r"\b(?:me|my|myself)\b"
    r"|\bi(?:'m|m|'d|'ll)?\b(?! was wondering| am wondering|'m wondering|m wondering|'m curious| am curious| wonder"
    r"|'m writing| am writing|'m reaching out)"
)
JOB_REQUEST_FORM = rc_word(
    r"\b(?:could|can|would|will|might) (?:you|u)\b|\bwould you (?:mind|be willing)\b|\bif (?:you|u) could\b"
    r"|\bdon'?t forget (?:me|about me)\b|\bkeep me in mind\b"
)
JOB_READY = rc_word(
    r"\bi'?m your (?:guy|girl|person|man|woman|gal)\b|\bi'?d (?:\w+ly )?(?:jump at|leap at|love to (?:join|work (?:with|for|at)))\b"
    r"|\b(?:and|&) (?:can|could) start (?:tomorrow|monday|right away|immediately|next|asap|straight away)\b|\bright up my (?:alley|street)\b"
    r"|\bi'?d (?:kill|give anything|give my right arm) (?:to|for) (?:work|join|be|a job|a role|a spot)\b"
    r"|\b(?:i think )?i'?d be (?:a great|the perfect|a good|a strong|an ideal) fit\b|\bi (?:can|could) start (?:tomorrow|monday|right away|immediately|next|in|asap)\b"
    r"|\bi'?m (?:available|free|ready) (?:to start|from|immediately|right away|now)\b|\bi'?d love to work (?:with|for|at) (?:you|your|ur)\b"
    r"|\bi'?d be (?:\w+ )?(?:up for it|all over it|keen|game|interested)\b|\bin a heartbeat\b|\bi'?d (?:\w+ly )?take anything\b|\bi'?d happily (?:start|take|do|join|work)\b|\bi learn fast\b"
    r"|\bi'?d (?:apply|sign up|say yes) (?:in a heartbeat|right away|tomorrow|immediately)\b|\basking for (?:myself|a friend)\b"
    r"|\bi'?d be (?:\S+ )?open to (?:joining|working|coming)\b|\bjust saying\b|\bi'?d be a (?:good |great |perfect )?fit\b"
    r"|\b(?:would|'d) be (?:a|my) dream\b|\bi'?m (?:actively )?(?:job hunting|looking for work|between jobs)\b"
    r"|\bi'?d (?:love|like|be happy) to be considered\b|\bi'?d (?:like|love) to apply\b|\bi'?m your (?:person|candidate)\b"
    r"|\bi'?m (?:available|free)\b(?! (?:for a (?:call|chat|coffee)|to (?:chat|talk|meet|help)))"
    r"|\byou(?:'ve| have) (?:got )?my (?:number|email|details)\b|\bcall me\b|\bi work for (?:biscuits|peanuts|food|cheap|free)\b"
    r"|\bi'?m (?:great|good|handy) with\b|\ba safe pair of hands\b"
    r"|\bquick learner\b|\bi'?m \d+ but\b|\bmy (?:\S+ )?(?:background|experience|profile|skills?)(?: \S+){0,2}? (?:could|would|might) (?:fit|be a fit"
    r"|match|suit)"
)
JOB_OPENING = rc_word(
    r"\bif (?:you|your \S+|ur \S+) (?:ever |still |happen to )?(?:need|needs|are looking for|is looking for|have|has) (?:another|an extra|a|an|someone|somebody)"
    r" (?!hand\b|help\b|favou?r\b|review\b|sounding board\b|to\b)"
    r"|\b(?:is|are) (?:\S+ ){1,2}?(?:still |currently )?(?:looking for|hiring|recruiting) (?:a|an|any|some|more)\b(?! (?:funding|investors?|partners?|clients?|customers?|volunteers?|interns?)\b)"
    r"|\b(?:(?:your|ur|the) (?:\S+ ){0,2}?needs?|(?:you|u|(?:your|ur|the) (?:\S+ ){0,2}?\S+)(?:'re| are| is|'s)? (?:currently |still )?(?:looking for|hiring"
    r"|taking on)) (?:(?:a|an|another|any|some|more) )?(?!help\b|advice\b|funding\b|investors?\b|partners?\b|clients?\b|customers?\b)"
    r"|\b(?:could|can) (?:you|your \S+(?: \S+)?) use (?:a|an|another|some|an extra)\b"
    r"|\b(?:budget|room|space|headcount) for (?:another|a|an|one more|someone)\b|\bshort[- ]staffed\b|\bshort[- ]handed\b|\bunderstaffed\b"
    r"|\bshort (?:of|on) (?:staff|people|hands)\b"
    r"|\banything (?:going|open|for me)\b|\bgot anything for me\b|\b(?:positions?|roles?|jobs?|openings?|vacanc\w+) (?:going|open|available)\b"
)
JOB_FAVOUR = rc_word(
    r"\b(?:see|meet|introduce|recommend|take|consider|put|get|give|help|interview|hire|receive|back|set|flag|keep|remember|forget|refer|vouch for|sponsor)\b(?: \S+){0,2}? me\b"
)

RULES = Rules(
    sub_split=SUB_SPLIT,
    second_person=SECOND_PERSON,
    rhetorical=None,
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
