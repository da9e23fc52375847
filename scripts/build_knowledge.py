"""Convert the PETRARCH2 Phoenix actor dictionaries into transforms/data/phoenix_people.json.gz.

    python scripts/build_knowledge.py [--vendor ../shared/vendor/petrarch2-dictionaries] [--out FILE]

Phoenix.Countries.actors.txt lists ~18,000 office holders with name variants (`+ALIAS` lines) and
dated CAMEO codes (`[RUSGOV 000507-080507]`, `[ISRGOV >090401]`); Phoenix.International.actors.txt
adds the dated offices of international bodies (`[IGOUNO >20070101]`: Ban Ki-moon at the UN). The runtime needs only people:
a name, the spellings of that name, and (country, role, from, to) periods, so this keeps those and
drops the countries, institutions and parties, and the office words inside aliases ("PRESIDENT_PUTIN"
is the alias "Putin"). It runs at build time (`make knowledge`); the pipeline reads only its output.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms import countries  # noqa: E402  (the project's own country table decides what a code is)
from transforms.lexicons import load  # noqa: E402

SOURCES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
INTERNATIONAL = "IGO"  # CAMEO prefix of intergovernmental bodies: "IGOUNO" the UN, "IGOWSTNAT" NATO
OUT = ROOT / "transforms" / "data" / "phoenix_people.json.gz"
ROLE = re.compile(r"\[\s*([A-Z]{3,})\s*([^\]]*)\]")
SPAN = re.compile(r"^(\d{6}|\d{8})?\s*-\s*(\d{6}|\d{8})?$")
PIVOT = 30  # six-digit dates: YY <= 30 is 20YY (the data ends around 2015), else 19YY
# CAMEO role groups a person holds (government, elite, opposition, military, rebel, legislature,
# judiciary, intelligence ...); a dated code without one is a country, region or armed group
PERSON_ROLES = {"GOV", "ELI", "OPP", "MIL", "REB", "LEG", "JUD", "SPY", "BUS", "MED", "EDU", "UNR"}
ROLES = load("roles")
# words an alias puts around a name: "RUSSIAN_PRESIDENT_VLADIMIR_V._PUTIN", "FORMER_PRIME_MINISTER_X"
OFFICE_WORDS = ROLES["title_heads"] | ROLES["person_titles"] | ROLES["honorifics"] | {
    "former", "ex", "acting", "interim", "vice", "deputy", "of", "the", "minster", "ministry", "state",
    "secretary-general", "un", "u.n.", "united", "nations", "nato", "eu",
    "party", "opposition", "mp", "lawmaker", "sir", "dame", "mr", "mrs", "ms", "dr", "gen", "sen", "rep"}


def ordinal(text: str) -> int:
    """ "090401" -> 20090401, "700101" -> 19700101, "18970101" -> 18970101."""
    if len(text) == 8:
        return int(text)
    year = int(text[:2])
    return (2000 if year <= PIVOT else 1900) * 10000 + int(text)


def period(text: str) -> tuple[int, int] | None:
    """A restriction -> (from, to) as YYYYMMDD ints, 0 for an open end; None when unreadable."""
    text = text.replace(" ", "")
    if not text:
        return 0, 0
    if text[0] in "<>" and text[1:].isdigit() and len(text) in (7, 9):
        day = ordinal(text[1:])
        return (day, 0) if text[0] == ">" else (0, day)
    match = SPAN.match(text)
    if match and any(match.groups()):
        start, end = match.groups()
        return (ordinal(start) if start else 0), (ordinal(end) if end else 0)
    return None


def country_and_role(code: str) -> tuple[str, str] | None:
    """ "RUSGOV" -> ("RUS", "GOV"); a territory inside a code ("GBRVGBELI") is its own country; an
    international body's office ("IGOUNO") has no country: ("", "IGOUNO")."""
    if code.startswith(INTERNATIONAL):
        return "", code
    if countries.is_valid_alpha3(code[3:6]):
        return code[3:6], code[6:]
    if countries.is_valid_alpha3(code[:3]):
        return code[:3], code[3:]
    return None


def held_by_person(role: str) -> bool:
    """ "GOV", "GOVMIL", "IMYELI" (Isle of Man elite): some three-letter group names a person's role;
    a dated office of an international body ("IGOUNO 070101-") is held by its secretary-general."""
    return role.startswith(INTERNATIONAL) or any(role[i:i + 3] in PERSON_ROLES for i in range(0, len(role), 3))


def words_of(phrase: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", phrase.strip()) if w]


def demonym(word: str) -> bool:
    return countries.country_code(word.title()) is not None


def name_part(phrase: str) -> list[str]:
    """The name inside an alias: the office words at its start dropped, with a nationality adjective
    among them ("RUSSIAN_PRESIDENT_VLADIMIR_PUTIN"), but not a first name that is a country ("ISRAEL_KATZ")."""
    words = words_of(phrase)
    start = 0
    while start < len(words) and (office_word(words[start]) or demonym(words[start])):
        start += 1
    return words[start:] if any(office_word(w) for w in words[:start]) else words


def office_word(word: str) -> bool:
    return word.lower() in OFFICE_WORDS or word.lower().rstrip(".") in OFFICE_WORDS


def display(words: list[str]) -> str:
    """ "VLADIMIR V. PUTIN" -> "Vladimir V. Putin", "BAN KI-MOON" -> "Ban Ki-Moon"."""
    return " ".join("-".join(p[:1] + p[1:].lower() for p in w.split("-")) for w in words)


def records(lines: list[str]) -> list[tuple[str, list[str], list[str]]]:
    """Entries as (primary phrase, alias phrases, role restrictions incl. those on the primary line)."""
    entries: list[tuple[str, list[str], list[str]]] = []
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw[0] in " \t":
            if entries and ROLE.search(line):
                entries[-1][2].append(line)
        elif line.startswith("+"):
            if entries:
                entries[-1][1].append(line[1:].split("[", 1)[0])
        else:
            phrase, _, rest = line.partition("[")
            entries.append((phrase, [], ["[" + rest] if rest else []))
    return entries


def person(phrase: str, aliases: list[str], restrictions: list[str]) -> list | None:
    """[name, aliases, periods] for a person; None for a country, institution or party.
    A person is an entry with a dated role a person holds: institutions and parties carry bare codes,
    countries and regions dated codes without a role ("[SSD 110709-]")."""
    periods, dated = [], False
    for text in restrictions:
        for code, dates in ROLE.findall(text):
            place = country_and_role(code)
            span = period(dates)
            if place is None or span is None:
                continue
            dated |= span != (0, 0) and held_by_person(place[1])
            periods.append([*place, *span])
    name = name_part(phrase)
    if not dated or not name or not periods:
        return None
    forms = {display(name)}
    for alias in aliases:
        words = name_part(alias)
        if words:
            forms.add(display(words))
    forms.discard(display(name))
    return [display(name), sorted(forms), periods]


def merged(people: list[list]) -> list[list]:
    """One record per name and country: the dictionary lists some people twice ("XI_JINPING" as
    vice-president and as president), while namesakes of different countries stay apart."""
    out: dict[tuple[str, frozenset[str]], list] = {}
    for name, aliases, periods in people:
        key = (name, frozenset(p[0] for p in periods))
        if key in out:
            kept = out[key]
            kept[1] = sorted(set(kept[1]) | set(aliases))
            kept[2] += [p for p in periods if p not in kept[2]]
        else:
            out[key] = [name, aliases, periods]
    return list(out.values())


def build(vendor: Path) -> dict:
    lines = [line for source in SOURCES
             for line in (vendor / source).read_text(encoding="utf-8", errors="replace").splitlines()]
    people = merged([p for p in (person(*entry) for entry in records(lines)) if p])
    return {
        "_about": "People of the PETRARCH2 Phoenix country and international actor dictionaries (MIT, Open "
                  "Event Data; see LICENSE and README.md here): [name, [other spellings], [[alpha-3, CAMEO role, "
                  "from, to]]], alpha-3 empty for an international body's office, dates as YYYYMMDD integers, "
                  "0 for an open end. Built by scripts/build_knowledge.py.",
        "source": "petrarch2 " + ", ".join(SOURCES),
        "people": people,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendor", type=Path, default=ROOT.parent / "shared" / "vendor" / "petrarch2-dictionaries")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.vendor)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    with gzip.GzipFile(args.out, "wb", mtime=0) as out:  # mtime 0: the same input gives the same bytes
        out.write(payload)
    print(f"{len(data['people'])} people -> {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
