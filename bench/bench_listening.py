"""Does the persona listen? Scripted conversations through the real scorer, topic reader and engine.

    python bench/bench_listening.py [--per-scenario 20] [--seed 1] [--show N]

For every scenario, N conversations (default 20) are played from pools of real sentences: questions
on every topic in random order and wording (the labelled turns of bench/data/topics-*.csv, in the
scenario's language), offers (some meeting the persona's need: its own `words`), a job request,
one-word replies and thanks. Each conversation runs until the persona ends it. Figures:

- repeated persona lines (the same line id, or the same text, twice in one conversation): must be 0;
- questions answered from the asked topic's bank, the node about that topic, or a deflection (a
  question on hiring that is a job request, "Vous recrutez ?", by the job-request reaction),
  counting the topic the sentence was *labelled* with (so misreadings count as misses), split by
  batch: topics-a..k were used while writing the topic rules (a..f by their author, g..k by four other
  writers, each measured before use: see bench/ISSUE15.md), topics-l (a fifth) never was; and per file;
- job requests met by the job-request reaction; offers acknowledged (a need reaction or an offer line).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.coach.topics import read  # noqa: E402
from bot.scenario import engine  # noqa: E402
from bot.scenario.loader import load_dir  # noqa: E402
from bot.scenario.model import Scenario  # noqa: E402

# The last batch written, never used to tune the rules (topics-a..f are the rules' author's; topics-g
# to -l five other writers', each measured before use: bench/ISSUE15.md keeps those first figures).
BLIND = {"topics-l.csv"}

JOB_REQUESTS = {
    "fr": [
        "Vous recrutez en ce moment ?",
        "Est-ce qu'il y aurait une place pour moi chez vous ?",
        "Pourriez-vous transmettre mon CV à votre DRH ?",
        "tu peux me pistonner ?",
        "bon alors pour le poste ?",
        "Vous auriez un poste pour moi ?",
    ],
    "en": [
        "Are you hiring at the moment?",
        "Could you pass my resume on to your hiring manager?",
        "Is there a job for me at your place?",
        "Can you give my CV to your HR people?",
        "Any openings on your team I could apply for?",
    ],
}
OFFERS = {
    "fr": [
        "Si ça peut vous servir, je peux vous envoyer l'étude que j'ai lue sur le sujet.",
        "Je peux vous présenter quelqu'un qui a monté un projet similaire, si vous voulez.",
        "Si vous voulez, je peux relire vos supports avant votre présentation.",
    ],
    "en": [
        "If it helps, I can send you the report I read on this last week.",
        "Happy to introduce you to someone who ran a similar project.",
        "I could review your slides before the board meeting if that's useful.",
    ],
}
NEED_OFFER = {
    "fr": "Si ça peut t'aider, je connais des gens côté {word} qui seraient prêts à donner un coup de main.",
    "en": "If it helps, I know people on the {word} side who would be happy to help.",
}
ONE_WORD = {"fr": ["Ok", "D'accord.", "Ah.", "oui"], "en": ["Ok", "Right.", "Sure.", "yes"]}
THANKS = {
    "fr": ["Merci beaucoup, c'est très éclairant.", "Merci pour ces explications, ça m'aide."],
    "en": ["Thank you, that's really helpful.", "Thanks a lot, that makes things clearer."],
}


def question_pool() -> dict[str, dict[str, list[tuple[str, str, str]]]]:
    """lang -> topic -> [(text, topic, file)] for one-question turns."""
    pools: dict[str, dict[str, list[tuple[str, str, str]]]] = {"fr": {}, "en": {}}
    for path in sorted((ROOT / "bench" / "data").glob("topics-*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                topics = [t for t in row["asked"].split(";") if t]
                if len(topics) == 1 and topics[0] not in ("-", "goodbye"):
                    pools[row["lang"]].setdefault(topics[0], []).append((row["text"], topics[0], path.name))
    return pools


def answered(
    parts: tuple[str, ...], topic: str, scenario: Scenario, request: bool, job: bool = False
) -> bool:
    """From the topic's bank, the node about the topic, a deflection; or, for a request (advice, a
    contact), a beat of the scenario that takes the request up (the secret, or a reframing); or, for
    a question on hiring that is a job request ("Vous recrutez ?"), the persona's job-request reaction."""
    for part in parts:
        if job and topic == "hiring" and part.startswith(("job_request.", "default.job_request.")):
            return True
        if part.startswith((f"topic.{topic}.", "deflect.", "default.deflect.")):
            return True
        node = scenario.nodes.get(part.rsplit(".", 1)[0])
        if node is not None and (node.topic == topic or (request and node.topic is None)):
            return True
    return False


def play(scenario: Scenario, rng: random.Random, pools) -> dict:
    lang = scenario.language
    questions = [rng.choice(items) for items in pools[lang].values()]
    rng.shuffle(questions)
    moves: list[tuple[str, str, str | None, str | None]] = [
        ("question", t, topic, f) for t, topic, f in questions
    ]
    need_words = [w for need in scenario.needs.values() for w in need.words if len(w) > 3]
    extras = [
        ("job", rng.choice(JOB_REQUESTS[lang]), None, None),
        ("offer", rng.choice(OFFERS[lang]), None, None),
        ("one_word", rng.choice(ONE_WORD[lang]), None, None),
        ("thanks", rng.choice(THANKS[lang]), None, None),
    ]
    if need_words:
        extras.append(("offer", NEED_OFFER[lang].format(word=rng.choice(need_words)), None, None))
    for move in extras:
        moves.insert(rng.randrange(1, len(moves) + 1), move)
    state, first = engine.start(scenario)
    said_ids = list(first.parts)
    said_texts = [first.text]
    out = Counter()
    misses = []
    for kind, text, topic, source in moves:
        analysis = read(text, lang)
        state, turn = engine.respond(scenario, state, analysis)
        if turn is None:
            break
        said_ids.extend(turn.parts)
        said_texts.append(turn.text)
        if kind == "question":
            group = "blind" if source in BLIND else "tuned"
            out[f"q_{group}"] += 1
            out[f"file:{source}"] += 1
            if answered(
                turn.parts, topic, scenario, "asking" in analysis.labels, "job_request" in analysis.labels
            ):
                out[f"q_{group}_ok"] += 1
                out[f"file_ok:{source}"] += 1
            else:
                misses.append((text, topic, analysis.asked, turn.parts))
        elif kind == "job":
            out["job"] += 1
            out["job_detected"] += "job_request" in analysis.labels
            out["job_ok"] += any(p.startswith(("job_request.", "default.job_request.")) for p in turn.parts)
        elif kind == "offer":
            out["offer"] += 1
            out["offer_detected"] += "giving" in analysis.labels
            out["offer_ok"] += any(p.startswith(("need.", "offer.", "default.offer.")) for p in turn.parts)
        if state["ending"]:
            break
    out["repeats"] += sum(n - 1 for n in Counter(said_ids).values() if n > 1)
    out["repeats"] += sum(n - 1 for n in Counter(said_texts).values() if n > 1)
    out["turns"] += state["turn"]
    return {"counts": out, "misses": misses}


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.1%}" if b else "0/0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-scenario", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=0, help="print up to N missed questions")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pools = question_pool()
    scenarios = load_dir(ROOT / "scenarios")
    total = Counter()
    misses = []
    print(
        f"{'scenario':32} {'conv':>4} {'turns':>5} {'rep':>3}  questions (tuned / blind)        job   offers"
    )
    for scenario in sorted(scenarios.values(), key=lambda s: s.id):
        counts = Counter()
        for _ in range(args.per_scenario):
            result = play(scenario, rng, pools)
            counts += result["counts"]
            misses.extend((scenario.id, *m) for m in result["misses"])
        total += counts
        print(
            f"{scenario.id:32} {args.per_scenario:4} {counts['turns']:5} {counts['repeats']:3}  "
            f"{pct(counts['q_tuned_ok'], counts['q_tuned']):>16} {pct(counts['q_blind_ok'], counts['q_blind']):>16}  "
            f"{counts['job_ok']}/{counts['job']}  {counts['offer_ok']}/{counts['offer']}"
        )
    q = total["q_tuned"] + total["q_blind"]
    ok = total["q_tuned_ok"] + total["q_blind_ok"]
    print()
    print(f"repeated persona lines: {total['repeats']}")
    print(f"questions answered from the asked topic (or deflected): {pct(ok, q)}")
    print(f"  wordings used while writing the rules: {pct(total['q_tuned_ok'], total['q_tuned'])}")
    print(f"  last writer's batch (topics-l):        {pct(total['q_blind_ok'], total['q_blind'])}")
    for key in sorted(k for k in total if k.startswith("file:")):
        name = key.split(":", 1)[1]
        print(f"    {name:14} {pct(total['file_ok:' + name], total[key])}")
    print(
        f"job requests met by the job-request reaction: {pct(total['job_ok'], total['job'])}"
        f" (read as job requests: {pct(total['job_detected'], total['job'])})"
    )
    print(
        f"offers acknowledged: {pct(total['offer_ok'], total['offer'])}"
        f" (read as offers: {pct(total['offer_detected'], total['offer'])})"
    )
    for scenario_id, text, topic, asked, parts in misses[: args.show]:
        print(f"  miss [{scenario_id}] {topic} read as {list(asked)} -> {list(parts)}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
