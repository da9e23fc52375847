"""Sentences -> attributions: who (speaker span), said (cue span), what (content span).

The parse gives most of it (subject, cue verb, clausal complement); where a small model's parse
breaks, the surface order "<speaker> <cue> that <content>" and quotation marks fill in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from transforms.lexicons import load
from transforms.outlets import outlet_name
from transforms.relays import according_to, addressee_outlet, quoted_as

CUES = load("cues")
ROLES = load("roles")
PEOPLE = {*ROLES["people_nouns"], *ROLES["group_nouns"], *ROLES["title_heads"], *ROLES["person_titles"],
          *ROLES["anonymous_nouns"]}
HOLDERS = {"PERSON", "ORG", "NORP", "GPE"}  # entity types that can hold a position
OBJECT = CUES["object"] | CUES["stance"]  # verbs whose direct object can be what was said or held
VERBS = CUES["clausal"] | OBJECT | CUES["as"] | CUES["quoting"]
BELIEFS = CUES["weak"] | CUES["stance"]  # verbs of holding a view, not of saying: "hopes", "thinks"
QUOTES = {"“": "”", "\"": "\"", "‘": "’"}
LEADING_ADVERBS = {"however", "but", "and", "still", "meanwhile", "instead", "indeed", "also", "yet", "so"}
POSSESSIVES = {"their", "his", "her", "its", "our", "my", "your"}
AMOUNTS = {"MONEY", "CARDINAL", "PERCENT", "QUANTITY"}
RELATIVES = {"who", "that", "which"}  # written as the speaker, resolved to what they refer to
PRONOUNS = {"he", "she", "they", "we", "i", "it"}
CLAUSE_END = {";", ":"}
DASHES = {"-", "--", "–", "—"}  # a dateline or a headline ends at a dash: "NAIROBI (Reuters) - Officials said"
CONTRASTS = {"but", "while", "whereas", "though", "although"}  # the speaker's clause ends before ", though ..."
QUOTE_BEFORE_CUE = re.compile(r"[”\"’]?[,.?!]?[”\"’]?\s*(?:[\w.’'\-]+\s+){0,6}", re.UNICODE)
QUOTE_AFTER_CUE = re.compile(r"(?:\s+[\w.’'\-]+){0,4}\s*[,:]?\s*[“\"‘]?")
MATTER_PREPS = {"for", "of", "against"}  # "called for", "accused ... of", "warned against"
CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
CUE_LEFT = {"aux", "auxpass", "neg", "advmod"}
SPEAKER_DROP = {"relcl", "acl", "appos", "punct", "advcl", "prep"}  # the phrase that names the speaker
WRITTEN_DROP = {"advcl"}  # the speaker as written: "David Cohen, a professor at the University of Akron"


@dataclass
class Attribution:
    speaker: tuple[int, int] | None  # character spans into doc.text; the speaker with its description
    cue: tuple[int, int]
    content: tuple[int, int]
    cue_lemma: str
    quote_type: str
    speaker_token: int | None  # token index of the speaker's head word
    relayed_via: tuple[int, int] | None = None
    speaker_name: tuple[int, int] | None = None  # the naming part of the speaker, for resolution
    weak: bool = False


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks (“ ”, " ", ‘ ’ and the '' '' of some newspapers); a quote
    may run over several sentences, but a straight quote not over a paragraph break. Texts that mix
    curly and straight double marks ("“It is shameful," she said") close a double quote at the first
    double mark of either kind. A straight or single mark right after a letter opens nothing (a stray
    mark in 'the leaders"?talks' would turn the rest of the text inside out)."""
    spans, i = [], 0
    while i < len(text):
        mark = "''" if text.startswith("''", i) else text[i]
        close = "''" if mark == "''" else QUOTES.get(mark)
        if close is not None and (mark not in {"‘", '"'} or i == 0 or not text[i - 1].isalnum()):
            closes = {"”", '"'} if mark in {"“", '"'} else {close}
            end = min((e for c in closes if (e := text.find(c, i + len(mark))) >= 0), default=-1)
            close = text[end] if end >= 0 and mark != "''" else close
            if close == "''" and text.startswith("'''", end):
                end += 1  # "on 'Fox and Friends,'''": a single quote closes inside the double one
            limit = text.find("\n\n", i + 1)
            if end > i + len(mark) and (limit < 0 or end < limit or mark == "“"):
                spans.append((i + len(mark), end))
                i = end + len(close)
                continue
        i += 1
    return spans


def chars(span: Span | list[Token]) -> tuple[int, int] | None:
    """Character span of tokens, without edge punctuation, a leading "However," or a trailing "— and"."""
    tokens = [t for t in span if not t.is_space]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in QUOTES.values() or tokens[-1].pos_ == "CCONJ"):
        tokens.pop()
    while tokens and (tokens[0].is_punct and tokens[0].text not in QUOTES
                      or tokens[0].lower_ in LEADING_ADVERBS and len(tokens) > 1 and tokens[1].text == ","):
        tokens.pop(0)
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def is_dash(token: Token) -> bool:
    """A dash between words ("MOSCOW (Reuters) - Officials"), not a hyphen ("state-run")."""
    return token.text in DASHES and bool(token.whitespace_)


def speaker_tokens(subject: Token, drop: set[str] = SPEAKER_DROP, cue: Token | None = None) -> list[Token]:
    """The subject phrase without what only describes it ("A senior official[, speaking on ...]"),
    or with `drop=WRITTEN_DROP` the whole phrase as written, description included; never the cue or
    what follows from it, when a parse hangs the cue under its own speaker."""
    keep, stack = [], [subject]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack += [c for c in token.children if (c.dep_ not in drop
                  or (c.dep_ == "prep" and c.lower_ in {"of", "from"} and c.i < subject.i + 6))
                  and (cue is None or not c.left_edge.i <= cue.i <= c.right_edge.i)]
    keep.sort(key=lambda t: t.i)
    # only the contiguous part around the head
    start = end = keep.index(subject)
    while start > 0 and keep[start - 1].i == keep[start].i - 1:
        start -= 1
    while end + 1 < len(keep) and keep[end + 1].i == keep[end].i + 1:
        end += 1
    dash = max((n for n in range(start, keep.index(subject)) if is_dash(keep[n])), default=None)
    return keep[(start if dash is None else dash + 1):end + 1]  # "MOSCOW (Reuters) - Officials": a dateline


def subject_of(cue: Token) -> Token | None:
    """The cue's subject, or for "..., stating that" and "X said and added" the subject it shares."""
    if cue.tag_ == "VBG" and cue.i > cue.sent.start and cue.doc[cue.i - 1].text == ",":
        cue = cue.sent.root  # a participle after a comma speaks with the main clause's subject
    node = cue
    for _ in range(3):
        for child in node.children:
            if child.dep_ == "nsubj" and child.lower_ not in {"it", "there"} | RELATIVES:
                return child
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if node.dep_ in {"conj", "advcl", "xcomp", "acomp"} and node.head != node:
            node = node.head  # "was not willing to say": the subject of "was"
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep":
            node = node.head.head  # "picked up by saying": the subject of "picked up"
        else:
            return None
    return None


def left_speaker(cue: Token, sent: Span) -> Token | None:
    """Surface fallback: the noun right before the cue, past adverbs and a parenthetical between commas."""
    i = cue.i - 1
    while i >= sent.start and (sent.doc[i].pos_ in {"ADV", "AUX", "PART"} or sent.doc[i].is_space):
        i -= 1
    if i >= sent.start and sent.doc[i].text == ",":
        j = i - 1
        while j >= sent.start and sent.doc[j].text != ",":
            j -= 1
        i = j - 1 if j >= sent.start else i
    if i >= sent.start and sent.doc[i].pos_ in {"NOUN", "PROPN", "PRON"}:
        return sent.doc[i]
    return None


def clause_after(start: int, sent: Span, cue: Token | None = None) -> list[Token]:
    """Tokens from `start` to the end of the clause: sentence end, ';', ', but', or "but <verb>" that
    returns to the speaker ("acknowledged that X but chose not to ..."), ", <verb>ing", or the cue's
    own next verb ("says he'd sit Putin down and tells the crowd ...")."""
    out: list[Token] = []
    doc = sent.doc
    for token in doc[start:sent.end]:
        nxt = doc[token.i + 1] if token.i + 1 < sent.end else None
        if token.text in CLAUSE_END or cue is not None and nxt is not None and nxt.dep_ == "conj" and nxt.head == cue \
                and token.pos_ == "CCONJ":
            break
        if token.lower_ in CONTRASTS and out and (
                out[-1].text == "," or nxt is not None and nxt.tag_ in {"VBD", "VBZ", "VBP"}):
            break
        if token.text == "," and nxt is not None and nxt.tag_ == "VBG":
            break
        out.append(token)
    while out and out[-1].text == ",":
        out.pop()
    return out


def content_of(cue: Token, sent: Span) -> tuple[list[Token], str] | None:
    """What was said: a that-clause, "X as Y" (or "called X Y"), a direct object for emphasis verbs, in that order."""
    lemma = cue_lemma(cue)
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        aside = {t.i for t in cue.subtree}  # "As The Post reported, <what was reported>"
        return [t for t in cue.head.subtree if t.i not in aside and t.i >= sent.start], "before"
    for child in cue.children:
        if child.dep_ == "ccomp" and child.i > cue.i:
            tokens = list(child.subtree)  # "that" included: PolNeAR's content spans start with it
            if tokens[0].i < cue.i and tokens[0].tag_ in {"WP", "WDT"}:  # "in what aides said was a protest"
                tokens = [t for t in cue.subtree if t.i > cue.i]  # the wh-word stays with the writer's clause
            return clause_after(tokens[0].i, sent, cue)[: len(tokens)], "clause"
        if child.dep_ == "ccomp" and child.right_edge.i < cue.i:  # "The plan is dead, he said."
            return [t for t in child.subtree if t.i >= sent.start], "before"
    following = sent.doc[cue.i + 1:min(sent.end, cue.i + 8)]
    that = next((t for t in following if t.lower_ == "that" and t.dep_ in {"mark", "nsubj", "dobj"} or
                 t.lower_ == "that" and t.pos_ == "SCONJ"), None)
    if that is not None and not any(t.text in {".", ";"} for t in sent.doc[cue.i:that.i]):
        return clause_after(that.i, sent, cue), "clause"
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    if lemma in CUES["as"] and objects:
        clause = clause_after(objects[0].left_edge.i, sent)
        # "as" on the cue or its object, or on the phrase it brings ("characterized X as constructive",
        # where a parse hangs "as" under "constructive")
        as_word = next((t for t in clause if t.lower_ == "as" and t.i > objects[0].i
                        and (t.head in (cue, objects[0]) or t.head.head == cue and t.head.i > t.i)), None)
        if as_word is not None:
            phrase = as_word if as_word.head in (cue, objects[0]) else as_word.head
            return [t for t in clause if t.i <= max(phrase.right_edge.i, as_word.i + 1)], "as"
        complement = next((c for c in cue.children if c.dep_ == "oprd" and c.i > objects[0].i), None)
        if complement is not None:  # "called the talks a success", "called it “a non-starter.”"
            tokens = [t for t in clause if t.i <= complement.right_edge.i]
            cut = next((n for n, t in enumerate(tokens) if t.i > complement.i and t.text == "," and
                        t.i + 1 < sent.end and sent.doc[t.i + 1].pos_ == "CCONJ"), len(tokens))
            tokens = tokens[:cut]
            marks = [t.text for t in tokens]
            opened = marks.count("“") > marks.count("”") or marks.count('"') % 2 == 1
            closing = next((t for t in sent.doc[tokens[-1].i + 1:min(sent.end, tokens[-1].i + 4)]
                            if t.text in QUOTES.values()), None)
            if opened and closing is not None:
                tokens = [t for t in clause if t.i <= closing.i] if closing.i <= clause[-1].i else tokens
            return tokens, "as"
    if lemma in OBJECT and objects and objects[0].lower_ not in PRONOUNS and not is_amount(objects[0]):
        obj = objects[0]
        reason = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ in {"for", "over"}
                       and c.i == obj.right_edge.i + 1), None)  # "criticized Trump for his remarks"
        last = reason.right_edge.i if reason is not None else obj.right_edge.i
        return [t for t in clause_after(obj.left_edge.i, sent) if t.i <= last], "object"
    return complement_of(cue, objects, sent)


def is_amount(obj: Token) -> bool:
    """ "raised $25 million", "raised wages": an object verb with money or a number did something, said nothing."""
    return obj.ent_type_ in AMOUNTS or obj.lemma_.lower() in CUES["not_content"]


def complement_of(cue: Token, objects: list[Token], sent: Span) -> tuple[list[Token], str] | None:
    """What was urged, vowed or alleged: "vowed to fight on", "urged Congress to act",
    "accused the bank of fraud", "called for a ceasefire" (the object, then the infinitive or the
    preposition that carries the matter)."""
    after = [c for c in cue.rights if c.dep_ == "xcomp" and c.tag_ == "VB"
             or c.dep_ == "prep" and c.lower_ in MATTER_PREPS and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
             or c.dep_ == "advcl" and c.left_edge.lower_ in MATTER_PREPS]  # "called for the bill to be dropped"
    if not after:
        return None
    start = objects[0].left_edge.i if objects and objects[0].i < after[0].i else after[0].left_edge.i
    if cue.doc[start].lower_ in MATTER_PREPS:
        start += 1  # the preposition joins the cue: "called for"
    end = after[0].right_edge.i
    for more in cue.rights:  # the matter goes on: "called for new laws to protect tenants"
        if more.left_edge.i == end + 1 and (more in after or more.dep_ == "advcl" and more.tag_ == "VB"):
            end = more.right_edge.i
    return [t for t in clause_after(start, sent) if t.i <= end], "object"


def cue_span(cue: Token, content: tuple[int, int]) -> tuple[int, int]:
    """The cue with the words that belong to the act of saying: "has also said", "did not deny",
    "pointed out" (auxiliaries, negation, adverbs right before it, and its particle), as PolNeAR marks it."""
    first = cue
    while first.i > 0:
        before = cue.doc[first.i - 1]
        if before.head != cue or before.dep_ not in CUE_LEFT or before.tag_ in {"WRB", "WDT"}:
            break
        first = before
    last = next((c for c in cue.rights if c.dep_ == "prt" and c.i == cue.i + 1), cue)
    following = cue.doc[last.i + 1] if last.i + 1 < len(cue.doc) else None
    if following is not None and following.lower_ in MATTER_PREPS and following.idx < content[0] <= (
            following.idx + len(following.text) + 1):
        last = following  # "called for" a ceasefire
    return first.idx, last.idx + len(last.text)


def to_quote_end(span: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Content that opens a quote runs to the quote's end: said that “ethanol people” “do a fantastic job.
    And it's so important.”"""
    start, end = span
    return start, max([end] + [qe for qs, qe in quotes if start <= qs < end < qe])


def holds_views(subject: Token) -> bool:
    """Who can want, oppose or support: a person, group, organisation or country, not "this loan"."""
    return (subject.ent_type_ in HOLDERS or subject.pos_ == "PROPN" or subject.lemma_.lower() in PEOPLE
            or subject.lower_ in PEOPLE or subject.pos_ == "PRON" and subject.lower_ in PRONOUNS - {"it"})


def quote_type(content: tuple[int, int], quotes: list[tuple[int, int]]) -> str:
    start, end = content
    if any(qs <= start + 1 and end - 1 <= qe for qs, qe in quotes):
        return "direct"
    if any(start <= qs < end or start < qe <= end for qs, qe in quotes):
        return "mixed"
    return "indirect"


def direct_quote(cue: Token, sent: Span, quotes: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    """ "“...,” she said." and "He said: “...”": a quote right next to the cue, only a speaker between.
    `text` is doc.text, which spaCy rebuilds from every token on each access: callers read it once."""
    cue_end = cue.idx + len(cue.text)
    for n, (qs, qe) in enumerate(quotes):
        if sent.start_char - 2 <= qe <= cue.idx and QUOTE_BEFORE_CUE.fullmatch(text[qe:cue.idx]):
            # “He better live,” she said. “I swear he better live.”: the quote goes on after the cue,
            # unless it is attributed in turn (“...,” he said: a quote that ends in a comma)
            nxt = quotes[n + 1] if n + 1 < len(quotes) else None
            after = sent.doc.char_span(cue.idx, sent.end_char, alignment_mode="expand")
            if nxt is not None and after is not None and cue.idx < nxt[0] <= after.end_char + 3 \
                    and not text[nxt[0]:nxt[1]].rstrip().endswith(","):
                return qs, nxt[1]
            return qs, qe
        # after the cue, a quote that opens in its sentence ("He said: “...”"), not the next sentence's
        if qs >= cue_end and QUOTE_AFTER_CUE.fullmatch(text[cue_end:qs]) and (
                qs < sent.end_char or ":" in text[cue_end:qs]):
            return qs, qe
    return None


def around(cue: Token, subject: Token, sent: Span) -> tuple[int, int] | None:
    """ "The museum, Mr. Obama said, would make visitors face ..." and "Prices will rise, she said.":
    the sentence around a parenthetical "<speaker> said" is what was said."""
    doc = sent.doc
    first = speaker_tokens(subject)[0].i
    if first <= sent.start or doc[first - 1].text != "," or subject.i > cue.i:
        return None
    after = cue.i + 1
    if after < sent.end and doc[after].text not in {",", ".", "!", "?"}:
        return None  # "she said on Monday that ..." is not parenthetical
    before = [t for t in doc[sent.start:first - 1] if not t.is_space]
    rest = [t for t in doc[after + 1:sent.end]] if after < sent.end and doc[after].text == "," else []
    return chars(before + rest) if before else None


def cue_lemma(token: Token) -> str:
    """The token's lemma, or the cue its form inflects when the model's lemma is off ("hoped" -> "hop")."""
    lemma = token.lemma_.lower()
    if lemma in VERBS or not token.tag_.startswith("VB"):
        return lemma
    word = token.lower_
    stems = [word[: -len(s)] + e for s in ("ing", "ed", "es", "s", "d") if word.endswith(s) for e in ("", "e")]
    return next((stem for stem in stems if stem in VERBS), lemma)


def is_passive(cue: Token) -> bool:
    """ "is expected to", "was accused of", "he is said to": the subject is not the speaker, who goes unnamed."""
    return any(c.dep_ == "auxpass" for c in cue.children) and not any(c.dep_ == "agent" for c in cue.children)


def past_dateline(subject: Token, cue: Token) -> Token:
    """ "ROME (Reuters) - Maria Rossi, a former minister, said": a parse may take the dateline for the subject; the
    speaker is the name after the dash."""
    sent = subject.sent
    dash = next((t for t in subject.doc[subject.i + 1:cue.i] if is_dash(t)), None)
    if dash is None or subject.i != sent.start or dash.i - sent.start > 8:
        return subject
    return next((c for c in subject.children if c.i > dash.i and c.dep_ in {"appos", "conj", "npadvmod"}), subject)


def referent(subject: Token, cue: Token) -> Token:
    """ "critics who say": a relative pronoun speaks for the noun its clause is about."""
    if subject.lower_ not in RELATIVES:
        return subject
    node = cue
    for _ in range(3):
        if node.dep_ == "relcl":
            return node.head
        node = node.head
    return subject


def says_something(tokens: list[Token]) -> bool:
    """A content is a clause or a quote, not a lone function word ("that", "so")."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    return len(words) > 1 or any(not t.is_stop for t in words)


def gapped_belief(lemma: str, cue: Token, tokens: Span | list[Token]) -> bool:
    """A belief verb right before a finite clause whose subject is elsewhere: "the reform he hopes will
    pass", "cautious, I think, is fair". The belief is an aside in the writer's sentence, and the clause alone
    says nothing. Speech verbs keep theirs ("a provision they say could exclude"), as PolNeAR marks them."""
    if lemma not in BELIEFS or not len(tokens) or tokens[0].i != cue.i + 1:
        return False
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head == t]
    if len(heads) != 1 or heads[0].pos_ not in {"VERB", "AUX"}:
        return False
    head = heads[0]
    finite = head.tag_ in {"VBZ", "VBD", "VBP"} or any(c.tag_ == "MD" for c in head.children)
    return finite and not any(c.dep_ in CLAUSE_SUBJECTS for c in head.children)


def in_sentence(sent: Span, quotes: list[tuple[int, int]], text: str) -> list[Attribution]:
    """Every attribution in one sentence; a cue inside another attribution's content is left to it."""
    found: list[Attribution] = []
    relay = according_to(sent, clause_after)
    for cue in sent:
        lemma = cue_lemma(cue)
        if lemma not in VERBS or not cue.tag_.startswith("VB") or (relay and cue.i < relay[1].right_edge.i + 1
                                                                     and cue.i > relay[0].i):
            continue
        quoted_by = quoted_as(cue)
        content = content_of(cue, sent) or (before_quoting(cue, sent) if quoted_by else None)
        kind = content[1] if content else None
        span = chars(content[0]) if content else None
        quoted = direct_quote(cue, sent, quotes, text)
        # the whole quote beside the cue, also when the parse found only its last sentence as the clause
        # (a clause may carry the quote's opening mark: one character of slack on each side)
        inside = quoted is not None and span is not None and quoted[0] - 1 <= span[0] and span[1] <= quoted[1] + 1
        # an object that runs on past the quote keeps its words: noted “positive dynamics” in relations with X
        beyond = kind == "object" and span is not None and quoted is not None and span[1] > quoted[1] + 1
        if quoted is not None and (span is None or kind == "object" and not beyond or inside):
            span, kind = quoted, "quote"
        passive = is_passive(cue) and not quoted_by
        # whether the noun before the cue may speak: not the noun a past participle modifies, which is what was
        # favored or said ("Anduril, favored in the bill")
        speaker_before = not passive and (
            cue.dep_ in {"amod", "ROOT", "relcl"} or cue.dep_ == "acl" and cue.tag_ != "VBN")
        subject = quoted_by[0] if quoted_by else subject_of(cue) or (
            left_speaker(cue, sent) if speaker_before else None)
        subject = past_dateline(subject, cue) if subject is not None else None
        if span is None and subject is not None:
            span, kind = around(cue, subject, sent), "before"
        if lemma in CUES["quoting"] and kind != "quote":
            continue
        words = sent.doc.char_span(*span, alignment_mode="expand") if span is not None else None
        if span is None or span[1] - span[0] < 3 or not says_something(words or []) or (
                kind != "quote" and gapped_belief(lemma, cue, words or [])):
            continue
        span = to_quote_end(span, quotes)
        if subject is None and not (passive and kind in {"clause", "object"}) or subject is not None and (
                subject.i > cue.i and kind not in {"quote", "before"} or subject.lower_ in POSSESSIVES):
            continue
        named = referent(subject, cue) if subject is not None else None
        if lemma in CUES["stance"] and kind != "quote" and (named is None or not holds_views(named)):
            continue
        via = quoted_by[1] if quoted_by else addressee_outlet(cue, subject)
        found.append(Attribution(
            speaker=chars(speaker_tokens(subject, WRITTEN_DROP, cue)) if subject is not None else None,
            speaker_name=chars(speaker_tokens(named)) if named is not None else None,
            cue=cue_span(cue, span), content=span, cue_lemma=lemma,
            quote_type=quote_type(span, quotes), speaker_token=named.i if named is not None else None,
            relayed_via=chars(speaker_tokens(via, WRITTEN_DROP)) if via is not None else None,
            weak=(lemma in CUES["weak"] or lemma in CUES["stance"]) and kind != "quote"))
    if relay is not None:
        word, source, rest = relay
        source_span = chars(speaker_tokens(source, WRITTEN_DROP))
        if found:
            for attribution in found:
                attribution.relayed_via = attribution.relayed_via or source_span
        elif chars(rest):
            found.append(Attribution(
                speaker=source_span, speaker_name=chars(speaker_tokens(source)),
                cue=(word.idx, word.idx + len("according to")), content=chars(rest), cue_lemma="according to",
                quote_type=quote_type(chars(rest), quotes), speaker_token=source.i))
    return unnest(found, text)


def unnest(found: list[Attribution], text: str) -> list[Attribution]:
    """A cue inside another attribution's content is left to it, unless that one is an outlet's report of
    what someone said ("Reuters reported that officials said ..."): then the inner speaker speaks, with
    the outlet as the relay, and the outlet's own claim goes."""
    def holds(b: Attribution, a: Attribution) -> bool:
        return b is not a and b.content[0] <= a.cue[0] < b.content[1]

    def relays(b: Attribution, a: Attribution) -> bool:
        """b is an outlet whose whole report is a's attribution: "<outlet> reported (that) <a>"."""
        opening = text[b.content[0]:min(a.speaker or a.cue, a.cue)[0]].split()
        between = text[a.speaker[1]:a.cue[0]].split() if a.speaker and a.speaker[1] <= a.cue[0] else []
        return b.speaker_name is not None and outlet_name(text[b.speaker_name[0]:b.speaker_name[1]]) is not None \
            and len(opening) <= 1 and len(between) <= 2 and a.content[1] >= b.content[1] - 2

    kept = []
    for a in found:
        outer = [b for b in found if holds(b, a)]
        if outer and all(relays(b, a) for b in outer):
            a.relayed_via = a.relayed_via or outer[0].speaker
        elif outer:
            continue
        kept.append(a)
    return [b for b in kept if not any(holds(b, c) and relays(b, c) for c in kept)]


def before_quoting(cue: Token, sent: Span) -> tuple[list[Token], str] | None:
    """ "Trade will grow, an aide quoted the king as saying.": what was said comes before "quoted"."""
    verb = cue.head.head
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.right_edge.i < verb.i), None)
    return ([t for t in clause.subtree if t.i >= sent.start], "before") if clause is not None else None


def attributions(doc: Doc, text: str | None = None) -> list[Attribution]:
    """Every attribution of the document; pass `text` when the caller already has doc.text."""
    text = doc.text if text is None else text
    quotes = quote_spans(text)
    found = [a for sent in doc.sents for a in in_sentence(sent, quotes, text)]
    found = unnest([a for a in found if not any(qs <= a.cue[0] < qe for qs, qe in quotes)], text)
    unique = {}
    for a in found:  # "“...,” he said, and underlined": one quote is one claim
        unique.setdefault(a.content, a)
    return list(unique.values())
