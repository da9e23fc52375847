"""Who passed the words on: "according to Xinhua", "told the Daily Nation", "in an interview with CNN",
"Interfax quoted the minister as saying". Read from the parse around a cue; whether a phrase names an
outlet is transforms/outlets.py's business.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.outlets import outlet_name

# "said in an interview with CNN", "in remarks to a website", "in comments to the paper", "speaking to the BBC"
MEDIUM_NOUNS = {"interview", "remark", "remarks", "comment", "comments", "statement", "conversation", "briefing"}
TO_OR_WITH = {"to", "with", "on"}


def according_to(sent: Span, clause_after) -> tuple[Token, Token, list[Token]] | None:
    """ "According to X, <clause>" or "<clause>, according to X": (the word "according", X's head, the
    clause). `clause_after(start, sent)` cuts a clause the way attribution.py does."""
    doc = sent.doc
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and doc[token.i + 1].lower_ == "to":
            source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if source is None:
                continue
            source_end = source.right_edge.i + 1
            after = clause_after(source_end + (source_end < len(doc) and doc[source_end].text == ","), sent)
            if token.i == sent.start or doc[token.i - 1].is_space:
                rest = after
            else:  # "<clause>, according to X" or, mid-sentence, "<subject>, according to X, <predicate>"
                rest = [t for t in doc[sent.start:token.i] if not t.is_space]
                if sum(not t.is_punct for t in after) > 1:
                    rest += after
            return token, source, rest
    return None


def quoted_as(cue: Token) -> tuple[Token, Token | None] | None:
    """ "Interfax quoted the minister as saying", "the minister was quoted by Interfax as saying": (who said it, who
    quoted them); the subject of "quoted" relays, it does not speak."""
    as_word = cue.head
    if cue.dep_ != "pcomp" or as_word.lower_ != "as" or as_word.head.lemma_.lower() != "quote":
        return None
    verb = as_word.head
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    speaker = next((c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
    if speaker is None:
        return None
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        relay = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    else:
        relay = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return speaker, relay


def addressee_outlet(cue: Token, subject: Token | None = None) -> Token | None:
    """The outlet the speaker talked to: "told CNN", "told Ireland's Sunday Independent newspaper", "said in an
    interview with CNN", "X, in remarks to example.com.br, said", "speaking to the BBC"; reporters are not an
    outlet. A participle after a comma ("..., police told local radio, adding that") shares its
    clause's outlet."""
    if cue.tag_ == "VBG" and cue.i > cue.sent.start and cue.doc[cue.i - 1].text == "," and cue.sent.root.i != cue.i:
        shared = addressee_outlet(cue.sent.root)
        if shared is not None:
            return shared
    candidates = [c for c in cue.children if c.dep_ in {"dative", "dobj"} and cue.lemma_.lower() == "tell"]
    for child in [*cue.children, *(subject.children if subject is not None else [])]:
        if child.dep_ == "prep" and child.lower_ in TO_OR_WITH:
            candidates += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ == "in":
            for medium in (g for g in child.children if g.dep_ == "pobj" and g.lower_ in MEDIUM_NOUNS):
                candidates += [g for p in medium.children if p.dep_ == "prep" and p.lower_ in TO_OR_WITH
                               for g in p.children if g.dep_ == "pobj"]
        elif child.dep_ == "advcl" and child.lemma_.lower() in {"speak", "talk"}:
            candidates += [g for p in child.children if p.dep_ == "prep" and p.lower_ in TO_OR_WITH
                           for g in p.children if g.dep_ == "pobj"]
    for head in candidates:
        phrase = head.doc[head.left_edge.i:head.right_edge.i + 1]
        if outlet_name(phrase.text):
            return head
    return None
