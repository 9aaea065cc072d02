"""English rules for the scorer (patterns on normalised text: lowercase, "'" apostrophes)."""

from __future__ import annotations

from bot.coach.scorer_rules import Rules, marker_kind, rc, rx

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
    r"(?:do|does|did|are|is|was|were|have|has|had|can|could|would|will|shall|should|may|might|am|don't|doesn't"
    r"|didn't|aren't|isn't|wasn't|haven't|hasn't|won't|wouldn't|can't|couldn't|dont|doesnt|didnt|arent|isnt"
    r"|havent|wouldnt|cant|couldnt)"
)
AUX_SUBJ = AUX + r"\s" + SUBJ + r"\b"
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
    + r"|,\s?(?:right|correct|yes|no|or not)$|\bor not\b)"
)
_WHAT_NOUN = rc(
    r"\s(?:(?:is|are|was|were|'s)\s)?(?:(?:the|your|ur|their|his|her|its)\s)?(?:(?:kind|sort|type) of\s)?(?P<noun>[a-z]+)"
)
_FACT_WORDS = (
    "time size school schools year years company companies city town day date age salary salaries budget"
    " name names title team department tools tool software stack language languages degree country office"
    " headcount number rate price cost hours shift contract level month months week weeks university uni"
    " program programme platform platforms tech technologies version region location address email phone"
)
FACT_NOUNS = frozenset(_FACT_WORDS.split())

SECOND_PERSON = rc(r"\b(?:you|your|u|ur|yours|yourself|ya|y'all)\b")
_STRONG_START = rc(
    "^" + FILLERS + r"(?:(?:" + WH_OPEN + "|" + WH_CLOSED + r"|what\b)(?:\s\S+){0,3}?\s)?" + AUX_SUBJ
)
_INTONATION = rc(
    r"^" + FILLERS + r"(?:you|u|ya|y'all) (?:still|guys|hiring|based|working|free|around|busy|ok|in)\b"
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
    if _INTONATION.match(clause):
        return True
    return _TAG_END.search(clause) is not None and SECOND_PERSON.search(clause) is not None


SUB_SPLIT = rc(
    r"\s*,\s*(?=(?:and|but|so|or)\b)|\s*:\s*|\s+-\s+"
    r"|\s+(?:and|but)\s+(?=(?:how|what|why|when|where|who|which|do|does|did|are|is|could|would|can|will|have|has)\b)"
)

OPEN_FORCED = rx(
    r"\btell (?:me|us) (?:about|more|how(?! many| much| long| often| old| big)|why|what|a bit|a little|everything)\b",
    r"\b(?:walk|talk|take) (?:me|us) through\b",
    r"\b(?:i'?d|i would|id|i'?d really|i would really) (?:love|like|be (?:curious|interested|keen)) to (?:understand|know|hear|learn)"
    r" (?:more |a bit |a little )?(?:about |how|why|what|your|the way)",
    r"\bi'?m (?:curious|interested|keen) (?:about|to (?:know|hear|understand|learn)|how|why|what)\b",
    r"\bi (?:was|am|'m) (?:wondering|curious) (?:how|why|what)\b",
    r"\b(?:could|can|would) you (?:tell|explain|describe|walk|talk|share) (?:me |us )?(?:about |more |a bit |through )?"
    r"(?:how(?! many| much| long| often)|why|what|through|more|your|the way)\b",
    r"\bexplain (?:to me )?(?:how|why|what)\b|\bdescribe (?:your|how|what)\b|\bshare (?:a bit|more|a little) about\b",
)
CLOSED_FORCED = rx(
    r"\bi (?:was|am|'m) wondering (?:if|whether)\b",
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
    r"|set you up|hook you up|drop you)"
)
_NOT_NEWS = r"(?! (?:you |u )?(?:a |an )?(?:quick |short )?(?:message|note|line|text|update|email|word)\b(?! (?:about|on) (?:the|a|an|this|that)))"
GIVING = rx(
    r"\bi(?:'?ll| will| can| could| would be happy to|'?d be happy to|'?d be glad to| am happy to|'?m happy to|'?d love to"
    r"| would love to| can also| could also|'?ll also)\s(?:also |definitely |easily |gladly |totally |happily )?"
    + OFFER
    + r"\b"
    + _NOT_NEWS,
    r"\b(?:happy|glad|keen|more than happy) to (?:send|share|introduce|connect|forward|pass|help|put you|lend|make an intro"
    r"|loop you in)\b",
    r"\bhere(?:'s| is| are|s) (?:the|a|that|this|an|some|my notes)\b",
    r"\bas promised\b",
    r"\b(?:want|would you like|do you want|shall i|should i|can i|could i|may i)(?: me)? (?:to )?(?:send|share|introduce|forward"
    r"|put you in touch|connect you|pass|loop you in)\b",
    r"\bif (?:it|that|this)(?:'s| is| would be| might be| could be)? (?:useful|helpful|helps|of use|of interest|interesting)\b",
    r"\bif (?:it|that) helps\b|\bif useful\b",
    r"\b(?:just |i'?ve |i have |i )(?:sent|shared|forwarded|emailed|dropped) (?:you|u|over) (?:the|a|that|this|an|some|my notes)\b",
    r"\b(?:might|could|may|should|would) be (?:handy|useful|helpful|of interest|interesting|relevant) (?:for|to) (?:you|your)",
    r"\bcount me in\b|\bif you (?:ever )?need (?:a hand|someone|help|anything|an extra)\b",
    r"\blet me know if (?:you need|i can help|that helps|it helps|you'd like|you want)\b",
    r"\bif i can (?:help|be of (?:any )?help|return the favou?r|do anything|be useful)\b",
    r"\bi know (?:someone|somebody|a few|some|two|three|several|a (?:great|good|brilliant)|a guy|a woman|just the|plenty of)\b",
    r"\b(?:you|your team) (?:might|may|could|would) (?:find|like|enjoy|want to (?:check|look))\b",
)
SELF_OBJECT = rc(
    r"\b(?:my|our) (?:cv|resume|portfolio|profile|application|cover letter|linkedin)\b|\b(?:your|ur) (?:feedback|opinion|thoughts|advice)\b"
)

# --- asking ----------------------------------------------------------------------------------------
REQUEST = (
    r"(?:introduce|connect|put me in touch|refer|recommend|review|look (?:at|over)|have a (?:quick )?look|take a (?:quick )?look"
    r"|glance|pass|forward|share (?:his|her|their|your|the) (?:contact|email|details|number|name)|send me|give me (?:some |a few "
    r"|any |your |a )?(?:advice|feedback|tips|names|pointers|contacts|referral|intro|hand)|help me|mentor|vouch|check (?:my|over)"
    r"|read (?:my|over)|proofread|point me|keep me in mind|mention me|spare|meet|recommend me|suggest someone|sponsor"
    r"|put in a (?:good )?word|do me a favou?r|pass (?:on )?my|vouch for me)"
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
            r"(?<!if )\b(?:you|u) (?:could|might|can|would) (?:possibly |maybe |perhaps |also )?(?:be able to )?"
            + REQUEST
            + r"\b",
            r"\b(?:any chance|possible for you to|if you could)\b",
            r"\b(?:would|do) (?:you|u) (?:suggest|recommend|advise)\b|\b(?:suggest|recommend|advise) (?:that )?i\b",
            r"\b(?:best|right|smartest) (?:way|approach|route|place) (?:to|for me|in)\b",
            r"\bwould it be (?:possible|ok|okay|alright|all right) (?:to|for me|if i)\b|\bis it ok(?:ay)? if i\b|\bdo you mind if i\b",
            r"\b(?:it would be|it'd be|would be) (?:really |so |super )?(?:great|amazing|wonderful|helpful|lovely|fantastic|awesome)"
            r" if (?:you|u)\b",
            r"\bi(?:'?d| would) (?:really |so )?(?:love|appreciate|be (?:very |really |so )?grateful)(?: it)? if (?:you|u)\b",
            r"\b(?:what|any) (?:advice|tips|recommendations|suggestions|pointers)\b",
            r"\bin my (?:shoes|position|place)\b|\bif you were (?:me|in my)\b|\bwhat would you do\b",
            r"\b(?:please |pls |plz )?(?:send|introduce|connect|forward|pass|refer) me\b",
            r"\b(?:please|pls|plz) (?:send|introduce|connect|forward|pass|put|share|review|look|let me know who|tell me who)\b",
            r"\blet me know who\b|\bput me in touch\b|\bintroduce me to\b|\bconnect me (?:with|to)\b|\brefer me\b",
            r"\bask(?:ing)? (?:you )?(?:for )?(?:a |an )?(?:favou?r|referral|introduction|intro|recommendation)\b",
            r"\bminutes of your time\b|\ba (?:few|couple of) minutes\b",
        ),
        False,
    ),
    (
        rx(
            r"\b(?:could|can|shall|should) we\b|\b(?:grab|get|have) (?:a )?(?:coffee|call|chat|drink|lunch)\b|\bcatch up\b",
            r"\bhop on a call\b|\b(?:set up|schedule|book) (?:a )?(?:quick )?(?:call|meeting|chat)\b|\bmeet (?:up|again)\b",
            r"\bdo (?:you|u) (?:happen to )?know (?:anyone|someone|somebody|people|any)\b",
            r"\b(?:anyone|someone|somebody|people) (?:i|we) (?:could|should|can|might)\b|\bany (?:contacts|names|introductions)\b",
            r"\b(?:could|can|would) (?:you|u) (?:tell me|let me know) who\b",
            r"\bfollow up with (?:you|u)\b|\breach out (?:to you )?again\b",
            r"\bwe (?:could|can|should|might) (?:meet|grab|continue|chat|talk|catch|get|have|discuss)\b"
            r"|\bover (?:a )?(?:lunch|coffee|drink|call)\b",
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
    r"\bthank(?:s| you|ful)?\b|\bthx\b|\bty\b|\btysm\b|\bcheers\b|\bmuch appreciated\b|\bmerci\b",
    r"\bi (?:really |truly |do )?appreciate (?:it|this|that|your|you)\b(?! if)",
    r"\b(?:so |really |very )?grateful (?:for|to you)\b",
    r"\bkeep (?:you|u) (?:posted|updated|in the loop|informed|in the know)\b",
    r"\b(?:i'?ll|ill|i will|will) (?:let (?:you|u) know|get back to (?:you|u)|report back|circle back|update (?:you|u))\b",
    r"\b(?:i'?ll|ill|i will|will) (?:send|drop|shoot) (?:you|u) (?:a |an )?(?:line|message|note|quick note|text|update|email)\b"
    r"(?! (?:about|on) (?:the|a|an|this|that) (?!interview|meeting|call))",
    r"\bfollow up (?:with (?:you|u) )?(?:after|once|when)\b",
    r"\b(?:i'?ll|ill|i will|will) (?:be|stay|keep) in touch\b",
)
GRATITUDE_NOT = rc(r"\bno need to thank\b|\bno thanks\b|\bthanks but no\b")

# --- presumption -----------------------------------------------------------------------------------
GROUP = (
    r"(?:recruiters|companies|hr|hiring managers|managers|startups|they|consultancies|employers|firms|banks|agencies"
    r"|big \w+|most \w+|large \w+|corporates|corporations|headhunters|people)"
)
PRESUMPTION = rx(
    r"\b(?:you|u) (?:must|probably|likely|surely|obviously|definitely|clearly) \w+",
    r"\b(?:you|u)(?:'re| are|re) (?:probably|surely|obviously|likely|clearly|definitely)\b",
    r"\b(?:it|that|this) must be\b|\bmust be (?:nice|easy|hard|tough|great|stressful|chaotic|crazy|busy)\b",
    r"\bi know (?:that )?(?:you|your|u|ur|they|recruiters|companies|hr|it's|its|the team|most|startups|big|nobody|no one)\b",
    r"\b(?:of course|obviously|naturally),? (?:you|they|" + GROUP[3:-1] + r")\b",
    r"\bi'?m (?:sure|certain|positive) (?:that )?(?:you|your|u|ur|they|it|this|the|my|recruiters|nobody|no one)\b",
    r"\bi (?:guess|imagine|assume|suppose|bet|doubt)\b",
    r"\b" + GROUP + r" (?:\w+ )?(?:never|always|only|don't even|won't ever|all)\b",
    r"\b(?:no ?one|nobody) (?:will|would|is going to|hires|reads|cares|wants|ever)\b|\bno chance\b|\bwaste of (?:your )?time\b",
    r"\bof course (?:you|they)\b|\bobviously\b|\beveryone knows\b|\bwe all know\b|\banyway[.!]?$",
    r"\b(?:you|u) (?:only|never|always) (?:hire|recruit|take|look|read|want|pick)\b",
    r"\bi'?m (?:probably |surely |definitely )?not (?:sure i'?m )?(?:the right (?:fit|profile|person)|what you'?re looking for"
    r"|good enough|qualified enough|a (?:good|great) fit)|\bnot sure i'?m (?:the right|a (?:good|great) fit|what)",
)
PRESUMPTION_NOT = rc(
    r"\bas (?:you|u) (?:said|mentioned|told me|explained)\b|\b(?:you|u) (?:asked|asked me)\b|\byou told me\b"
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
)
