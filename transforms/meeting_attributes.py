"""What a sentence says about one meeting besides its people, its date and its place (those are
transforms/meeting_setting.py's): held or planned or cancelled, a continuation of an earlier meeting,
format, topics, duration, and which trigger a duration or a party's phrase belongs to.

Status is read from the clause the meeting is part of, not from the whole sentence: in "results of the
consultations will be used at the meeting due March 20" the consultations were held and the meeting is
planned. Only the verbs the meeting is an argument of, and those they depend on ("is expected to make a
trip"), lend it their tense and modality.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from transforms.meeting_triggers import LEX, SUBJECTS

NOUNS = frozenset({"NOUN", "PROPN"})
VERBS = frozenset({"VERB", "AUX"})
ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative", "npadvmod"})
NON_FINITE = frozenset({"VB", "VBG", "VBN"})
LATER = re.compile(r"\blater (?:this|in|next)\b")
TOPIC_PREPS = frozenset({"about", "regarding", "concerning"})


def governing_verb(token: Token) -> Token | None:
    """The verb whose argument the trigger is: "engaged" in "engaged in talks", "lasted" for "the meeting lasted"."""
    if token.pos_ == "VERB":
        return token
    node = token
    for _ in range(3):
        if node.dep_ in {"pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "conj"} and node.head != node:
            node = node.head
            if node.pos_ in VERBS:
                return node
        else:
            return None
    return None


def owner(attribute: Token, triggers: list[Token], governors: dict[int, Token | None]) -> Token | None:
    """Which trigger an attribute belongs to: the trigger its phrase hangs on ("talks between officials in
    Vienna"), else the nearest trigger of the verb it hangs on ("followed a meeting last month")."""
    node = attribute
    for depth in range(4):
        head = node.head
        if head == node:
            return None
        if head in triggers:
            return head
        governed = [t for t in triggers if governors.get(t.i) == head]
        if governed and (depth == 0 or depth == 1 and node.dep_ == "prep"):
            before = [t for t in governed if t.i < attribute.i]
            return before[-1] if before else governed[0]
        if head.pos_ in VERBS or node.dep_ not in {"pobj", "prep", "compound", "npadvmod", "nmod", "conj"}:
            return None
        node = head
    return None


@dataclass
class Clause:
    """The verbs a meeting phrase takes its tense and modality from (innermost first), the noun that
    frames it ("dates for a meeting"), and the prepositions on the way ("ahead of", "for talks")."""
    verbs: list[Token]
    frame: Token | None
    preps: list[str]


def clause_of(trigger: Token) -> Clause:
    verbs, preps, frame, node = [], [], None, trigger
    if trigger.pos_ == "VERB":
        verbs.append(trigger)
    while not verbs and node.head != node:
        head = node.head
        if node.dep_ in {"conj", "appos"} and head.pos_ in NOUNS or node.dep_ == "pobj":
            node = head
        elif node.dep_ in {"prep", "advmod"}:
            preps.append(node.lower_)
            if head.pos_ in NOUNS:
                frame = head
                break
            node = head
        elif node.dep_ in ARGUMENTS and head.pos_ in VERBS:
            verbs.append(head)
        else:
            break
        if node.pos_ in VERBS:
            verbs.append(node)
    while verbs and _non_finite(verbs[-1]) and verbs[-1].dep_ in {"xcomp", "advcl", "acomp", "pcomp", "conj", "acl"}:
        head = verbs[-1].head
        if verbs[-1].dep_ == "acl":  # "a bid to resume negotiations", "plans to meet"
            frame = head if head.pos_ in NOUNS else frame
            break
        if verbs[-1].dep_ == "pcomp":
            preps.append(head.lower_)
            head = head.head
        if head.pos_ not in VERBS | {"ADJ"} or head == verbs[-1]:
            break
        verbs.append(head)
    return Clause(verbs, frame, preps)


def _non_finite(verb: Token) -> bool:
    return verb.tag_ in NON_FINITE | {"JJ"} and not any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ != "to" for c in verb.children)


def status(trigger: Token, clause: Clause, date_text: str | None) -> str:
    """held, planned or cancelled: from the meeting's own modifiers ("upcoming", "planned"), the verbs it
    depends on ("will hold", "is due to meet", "agreed to meet", "cancelled"), the noun that frames it
    ("dates for a meeting"), "ahead of"/"for" a meeting after a verb in the present, and its date words."""
    own = {c.lower_ for c in trigger.children if c.dep_ not in {"prep", "relcl", "conj", "appos"}
           and not any(a.lower_ in LEX["past_adverbs"] for a in c.children)}  # not "a previously scheduled meeting"
    # "a meeting that will include Canada", "the summit, which will be held in July"
    members = [trigger] + [o for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    own |= {a.lower_ for t in members for c in t.children if c.dep_ in {"relcl", "acl"} for a in c.children
            if a.dep_ in {"aux", "auxpass"} and a.lower_ in LEX["planned_aux"]}
    lemmas = {v.lemma_.lower() for v in clause.verbs}
    # "might have encouraged him in a call": a modal of the past speculates about what took place
    modals = {c.lower_ for v in clause.verbs for c in v.children if c.dep_ in {"aux", "auxpass"}
              and not any(a.lemma_ == "have" and a.dep_ == "aux" for a in v.children)}
    if (lemmas | own | {v.lower_ for v in clause.verbs}) & LEX["cancelled_heads"]:
        return "cancelled"
    # "During the talks, options were considered": the scene of a clause does not take its verb's plans;
    # "would inform him about the talks": nor does the topic of a clause take its tense
    plans = {v.lemma_.lower() for v in clause.verbs[1:]} | (
        set() if set(clause.preps) & LEX["event_preps"] else {v.lemma_.lower() for v in clause.verbs[:1]})
    if set(clause.preps) & TOPIC_PREPS:
        plans, modals = set(), set()
    asked = "for" in clause.preps and clause.verbs and clause.verbs[0].lemma_.lower() in LEX["requesting_verbs"]
    planned = own & (LEX["planned_modifiers"] | LEX["planned_aux"]) or modals & LEX["planned_aux"] or asked \
        or (plans - {trigger.lemma_.lower()}) & LEX["planned_verbs"] \
        or clause.frame is not None and clause.frame.lemma_.lower() in LEX["planning_nouns"] \
        or _to_be_done(clause) or _looking_ahead(clause) or _future_words(date_text)
    return "planned" if planned else "held"


def _to_be_done(clause: Clause) -> bool:
    """ "X is to visit", "talks are due": a form of "be" with an infinitive or a word that looks ahead."""
    return any(v.lemma_ == "be" and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
        or c.dep_ == "acomp" and c.lemma_.lower() in LEX["planned_verbs"] for c in v.children) for v in clause.verbs)


def _looking_ahead(clause: Clause) -> bool:
    """ "headed for Jordan for talks", "ministers are meeting ahead of the summit": the meeting comes after."""
    if not clause.verbs:
        return False
    verb = clause.verbs[-1]
    if "for" in clause.preps and clause.verbs[0].lemma_ in LEX["motion_verbs"]:
        return True
    return bool({"ahead", "before"} & set(clause.preps)) and verb.tag_ in {"VBP", "VBZ", "VBG", "MD"} \
        and not any(c.tag_ == "VBD" for c in verb.children if c.dep_ in {"aux", "auxpass"})


def _future_words(date_text: str | None) -> bool:
    words = (date_text or "").lower()
    return bool(set(words.split()) & LEX["future_dates"] or LATER.search(words))


def negated(trigger: Token, clause: Clause) -> bool:
    """ "did not meet", "has not spoken with", "held no talks": nothing took place; nor in "it is not
    unusual for lawmakers to meet with leaders", which says what happens, not that it did."""
    verbal = trigger.pos_ == "VERB" or bool(clause.verbs) and clause.verbs[0].lemma_ in LEX["light_verbs"]
    heads = [trigger] + (clause.verbs if verbal else [])  # "was not able to meet", not "talks did not produce"
    if any(c.dep_ == "neg" or c.lower_ == "no" and c.dep_ == "det" for h in heads for c in h.children):
        return True
    if any(v.lemma_.lower() in LEX["refusing_verbs"] for v in heads[1:]):
        return True  # "refused to meet with him", "declined an invitation to visit"
    described = [c for c in trigger.children if c.dep_ in {"acl", "relcl"}]
    if any(v.tag_ in {"VBZ", "VBP"} and any(c.lower_ in LEX["habitual_adverbs"] for c in v.children)
           for v in heads + clause.verbs[:1] + described):
        return True  # "talks to Iran frequently", "G7 meetings usually center on politics": habits, not events
    return hypothetical(clause)


def hypothetical(clause: Clause) -> bool:
    """ "difficulties for lawmakers to meet", "it is unusual for leaders to meet": a "for ... to" clause says
    what could happen, unless a plan frames it ("an agreement for scientists to convene")."""
    verb = clause.verbs[0] if clause.verbs else None
    if verb is None or not any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):
        return False
    return clause.frame is None or clause.frame.lemma_.lower() not in LEX["planning_nouns"]


def continuation(trigger: Token, nested: list[Token], clause: Clause) -> str | None:
    """ "continues" for "further discussions", "the next round", "talks will resume", "meet again";
    "follows" for "a second trip"; "precedes" for "the previous round", "their last meeting" (told after
    the meeting that continues it); None for a meeting that stands on its own."""
    words = {c.lower_ for t in [trigger, *nested] for c in t.children
             if c.dep_ in {"amod", "advmod", "det", "compound", "nummod"}}
    first = clause.verbs[0].lemma_.lower() if clause.verbs else ""
    framed = clause.frame.lemma_.lower() if clause.frame is not None else ""
    if words & LEX["continue_words"] or first in {"resume", "continue"} and trigger.dep_ in SUBJECTS | {"dobj"} \
            or framed in LEX["continue_words"]:
        return "continues"
    if trigger.lemma_.lower() == "round" and words & (LEX["continue_rounds"] | LEX["ordinal_words"]):
        return "continues"
    if words & LEX["previous_words"]:
        return "precedes"
    return "follows" if words & LEX["ordinal_words"] else None


def mention_format(trigger: Token, verb: Token | None, kind: str) -> str | None:
    words = {c.lower_ for c in trigger.subtree} | {trigger.lower_}
    if verb is not None:
        words |= {c.lower_ for c in verb.children} | {verb.lemma_.lower()}
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"by", "via", "over"}):
            words |= {x.lower_ for x in prep.subtree}
    if words & LEX["virtual"]:
        return "virtual"
    if kind == "call" or words & {"phone", "telephone", "telephonic"}:
        return "phone"
    return None


def topics(t: Token, verb: Token | None) -> list[str]:
    """Lower-case labels for what the meeting "focused on", "discussed" or "addressed"."""
    sources: list[Token] = []
    for head in [t] + ([verb] if verb is not None else []):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"on", "about", "over", "regarding", "concerning"}:
                sources.append(child)
            elif child.dep_ in {"advcl", "xcomp", "conj", "relcl", "acl"} and child.lemma_.lower() in LEX["topic_cues"]:
                sources.append(child)
        if head.lemma_.lower() in LEX["topic_cues"] and head == verb:
            sources += [c for c in head.children if c.dep_ in {"dobj", "prep"}]
    labels: list[str] = []
    for source in sources:
        for token in source.subtree:
            if token.pos_ not in NOUNS or token.dep_ == "compound" or token.ent_type_ in {"DATE", "TIME"}:
                continue
            words = [c for c in token.lefts if c.dep_ == "compound"] + [token]
            label = " ".join(w.lower_ for w in words)
            if token.lower_ not in LEX["generic_topics"] and label not in labels and len(label) > 2:
                labels.append(label)
    return labels[:8]


NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "half an": 0.5, "half a": 0.5, "several": None}
DURATION = re.compile(
    r"\b(?:approximately|about|around|nearly|almost|more than|over|some|roughly|just over|just under)?\s*"
    r"(\d+(?:\.\d+)?|half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[\s-](hours?|minutes?)\b(?:[\s-]long)?", re.IGNORECASE)


def durations(sent: Span, triggers: list[Token], governors: dict[int, Token | None]) -> dict[int, int]:
    """Trigger index -> minutes, for "lasted approximately four hours", "a 60-minute talk"."""
    found: dict[int, int] = {}
    for match in DURATION.finditer(sent.text):
        amount = match.group(1).lower()
        value = NUMBERS.get(amount) if amount in NUMBERS else float(amount)
        span = sent.char_span(match.start(), match.end(), alignment_mode="expand")
        if value is None or span is None:
            continue
        minutes = round(value * (60 if match.group(2).lower().startswith("hour") else 1))
        holder = owner(span.root, triggers, governors)
        if holder is None and len(triggers) == 1:
            holder = triggers[0]
        head = span.root.head
        if head.dep_ == "prep" and head.lower_ in {"for", "after"}:  # "met for 45 minutes", "ended after 90 minutes"
            head = head.head
        if holder is not None and head.lemma_ in LEX["duration_verbs"] | {holder.lemma_}:
            found[holder.i] = minutes
    return found
