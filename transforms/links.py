"""Ties a document states between two of its meetings (contract v2, table meeting_links), as plain records.

`follows`: the later meeting is placed after the earlier one and tied to it by the text ("A followed
B", "A occurred two days after B", "B, followed by A", "A ahead of B", "since their last meeting", "a
second trip"). `continues`: an explicit continuation, next round or follow-up ("agreed to convene for
further discussions", "talks will resume", "the next round of talks", "a follow-up to B"). Only what a
sentence says is linked: two meetings told side by side are not.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.meetings import Meeting, Mention, continues_alone, participants_of, previous_held

AFTER = frozenset({"after", "following", "since"})  # "A after B": A follows B
BEFORE = frozenset({"before", "ahead"})  # "A ahead of B": B follows A
FOLLOW_UP = frozenset({"follow-up", "followup", "continuation", "sequel"})


def find_links(meetings: list[Meeting]) -> list[dict]:
    """Links between the meetings of one document; indices are positions in `meetings` (Extraction's "index")."""
    where = {m.trigger.i: index for index, meeting in enumerate(meetings) for m in meeting.mentions if not m.from_title}
    found: dict[tuple[int, int], dict] = {}
    for index, meeting in enumerate(meetings):
        for mention in meeting.mentions:
            if mention.from_title:
                continue
            for later, earlier, relation, confidence in _stated(mention, where) + _continued(mention, meetings):
                if later != earlier and (later, earlier) not in found and _in_order(meetings[later], meetings[earlier]):
                    found[(later, earlier)] = _record(later, earlier, relation, mention.trigger.sent, confidence)
    return list(found.values())


def _record(later: int, earlier: int, relation: str, sent: Span, confidence: float) -> dict:
    text = sent.text.rstrip()
    return {"meeting_index": later, "related_index": earlier, "relation": relation, "evidence": text,
            "char_start": sent.start_char, "char_end": sent.start_char + len(text), "confidence": confidence}


def _in_order(later: Meeting, earlier: Meeting) -> bool:
    """A later meeting is not dated before the one it follows."""
    a = next((m.date.start for m in later.mentions if m.date and m.date.start), None)
    b = next((m.date.start for m in earlier.mentions if m.date and m.date.start), None)
    return a is None or b is None or a >= b


def _stated(mention: Mention, where: dict[int, int]) -> list[tuple[int, int, str, float]]:
    """Links the grammar of the mention's sentence states, read from the mention's side."""
    me = where[mention.trigger.i]
    out: list[tuple[int, int, str, float]] = []
    if mention.anchor is not None and mention.anchor[0].i in where:  # "A occurred two days after B"
        other = where[mention.anchor[0].i]
        out.append((other, me, "follows", 0.9) if mention.anchor[1] < 0 else (me, other, "follows", 0.9))
    trigger = mention.trigger
    for token in trigger.sent:
        if token.lemma_.lower() == "follow" and token.pos_ == "VERB":
            out += [(a, b, "follows", 0.8) for a, b in _follow_verb(token, trigger, where)]
        elif token.lower_ in AFTER | BEFORE and token.dep_ in {"prep", "advmod"}:
            out += [(a, b, "follows", 0.7) for a, b in _ordering(token, trigger, where)]
        elif token.dep_ == "attr" and _follow_up_word(token):
            out += [(a, b, "continues", 0.8) for a, b in _follow_up(token, trigger, where)]
    return [link for link in out if me in link[:2]]


def _others(phrase: list[Token], where: dict[int, int]) -> set[int]:
    return {where[t.i] for t in phrase if t.i in where}


def _follow_verb(verb: Token, trigger: Token, where: dict[int, int]) -> list[tuple[int, int]]:
    """ "A followed B (and C)"; "B, followed by A"."""
    subjects = [t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree]
    agents = [t for c in verb.children if c.dep_ == "agent" for t in c.subtree]
    objects = [t for c in verb.children if c.dep_ not in {"nsubj", "agent", "punct", "aux", "neg", "advcl", "ccomp"}
               for t in c.subtree]  # the parser may hang "as well as B2" on B1's phrase or the verb
    pairs = [(a, b) for a in _others(subjects, where) for b in _others(objects, where)]
    if agents and verb.dep_ in {"acl", "relcl", "advcl"}:
        earlier = _others([verb.head], where) or _others(list(verb.head.subtree), where) - _others(agents, where)
        pairs += [(a, b) for a in _others(agents, where) for b in earlier]
    return pairs


def _ordering(word: Token, trigger: Token, where: dict[int, int]) -> list[tuple[int, int]]:
    """ "A after/following/since B", "A ahead of/before B": the meeting in the preposition's object and the
    meeting of the clause it modifies."""
    prep = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), word)
    inside = _others([t for c in prep.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree], where)
    clause = word.head
    outside = _others([clause], where) or _others([c for c in clause.children if c.dep_ in {"nsubj", "dobj", "nsubjpass"}
                                                   for c in [c, *c.subtree]], where)
    outside -= inside
    if word.lower_ in AFTER:
        return [(a, b) for a in outside for b in inside]
    return [(b, a) for a in outside for b in inside]


def _follow_up_word(token: Token) -> bool:
    """ "follow-up", also as the parser splits it ("follow" "-" "up")."""
    words = "".join(t.lower_ for t in token.doc[token.left_edge.i:token.i + 1] if t.dep_ in {"compound", "punct"}
                    or t == token)
    return token.lower_ in FOLLOW_UP or words in FOLLOW_UP


def _follow_up(noun: Token, trigger: Token, where: dict[int, int]) -> list[tuple[int, int]]:
    """ "A was a follow-up to B", "A is a continuation of B"."""
    verb = noun.head
    subjects = _others([t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree], where)
    objects = _others([t for c in noun.children if c.dep_ == "prep" and c.lower_ in {"to", "of"} for t in c.subtree],
                      where)
    return [(a, b) for a in subjects for b in objects]


def _continued(mention: Mention, meetings: list[Meeting]) -> list[tuple[int, int, str, float]]:
    """ "further discussions", "the next round", "a second trip": the held meeting told last before it that
    shares a participant or a side with it."""
    if mention.continuation is None or not (mention.participants or continues_alone(mention)):
        return []  # "room for further negotiations" continues nothing
    me = next(i for i, meeting in enumerate(meetings) if mention in meeting.mentions)
    if mention.continuation == "precedes":
        return _preceded(mention, me, meetings)
    earlier = previous_held([x for x in meetings if x is not meetings[me]], mention)
    if earlier is None or not _shared(meetings[me], earlier, mention.continuation == "follows"):
        return []
    return [(me, meetings.index(earlier), mention.continuation, 0.6)]


def _preceded(mention: Mention, me: int, meetings: list[Meeting]) -> list[tuple[int, int, str, float]]:
    """ "The previous round was held in Geneva": the meeting told just before continues it (a round) or
    follows it (a meeting, a visit)."""
    told = [(max(x.trigger.i for x in meeting.mentions if x.trigger.i < mention.trigger.i), i)
            for i, meeting in enumerate(meetings) if i != me and meeting.mentions[0].trigger.i < mention.trigger.i]
    if not told:
        return []
    later = max(told)[1]
    if not _shared(meetings[later], meetings[me], False):
        return []
    relation = "continues" if mention.trigger.lemma_.lower() == "round" else "follows"
    return [(later, me, relation, 0.6)]


def _shared(a: Meeting, b: Meeting, same_sides: bool) -> bool:
    """Whether two meetings involve the same people or sides: some of them for a continuation ("further
    talks" of scientists after their ministers met), all sides for an ordinal ("a second trip")."""
    mine, theirs = participants_of(a), participants_of(b)
    keys = {x.key for x, _ in mine} & {x.key for x, _ in theirs}
    codes = [{x.country for x, _ in parties if x.country} for parties in (mine, theirs)]
    if same_sides:
        return len(keys) >= 2 or bool(codes[0]) and codes[0] == codes[1]
    return bool(keys or codes[0] & codes[1])
