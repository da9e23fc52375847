"""Who said it: a claim's speaker as an actor, the side it speaks for, whether it is an unnamed source,
and the outlet or person the words came through.

Evidence for the side, the most direct first: a party ("Republican governors"); the resolved actor's
country (actors.py and its knowledge of office holders); a country, a seat of government or a capital
that the speaker phrase is built on ("Chinese officials", "the Kremlin", "Beijing"); an office that
exists in one country only ("Senator"); a person the phrase ties the speaker to ("an adviser to Ruto",
"Ruto's government"). Then context: a pronoun takes its antecedent's side; an unnamed source or a state
body with no country takes the side of the speaker just before it, else the country the story is set in
(its dateline, its publisher's own country, or the one country it is mostly about). A document, a study
or a report speaks for no one: it gets a country from its own words only.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from transforms import countries
from transforms.actors import Actor, DocActors
from transforms.attribution import Attribution
from transforms.lexicons import load
from transforms.outlets import is_media_noun, outlet_name, publisher_country
from transforms.places import resolve_place

ROLES = load("roles")
LEX = load("speakers")


def names_pattern(names) -> re.Pattern:
    """One regex for a list of names as written, longest first, never inside a longer word."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                      + r")(?![\w-])")


PARTIES = names_pattern(LEX["parties"])
INTERNATIONAL = names_pattern(LEX["international"])
US_LEGISLATOR = re.compile(r"\([RDI]-[A-Z][A-Za-z.]*\)")  # "Senator Lindsey Graham (R-S.C.)"
# "WASHINGTON (Reuters) -", "BEIJING, Nov. 29 (Xinhua) --", "MOSCOW, March 27. /TASS/.", "Washington (CNN)", "LONDON —"
DATELINE = re.compile(r"(?P<place>[A-Z][\w.'’ -]{1,30}?)(?:/[^,(\n]{1,30})?(?:,[^()\n/]{1,40}?)?\s*"
                      r"(?:\([A-Za-z .&-]{2,30}\)|/[A-Za-z]{2,10}/\.?)"
                      r"|(?P<caps>[A-Z][A-Z.'’ -]{2,30})(?:,[^\n]{1,40}?)?\s+[-–—]{1,2}\s")
PRONOUNS = {"he", "she", "they", "we", "it", "i"}
RELAYS = {"compound", "poss", "nmod", "amod", "appos", "prep", "pobj"}  # how a phrase ties a speaker to someone
TIES = {"of", "for", "to", "at", "from"}  # "a spokesman for", "an adviser to", "the embassy of"
SEATS = {"GPE", "FAC", "ORG", "LOC"}  # entity labels a seat of government gets
RECENT = 3  # sentences: a pronoun's antecedent, or a side carried from one speaker to the next


def dateline_country(text: str) -> str | None:
    """The country of a dateline at the top of the story ("NAIROBI (Reuters) -" -> KEN)."""
    for line in [line for line in text.lstrip().splitlines() if line.strip()][:2]:
        match = DATELINE.match(line)
        if match:
            place = (match.group("place") or match.group("caps")).strip(" .,")
            found = resolve_place(place.title() if place.isupper() else place)
            if found is not None and found.country:
                return found.country
    return None


@dataclass(frozen=True)
class Home:
    """The country a story is set in, and whether the story states it (dateline, publisher) or it is
    only the country the story mostly talks about."""
    country: str | None = None
    stated: bool = False


def home_country(text: str, outlet: str | None) -> Home:
    """Where a story is datelined, else its publisher's own country when the story mentions it (a
    national agency), else the one country it mostly talks about (over half the country mentions, 2 at
    least)."""
    found = countries.countries_in(text)
    counts = Counter(code for _, _, code in found)
    stated = dateline_country(text) or (publisher if (publisher := publisher_country(outlet)) in counts else None)
    if stated:
        return Home(stated, True)
    top = counts.most_common(1)
    return Home(top[0][0]) if top and top[0][1] >= 2 and 2 * top[0][1] > len(found) else Home()


def party_country(text: str) -> str | None:
    """A party named in a speaker phrase ("Republican governors", "Labour MP"), or a U.S. legislator's tag."""
    match = PARTIES.search(text)
    if match:
        return LEX["parties"][match.group()]
    return "USA" if US_LEGISLATOR.search(text) else None


def ties(head: Token) -> list[Token]:
    """The words a speaker phrase is built on: its modifiers and what it is "of", "for" or "to"
    ("Kremlin spokesman", "Ruto's government", "an adviser to Ruto"), not a clause about it nor what an
    adjective governs ("a writer critical of Germany")."""
    out, stack = [], [head]
    while stack:
        token = stack.pop()
        out.append(token)
        stack += [c for c in token.children if c.dep_ in RELAYS and (
            c.dep_ != "prep" or c.lower_ in TIES and token.pos_ in {"NOUN", "PROPN"})]
    return sorted(out, key=lambda t: t.i)


def phrase_country(written: Span | None, head: Token, built_on: list[Token]) -> str | None:
    """A country the speaker phrase is built on ("Chinese officials", "the embassy of Japan"), or one
    that owns an office in its description ("Rossi, who resigned as Italy's prime minister"). Not the
    country an envoy is sent to ("ambassador to Russia"), nor the first half of "Cuban-American"."""
    for token in built_on:
        if sent_to(token, head) or token.i + 2 < len(token.doc) and token.nbor(1).text == "-" \
                and countries.country_code(token.nbor(2).text):
            continue
        ent = entity_of(token)
        code = countries.country_code(ent.text if ent is not None else token.text) or countries.country_code(token.text)
        if code:
            return code
    for token in written or []:
        if token.head.lower_ in ROLES["title_heads"] and token.dep_ in {"poss", "compound", "amod"}:
            code = countries.country_code(token.text)
            if code:
                return code
    return None


def sent_to(token: Token, head: Token) -> bool:
    """Whether the phrase reaches a word through "to": "ambassador to Russia" names the host, not the side."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ == "to":
            return True
        token = token.head
    return False


def entity_of(token: Token) -> Span | None:
    """The named entity a token is part of."""
    if not token.ent_iob_ or token.ent_iob_ == "O":
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def seat_country(tokens: list[Token]) -> str | None:
    """A seat of government or a capital named for its government: "the Kremlin", "Beijing", "White House"."""
    for ent in dict.fromkeys(e for t in tokens if t.ent_type_ in SEATS and (e := entity_of(t)) is not None):
        code = countries.capital_country(ent.text)
        place = resolve_place(ent.text) if code is None else None
        if code or place is not None and place.kind == "venue" and place.country:
            return code or place.country
    return None


class SpeakerResolver:
    """Resolves the speakers of one document in reading order, remembering who spoke last."""

    def __init__(self, doc: Doc, actors: DocActors, text: str, home: Home, sentence_of=None) -> None:
        self.doc, self.actors, self.text, self.home = doc, actors, text, home
        self.sentence_of = sentence_of
        self.last_actor: Actor | None = None
        self.last_country: str | None = None
        self.last_outlet: str | None = None
        self.last_sentence = -RECENT - 1
        # actor key -> the side a fuller phrase gave it: "Berg" after "Foreign Ministry spokeswoman Anna Berg"
        self.learned: dict[str, str] = {}

    def sentence(self, token: Token) -> int:
        return int(self.sentence_of[token.i]) if self.sentence_of is not None else token.sent.start

    def antecedent(self, pronoun: Token) -> Actor | None:
        """ "he"/"she": who spoke last, unless a person became the subject of a sentence since ("Ms Berg
        held talks with Mr Lind. She confirmed ..."); with no one speaking yet, the first person of the
        nearest sentence naming one. "they"/"we": the last speaker; "it": the last speaker that is not a
        person, a few sentences back at most."""
        word, here = pronoun.lower_, self.sentence(pronoun)
        if word in {"they", "we"}:
            return self.last_actor
        if word == "it":
            last = self.last_actor
            return last if last is not None and last.kind != "person" and here - self.last_sentence <= RECENT else None
        before = [m for m in self.actors.mentions if m.actor.kind == "person" and m.start < pronoun.i
                  and here - self.sentence(self.doc[m.start]) <= RECENT]
        subjects = [m for m in before if is_subject(self.doc[m.start:m.end])]
        subject = max(subjects, key=lambda m: m.start) if subjects else None
        spoke = self.last_actor if self.last_actor is not None and self.last_actor.kind == "person" else None
        if spoke is not None and (subject is None or self.sentence(self.doc[subject.start]) <= self.last_sentence):
            return spoke
        if subject is not None:
            return subject.actor
        if before:
            nearest = max(self.sentence(self.doc[m.start]) for m in before)
            return min((m for m in before if self.sentence(self.doc[m.start]) == nearest), key=lambda m: m.start).actor
        return None

    def titled(self, head: Token, name: Span | None) -> Actor | None:
        """ "the king", "The German chancellor": the person last named with that office and, if the phrase
        names one, that country ("the president" is not the vice president: an office's other words,
        such as "vice", must be in the phrase too)."""
        if name is None or head.lower_ not in ROLES["person_titles"] or not any(t.lower_ == "the" for t in name) \
                or any(t.pos_ == "PROPN" and not countries.country_code(t.text) for t in name):
            return None
        words = {t.lower_ for t in name}
        country = next((code for _, _, code in countries.countries_in(name.text)), None)
        for mention in reversed([m for m in self.actors.mentions if m.actor.kind == "person" and m.start < head.i]):
            actor = mention.actor
            offices = [set(alias.lower().split()) for alias in actor.aliases]
            if any(head.lower_ in words_of and not words_of & LEX["title_modifiers"] - words for words_of in offices) \
                    and (country is None or actor.country in {None, country}):
                return actor
        return None

    def appositive(self, head: Token, written: Span | None) -> Actor | None:
        """ "her spokeswoman Ann Berg", "Another adviser to the campaign, Ann Berg", "A spokeswoman for
        the senator, Ann Berg": the person named right after the description or set off by a comma."""
        if written is None:
            return None
        for mention in self.actors.people_in(written.start, written.end):
            token = self.doc[mention.end - 1]
            if token.dep_ == "appos" and token.head.i >= head.i and (
                    self.doc[mention.start - 1].text == "," or token.left_edge.i == token.head.i + 1):
                return mention.actor
        return None

    def relay(self, a: Attribution) -> tuple[str | None, bool]:
        """The outlet, or the named person, that the words came through; and whether it is an outlet."""
        if a.relayed_via is None:
            return None, False
        name = outlet_name(self.text[a.relayed_via[0]:a.relayed_via[1]])
        if name:
            return name, True
        span = self.doc.char_span(*a.relayed_via, alignment_mode="expand")
        people = self.actors.people_in(span.start, span.end) if span is not None else []
        return (people[0].actor.name if people else None), False

    def resolve(self, a: Attribution, then: Attribution | None = None) -> dict:
        """The speaker fields of a claim; `then` is the next claim, which may attribute the words of a
        quotation whose marks a text lost ("I think it will work ..., said Berg")."""
        doc = self.doc
        head = doc[a.speaker_token] if a.speaker_token is not None else None
        name = doc.char_span(*a.speaker_name, alignment_mode="expand") if a.speaker_name else None
        written = doc.char_span(*a.speaker, alignment_mode="expand") if a.speaker else None
        written_text = self.text[a.speaker[0]:a.speaker[1]] if a.speaker else ""
        pronoun = head is not None and head.lower_ in PRONOUNS and name is not None and len(name) == 1
        actor = None
        if pronoun and head.lower_ in LEX["first_person"] and then is not None and continues(a, then):
            actor = self.named(then)
        if head is not None and actor is None:
            actor = self.antecedent(head) if pronoun else self.named(a)
        outlet = self.outlet(head, name, written_text, actor, pronoun)
        head_word = head.lemma_.lower() if head is not None else ""
        unnamed = head is not None and bool({head_word, head.lower_} & ROLES["anonymous_nouns"])
        document_voice = head_word in ROLES["document_nouns"] or outlet is not None and not unnamed  # "Russian media"
        named = actor is not None or name is not None and any(t.ent_type_ == "PERSON" for t in name)
        anonymous = head is not None and not (named or document_voice or pronoun) and (
            unnamed or head.tag_ in {"NNS", "NNPS"} and countries.is_demonym(head.text))  # "the Israelis said"
        country = self.side(head, written, written_text, actor, pronoun, document_voice, anonymous)
        relayed, by_outlet = self.relay(a)
        self.remember(head, actor, country, relayed if by_outlet else outlet)
        relayed = relayed or outlet
        return {"speaker_text": written_text or None, "speaker_key": actor.key if actor else None,
                "speaker_country": country, "is_anonymous": bool(anonymous), "relayed_via": relayed}

    def named(self, a: Attribution) -> Actor | None:
        """The actor a speaker phrase names: a mention, an office's holder ("the king"), or the person
        an appositive names."""
        if a.speaker_token is None:
            return None
        head = self.doc[a.speaker_token]
        name = self.doc.char_span(*a.speaker_name, alignment_mode="expand") if a.speaker_name else None
        written = self.doc.char_span(*a.speaker, alignment_mode="expand") if a.speaker else None
        return self.actors.at(head) or self.titled(head, name) or self.appositive(head, written)

    def outlet(self, head: Token | None, name: Span | None, written: str, actor: Actor | None,
               pronoun: bool) -> str | None:
        """The outlet that is the speaker: named ("The Globe newspaper said", "the Danish newspaper
        Politiken said", whose name the parse may leave out of the head phrase), or referred back to ("It
        said", "The paper said") right after that outlet spoke or relayed. A person is never an outlet
        ("Michael Bloomberg")."""
        if head is None or name is None or actor is not None and actor.kind == "person":
            return None
        if not pronoun:
            found = outlet_name(name.text)
            if found is None or found.islower() or countries.countries_in(found):
                found = outlet_name(written) or found  # a name in the written phrase beats "Israeli newspaper"
            if found or not is_media_noun(name.text):
                return found
        elif head.lower_ != "it":
            return None
        return self.last_outlet if self.sentence(head) - self.last_sentence <= RECENT else None

    def side(self, head: Token | None, written: Span | None, written_text: str, actor: Actor | None,
             pronoun: bool, document_voice: bool, anonymous: bool) -> str | None:
        """The country the speaker speaks for (see the module docstring for the order of evidence)."""
        party = party_country(written_text)
        if party:
            return party
        if actor is not None and (actor.country or actor.key in self.learned):
            return actor.country or self.learned[actor.key]
        if pronoun:
            return self.recent_country(head) if head is not None and head.lower_ in {"they", "we"} else None
        built_on = ties(head) if head is not None else []
        found = phrase_country(written, head, built_on) if head is not None else None
        if found:
            return found
        seat = seat_country(built_on)
        if seat:
            return seat
        office = next((LEX["offices"][t.lower_] for t in built_on if t.lower_ in LEX["offices"]), None)
        if office:
            return office
        tied = [m.actor.country for t in built_on if (m := self.actors.by_token.get(t.i)) is not None
                and m.actor is not actor and m.actor.country
                and (m.actor.kind == "person" or m.actor.kind == "country" and not sent_to(t, head))]
        if tied:
            return tied[0]
        if document_voice or head is None or INTERNATIONAL.search(written_text):
            return None  # "a European Commission spokesman" speaks for no one country
        body = head.lemma_.lower() in LEX["bodies"] or head.lower_ in LEX["bodies"]
        if anonymous or body:
            return self.recent_country(head) or self.home.country
        if actor is not None and actor.kind == "person" and actor.title and (self.home.stated or not travels(actor)):
            return self.home.country  # "Health Minister Olga Petrova" in a story set in Russia
        return None

    def recent_country(self, head: Token) -> str | None:
        """The side of the speaker just before, if that speaker spoke a few sentences back at most."""
        return self.last_country if self.sentence(head) - self.last_sentence <= RECENT else None

    def remember(self, head: Token | None, actor: Actor | None, country: str | None, outlet: str | None) -> None:
        """What the next speaker may refer back to: who spoke, for which side, through which outlet."""
        if head is None:
            return
        if actor is not None:
            self.last_actor = actor
            if country and not actor.country:
                self.learned.setdefault(actor.key, country)
        if country:
            self.last_country = country
        self.last_outlet = outlet
        self.last_sentence = self.sentence(head)


def continues(a: Attribution, then: Attribution) -> bool:
    """Whether `then` attributes words that run on from `a`'s: its content, told before its cue, starts
    where `a`'s content ends ("I think ... [.] It will work, said Berg")."""
    return then.content[1] <= then.cue[0] and 0 <= then.content[0] - a.content[1] <= 8


def travels(actor: Actor) -> bool:
    """Heads of state and government, foreign ministers and envoys meet abroad: a story's setting does
    not tell their side unless the story states where it is told from."""
    return any(word in LEX["travelling_offices"] for alias in actor.aliases for word in alias.lower().split())


def is_subject(span: Span) -> bool:
    """Whether a mention is the subject of its sentence's main clause ("Ms Berg held talks with ... Mr
    Lind"), not of a clause inside it ("She made sure that Lind allowed ...")."""
    root = span.sent.root
    for token in span:
        subject = token.head if token.dep_ == "compound" else token
        verb = subject.head
        main = verb.i == root.i or verb.dep_ == "conj" and verb.head.i == root.i
        if subject.dep_ in {"nsubj", "nsubjpass"} and main:
            return True
    return False
