"""Who took part in a meeting: the trigger's own arguments, the verb it is an argument of, and the people
the text named before when it says "he", "who", "the two leaders" or "their meeting".

News rarely repeats names: "She met one on one with Kiir", "Wang Yang, who met with the delegation",
"Saakashvili expected to meet with Putin", "In a telephone call, X and Y discussed ...". Each phrase is
read back to the actor it stands for; an actor inside another's phrase ("President Trump's aide
Kushner", "ministers of the Arab League") is a modifier, not a party.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.tokens import Token

from transforms import countries, places
from transforms.actors import Actor, fold, group_phrase, groups_for
from transforms.lexicons import load
from transforms.meeting_triggers import LEX, SUBJECTS, Reading, has_party, is_outlet, partner_preps, subjects_of
from transforms.speakers import entity_of

ROLES = load("roles")
CUES = load("cues")

PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
FIRST_PERSON = frozenset({"i", "me", "my"})
RELATIVES = frozenset({"who", "whom", "that", "which"})
PARTY_KINDS = frozenset({"person", "organization", "country"})
ORDERING = frozenset({"after", "following", "before", "ahead", "since"})
OPEN_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "prep"})


@dataclass
class Parties:
    """The participants found for one trigger, and whether they must come from an earlier meeting."""
    found: dict[str, tuple[Actor, str]] = field(default_factory=dict)
    from_context: bool = False  # "the two leaders", "their meeting": the people of the meeting told before

    def add(self, actor: Actor, role: str) -> None:
        self.found.setdefault(actor.key, (actor, role))


def roles_of(trigger: Token, verb: Token | None, kind: str, owner_of) -> list[tuple[Token, str]]:
    """The phrases that name participants, with their role: the trigger's own arguments ("talks with X",
    "X's visit", "X met Y"), those of the light verb it is the object of ("X held talks"), and those of
    the clause it sets the scene of ("In a call, X told Y", "X said after talks with Y")."""
    visit = kind == "visit"
    roots: list[tuple[Token, str]] = []
    light = verb is not None and verb != trigger and trigger.dep_ not in SUBJECTS and verb.lemma_ in LEX["light_verbs"]
    hosting = verb is not None and verb.lemma_ in LEX["hosting_verbs"]
    if trigger.pos_ == "VERB":
        subjects = subjects_of(trigger)
        role = "host" if trigger.lemma_ in LEX["hosting_verbs"] else "visitor" if visit else "participant"
        roots += [(s, role) for s in subjects] + [(x, role) for x in _infinitive_subject(trigger) if not subjects]
        roots += [(c, "visitor" if trigger.lemma_ in LEX["hosting_verbs"] else "participant")
                  for c in trigger.children if c.dep_ == "dobj" or c.dep_ == "npadvmod" and has_party(c)]
    between = any(c.dep_ == "prep" and c.lower_ == "between" for c in trigger.children)
    if light and not between:  # "X arranged meetings between A and B": X is not one of them
        roots += [(s, "host" if hosting else "visitor" if visit else "participant") for s in subjects_of(verb)]
        roots += [(c, "visitor") for c in verb.children if c.dep_ == "dobj" and hosting]
    elif verb is not None and trigger.dep_ == "nsubjpass" and verb.lemma_ in LEX["light_verbs"]:
        roots += [(g, "host" if hosting else "participant") for c in verb.children if c.dep_ == "agent"
                  for g in c.children if g.dep_ == "pobj"]  # "the meeting was attended by X and Y"
    for head in [trigger] + ([verb] if verb is not None and verb != trigger else []):
        for prep in {*(c for c in head.children if c.dep_ == "prep"), *partner_preps(head)}:
            if not _partner_prep(prep, head == trigger, kind):
                continue
            role = "visitor" if prep.lower_ == "by" and visit else "host" if prep.lower_ == "to" and visit \
                else "participant"
            for obj in _prep_objects(prep):
                if head == trigger or owner_of(obj) == trigger:
                    roots.append((obj, role))
    if trigger.pos_ in {"NOUN", "PROPN"}:
        roots += [(c, "visitor" if visit else "participant") for c in trigger.children
                  if c.dep_ in {"poss", "compound", "nmod", "amod"}]
        roots += members(trigger)
        if verb is not None and trigger.dep_ in SUBJECTS and verb.lemma_ in LEX["member_verbs"]:
            roots += [(c, "participant") for c in verb.children if c.dep_ == "dobj"]  # "the meeting included X"
    roots += _scene(trigger)
    return roots


def lists_attendees(trigger: Token, verb: Token | None) -> bool:
    """ "The meeting included X and Y", "the meeting was attended by X": who was there, of a meeting told."""
    if verb is None or verb == trigger:
        return False
    return trigger.dep_ in SUBJECTS and verb.lemma_ in LEX["member_verbs"] \
        or trigger.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in verb.children)


def _partner_prep(prep: Token, own: bool, kind: str) -> bool:
    if prep.lower_ in LEX["partner_preps"] or prep.lower_ == "by":
        return True
    if not own:
        return False
    if prep.lower_ == "to" and LEX["verb_frames"].get(prep.head.lemma_.lower()) == "talk":
        return True  # "spoke to Tsai"
    nominal = prep.head.pos_ in {"NOUN", "PROPN"}  # "a visit to Riyadh", not "welcomed him to the White House"
    return prep.lower_ == "of" or nominal and (kind == "visit" and prep.lower_ in LEX["visit_preps"]
                                                or kind == "call" and prep.lower_ in LEX["call_preps"])


def _prep_objects(prep: Token) -> list[Token]:
    """ "with X", and "with visiting X" (a participle between the preposition and the party)."""
    out = [c for c in prep.children if c.dep_ == "pobj"]
    for clause in (c for c in prep.children if c.dep_ == "pcomp"):
        out += [c for c in clause.children if c.dep_ == "dobj"]
    return out


def members(trigger: Token) -> list[tuple[Token, str]]:
    """ "consultations, which featured X and Y", "negotiations featuring X", "a call, in which she urged Y",
    "a summit where on Sunday Presidents X and Y signed the deal"."""
    out = []  # the parser may hang "which featured X" on the last noun of the trigger's phrase
    clauses = [c for c in trigger.children if c.dep_ in {"acl", "relcl"}] + [
        c for t in trigger.subtree if t != trigger and t.pos_ in {"NOUN", "PROPN"} for c in t.children
        if c.dep_ in {"acl", "relcl"} and c.lemma_ in LEX["member_verbs"]]
    for clause in clauses:
        if clause.lemma_ in LEX["member_verbs"]:
            out += [(c, "participant") for c in clause.children if c.dep_ == "dobj"]
        elif any(t.lower_ in {"where", "when"} and t.dep_ == "advmod" or t.lower_ == "which" and t.head.dep_ == "prep"
                 for c in clause.lefts for t in c.subtree):
            out += _actors_of_clause(clause)
    return out


def _scene(trigger: Token) -> list[tuple[Token, str]]:
    """ "In a call, X told Y", "X said at a meeting with Y", "Z was also on the call": the clause a meeting
    phrase sets the scene of names its people."""
    prep = trigger.head if trigger.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep":
        return []
    if prep.lower_ == "of" and prep.head.lower_ in LEX["event_preps"] | LEX["event_parts"]:
        prep = prep.head.head if prep.head.dep_ == "pobj" else prep.head  # "on the sidelines of", "ahead of"
    if prep.lower_ == "on" and LEX["nouns"].get(trigger.lower_) == "call":
        return _actors_of_clause(prep.head)  # "Z was also on the call"; but "briefed X on his talks" is a topic
    travel = prep.lower_ == "for" and prep.head.lemma_ in LEX["travel_verbs"]  # "arrived in Amman for talks"
    if prep.lower_ not in LEX["event_preps"] and not travel or prep.head.pos_ not in {"VERB", "AUX"}:
        return []
    if prep.lower_ in ORDERING and any(c.dep_ == "poss" for c in trigger.children):
        return []  # "Saqr said after Hariri's visit": the visit is Hariri's, not the speaker's
    return _actors_of_clause(prep.head)


def _actors_of_clause(verb: Token) -> list[tuple[Token, str]]:
    """The subject of a clause, the agent of a passive one, and whom it addresses ("told Y", "urged Y")."""
    out = [(s, "participant") for s in subjects_of(verb)]
    for child in verb.children:
        if child.dep_ == "agent":
            out += [(c, "participant") for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in {"dobj", "dative"} and verb.lemma_ in LEX["addressing_verbs"]:
            out.append((child, "participant"))
    return out


def _infinitive_subject(verb: Token) -> list[Token]:
    """ "for scientists from both countries to convene": the noun phrase before "to"."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0:
        return []
    node = verb.doc[to.i - 1]
    while node.dep_ in {"pobj", "prep"} and node.head.lower_ != "for" and node.head != node:
        node = node.head
    return [node] if node.pos_ in {"NOUN", "PROPN"} else []


def visited_country(roots: list[tuple[Token, str]], parties: Parties) -> None:
    """ "Putin's visit to Teheran", "Haley visited Juba": a visit to a city abroad is a visit to its country,
    as event coders code it (CAMEO 042, make a visit: the state visited is the target). A city of the
    visitor's own country adds nothing ("the President's visit to Houston")."""
    for root, role in roots:
        if role == "visitor" or root.ent_type_ != "GPE":
            continue
        place = places.resolve_place(entity_of(root).text)
        if place is None or place.kind != "city" or place.country is None:
            continue
        if all(a.country != place.country for a, _ in parties.found.values()):
            parties.add(Actor(countries.country_name(place.country) or place.country, "country", place.country), "host")


def read_parties(roots: list[tuple[Token, str]], trigger: Token, stop: set[int], reading: Reading) -> Parties:
    """The actors the phrases name: people, organizations, countries and groups, pronouns and relative
    pronouns read back to who they stand for."""
    parties = Parties()
    own = reading.actors.at(trigger)  # "the Woodside Summit" is the meeting, not one of its parties
    pronouns: list[tuple[Token, str]] = []
    for root, role in roots:
        for token in region(_relative_antecedent(root), stop, reading):
            actor = reading.at(token)
            if actor is not None and is_outlet(fold(actor.name)):
                continue  # "WASHINGTON (Reuters) - President X said after meeting Y": the outlet reports it
            if actor is not None and actor is not own and actor.kind in PARTY_KINDS:
                if actor.kind == "country" and (token.dep_ in {"compound", "amod", "nmod", "poss"} or token.dep_ == "pobj"
                                                and token.head.lower_ in {"of", "from"}
                                                and _is_person(token.head.head, reading)):
                    continue  # "U.S. officials", "China's minister", "President X of Egypt": a modifier
                parties.add(actor, role)
            elif token.lower_ in PRONOUNS and (token.dep_ != "poss" or token.head == trigger):
                pronouns.append((token, role))  # "his visit", not "his counterpart"
            elif token.lower_ in FIRST_PERSON and (token.dep_ != "poss" or token.head == trigger) \
                    and (speaker := speaker_of(token, reading)):
                parties.add(speaker, role)
            elif actor is None and token.pos_ == "NOUN" and (office := office_holder(token, reading)):
                parties.add(office, role)
            elif actor is None and token.pos_ == "NOUN":
                _group(token, role, parties, reading)
    if trigger.pos_ in {"NOUN", "PROPN"}:
        for child in trigger.children:  # "U.S.-China talks"
            if child.dep_ in {"compound", "nmod", "amod"} and child.i not in stop:
                for _, _, code in countries.countries_in(child.text):
                    party = Actor(countries.country_name(code) or code, "country", code)
                    parties.add(party, "participant")
    for token, role in pronouns:
        # "X met him": an object pronoun is not the subject of its own clause
        taken = set(parties.found) if token.dep_ in {"dobj", "pobj", "dative"} else set()
        actor = antecedent(token, reading, taken)
        if actor is not None:
            parties.add(actor, role)
    parties.from_context |= any(c.dep_ == "poss" and c.lower_ in {"their", "our"} for c in trigger.children) \
        and not parties.found
    return parties


def _group(token: Token, role: str, parties: Parties, reading: Reading) -> None:
    phrase = group_phrase(token)
    if phrase is None or any(_is_person(x, reading) for x in phrase):
        return
    if token.lower_ in LEX["pair_nouns"] and (token.lower_ == "pair" or any(  # "the two leaders", not "both
            c.lower_ in {"two", "both"} and c.i == token.i - 1 for c in token.children)):  # Israeli and ... leaders"
        # "the two leaders": the two people of the sentence, else those of the meeting told before
        people = {m.actor.key: m.actor for m in reading.actors.mentions if m.actor.kind == "person"
                  and token.sent.start <= m.start < token.sent.end}
        if len(people | {k: a for k, (a, _) in parties.found.items() if a.kind == "person"}) == 2:
            for actor in people.values():
                parties.add(actor, role)
        else:
            parties.from_context = True
        return
    for group in _two_countries(phrase, reading.pair) or groups_for(phrase, reading.pair):
        parties.add(group, role)


def _two_countries(phrase, pair: list[str]) -> list[Actor]:
    """ "the leaders of the two countries": one group for each of the two countries the document is about."""
    words = phrase.text.lower().split()
    if len(pair) != 2 or "two" not in words or not any(w.startswith(("countr", "nation")) for w in words):
        return []
    return [Actor(f"{phrase.root.text.lower()} from {countries.country_name(c) or c}", "group", c) for c in pair]


def _relative_antecedent(root: Token) -> Token:
    """ "who" in "Wang Yang, who met with ..." stands for "Wang Yang"."""
    if root.lower_ in RELATIVES and root.head.dep_ == "relcl" and root.head.head != root.head:
        return root.head.head
    return root


def region(root: Token, stop: set[int], reading: Reading) -> list[Token]:
    """The phrase of a participant, without relative clauses, topics, another meeting's phrase, or the
    owner of a person ("Trump's aide Kushner"); with those who came along ("X, accompanied by Y")."""
    out, stack = [], [root]
    inside_groups: set[int] = set()
    while stack:
        token = stack.pop()
        if token.i in stop or token.i in inside_groups:
            continue
        out.append(token)
        phrase = group_phrase(token) if reading.at(token) is None and token.pos_ == "NOUN" else None
        if phrase is not None:
            inside_groups |= {x.i for x in phrase if x.i != token.i and reading.at(x) is not None}
        person = _names_someone(token, reading)
        named = _is_person(token, reading)
        for child in token.children:
            if child.dep_ == "poss" and person or child.dep_ == "appos" and named and not _is_person(child, reading):
                continue  # "Trump's aide Kushner"; "Putin, an ally of Assad," describes Putin
            if child.dep_ in {"acl", "advcl"} and child.lemma_ in LEX["companion_verbs"]:
                stack += [g for c in child.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            elif child.dep_ not in OPEN_CLAUSES or child.dep_ == "prep" and child.lower_ in {"from", "of"}:
                stack.append(child)
    return sorted((t for t in out if t.i not in inside_groups), key=lambda x: x.i)


def _is_person(token: Token, reading: Reading) -> bool:
    actor = reading.at(token)
    return actor is not None and actor.kind == "person"


def _names_someone(token: Token, reading: Reading) -> bool:
    actor = reading.at(token)
    return actor is not None and actor.kind == "person" or group_phrase(token) is not None


def office_holder(noun: Token, reading: Reading) -> Actor | None:
    """ "the Iranian president", "the Israeli leader": the person of that country (and office) named last
    before, as news refers back to a leader it has introduced by name."""
    office = ROLES["person_titles"] | LEX["office_nouns"]
    if noun.lower_ not in office or not any(c.lower_ in {"the", "his", "her"} for c in noun.children):
        return None
    if any(reading.at(x) is not None for x in [noun.head, *noun.children] if x.dep_ in {"appos", "compound"}
           or x == noun.head and noun.dep_ in {"compound", "appos"}):
        return None  # "his U.S. counterpart, James Mattis": the phrase names its person
    codes = {countries.country_code(c.text) for c in noun.children if c.dep_ in {"amod", "compound", "nmod"}} - {None}
    before = [m.actor for m in reading.actors.mentions if m.actor.kind == "person" and m.end <= noun.i]
    office = [a for a in before if a.title and noun.lower_ in a.title.lower()]
    if codes:
        matching = [a for a in before if a.country in codes]
        return ([a for a in matching if a in office] or matching or [None])[-1]
    return office[-1] if office and len({a.key for a in office}) == 1 else None


def speaker_of(pronoun: Token, reading: Reading) -> Actor | None:
    """ "I will go to Beirut ... after meeting President Aoun," Hariri said: "I" is who says it, named by a
    reporting verb in the same sentence, else in the next (a quote that runs on), else in the one before."""
    here = reading.sentence_of[pronoun.i]
    doc = pronoun.doc
    for number in (here, here + 1, here - 1):
        for i in numpy.flatnonzero(reading.sentence_of == number):
            verb = doc[int(i)]
            if verb.lemma_.lower() not in CUES["clausal"] or verb.pos_ != "VERB":
                continue
            for subject in (c for c in verb.children if c.dep_ == "nsubj"):
                actor = reading.at(subject)
                if actor is not None and actor.kind == "person":
                    return actor
    return None


def antecedent(pronoun: Token, reading: Reading, taken: set[str]) -> Actor | None:
    """ "he", "she", "his": in its own sentence, the person who is the subject of a clause it is part of
    ("Putin said he was ready to meet"); else the person last named as a subject in the two sentences
    before (news keeps its subject: "Haley visited Juba. She met Kiir."), else the person last named there."""
    people = [m for m in reading.actors.mentions if m.actor.kind == "person" and m.actor.key not in taken]
    node = pronoun
    while node.head != node and node.dep_ not in {"acl", "amod", "appos"}:  # not out of a modifier
        node = node.head
        # the subject of a clause the pronoun is in, or the owner of a phrase it is in ("X's stop on his trip")
        holders = {s.i for s in node.children if s.dep_ in SUBJECTS | {"poss"} and s.i < pronoun.i}
        found = [m for m in people if holders & set(range(m.start, m.end))]
        if found:
            return found[-1].actor
    here = reading.sentence_of[pronoun.i]
    before = [m for m in people if 1 <= here - reading.sentence_of[m.start] <= 2]
    subjects = [m for m in before if any(t.dep_ in SUBJECTS for t in pronoun.doc[m.start:m.end])]
    return max(subjects or before, key=lambda m: m.start).actor if before else None
