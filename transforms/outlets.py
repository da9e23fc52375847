"""News outlets in a phrase: which outlet a claim came through, and whose officials an outlet names bare.

"told Kenya's Daily Nation", "according to China's state-run Xinhua news agency", "in remarks to
example.com.br", "official Syrian television said": the outlet is a known name (lexicons/outlets.json), a web
address, or a name beside a media word ("newspaper", "radio"); a phrase with a media word and no name
("state media") is its own name. Everything is a lookup in sets built once.
"""
from __future__ import annotations

import re

from transforms import countries
from transforms.actors import fold
from transforms.lexicons import load

OUTLETS = load("outlets")
KNOWN = sorted(OUTLETS["outlets"], key=len, reverse=True)  # longest first: "kyodo news" before "kyodo"
SITE = re.compile(r"[A-Za-z0-9][\w-]*(?:\.[a-z]{2,})*\.(?:com|net|org|info|news|tv)(?:\.[a-z]{2})?")
OWNER = {"'s", "’s", "s", "'", "’"}  # "Ireland's Sunday Independent"; "Ireland s" where a corpus dropped the apostrophe
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}


def _known(words: list[str]) -> str | None:
    """A known outlet among the words, as written: "the BBC's Moscow correspondent" -> "BBC"."""
    folded = [fold(w).removesuffix("'s") for w in words]
    padded = f" {' '.join(folded)} "
    for name in KNOWN:
        if f" {name} " in padded:
            parts = name.split()
            start = next(i for i in range(len(folded)) if folded[i:i + len(parts)] == parts)
            return " ".join(words[start:start + len(parts)]).removesuffix("'s").removesuffix("’s")
    return None


def _is_media_word(words: list[str], i: int) -> bool:
    """ "radio", "newspaper", "news agency"; or a name word of outlets when capitalized and closing a name
    ("The Jerusalem Post", "Sunday Independent"; "Daily" anywhere: "Daily Nation"), so that "Independent
    National Electoral Commission" is no outlet."""
    word = words[i].lower()
    pair = f"{word} {words[i + 1].lower()}" if i + 1 < len(words) else ""
    closes = i + 1 == len(words) or not _is_name_word(words[i + 1]) or word == "daily"
    return word in OUTLETS["media_nouns"] or pair in OUTLETS["media_nouns"] or (
        words[i][:1].isupper() and word in OUTLETS["name_words"] and closes)


def _is_name_word(word: str) -> bool:
    """A capitalized word that can be part of an outlet's name: not a country or nationality ("Croatian")."""
    return word[:1].isupper() and not countries.country_code(word) and word.lower() not in DETERMINERS - {"the"}


def outlet_name(text: str) -> str | None:
    """The outlet a phrase names, or None: "China's state-run Xinhua news agency" -> "Xinhua",
    "the Serbian news agency Tanjug" -> "Tanjug", "Ireland's Sunday Independent newspaper" -> "Sunday Independent",
    "state media" -> "state media", "reporters" -> None."""
    words = text.replace("’", "'").split()
    known = _known(words)
    if known:
        return known
    site = next((w.strip(".,;:") for w in words if SITE.fullmatch(w.strip(".,;:"))), None)
    if site:
        return site
    owner = max((i for i, w in enumerate(words) if w in OWNER or w.endswith(("'s", "’s"))), default=-1)
    words = words[owner + 1:]
    media = [i for i in range(len(words)) if _is_media_word(words, i)]
    if not media:
        return None
    runs: list[list[int]] = []
    for i, word in enumerate(words):
        if _is_name_word(word) and (word != "The" or i == 0 or not _is_name_word(words[i - 1])):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    # the name follows the media word ("the news agency Tanjug"), or is the media word's own ("The Globe
    # newspaper", "Daily Nation"); a word before it and apart from it describes it ("an Ohio news website")
    runs = [r for r in runs if [words[i] for i in r] != ["The"]
            and (r[0] > media[0] or r[-1] + 1 >= media[0])]
    after = [r for r in runs if r[0] > media[0]]
    if after or runs:
        return " ".join(words[i] for i in (after[0] if after else runs[-1])).strip(",.;:")
    bare = [w for w in words if w.lower() not in DETERMINERS]
    if len(bare) < len(words) and is_media_noun(" ".join(bare)):
        return None  # "the paper", "the news agency": the outlet named before, the resolver's business
    return " ".join(bare).strip(",.;:") or None  # no name: "state media", "official Syrian television"


def publisher_country(outlet: str | None) -> str | None:
    """The country whose officials a publisher names without saying so: a White House readout's
    "President Biden", China Daily's bare "Foreign Ministry spokeswoman" (state and national
    agencies name their own officials bare; wires and international broadcasters do not)."""
    folded = f" {fold(outlet or '')} "
    found = next((code for words, code in OUTLETS["publishers"].items() if f" {words} " in folded
                  or words.endswith((".gov", ".ru", ".cn", ".uk", ".in")) and words in folded), None)
    return found or next((OUTLETS["outlets"][name] for name in KNOWN if f" {name} " in folded), None)


def is_media_noun(phrase: str) -> bool:
    """ "paper", "newspaper", "news agency", "the agency" (its determiners aside): words that refer back to
    an outlet named before."""
    words = [w for w in phrase.lower().split() if w not in DETERMINERS]
    media = OUTLETS["media_nouns"]
    return bool(words) and (" ".join(words) in media or all(w in media for w in words))
