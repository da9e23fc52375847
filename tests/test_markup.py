"""Markdown links in releases: the parser does not read their brackets and addresses, what is written
keeps the document's own text."""
from __future__ import annotations

from transforms.extract import extract
from transforms.focus import parse
from transforms.markup import blank_markup

# White House releases (CC0), 2024 and 2025
TILLMAN = ("[Terrence Tillman](https://www.energy.gov/em/articles/first-joint-cohort-srs-apprentices-graduate-aiken-"
           "tech-program), a recent graduate of a newly expanded apprenticeship program, said \u201cThis is going to "
           "change my lifestyle.\u201d")
KARELINA = ("\u201cI am so grateful to be home. Thank you,\u201d [Karelina said](https://www.foxnews.com/us/russian-"
            "american-ballerina-ksenia-karelina-has-message-trump-after-release-from-russia).")


def test_markup_blanks_brackets_and_addresses_and_keeps_every_offset() -> None:
    plain = blank_markup(TILLMAN)
    assert len(plain) == len(TILLMAN) and "https" not in plain and "](" not in plain
    assert plain.startswith(" Terrence Tillman ") and plain.endswith(TILLMAN[TILLMAN.index(", a recent"):])
    assert blank_markup("no links here [1] (see above)") == "no links here [1] (see above)"


def test_markup_speakers_are_the_people_not_the_link_and_contents_are_the_source_text(nlp) -> None:
    for text, speaker in ((TILLMAN, "person:terrence tillman"), (KARELINA, "person:karelina")):
        doc = next(parse(nlp, [text], None))
        claims = extract(doc, "doc", None, source=text).claims
        assert [c["speaker_key"] for c in claims] == [speaker], text
        for claim in claims:  # as written in the source, link and all, at the offsets the parser gave
            assert claim["content"] == text[claim["content_start"]:claim["content_end"]]
            assert claim["speaker_text"] == text[claim["speaker_start"]:claim["speaker_end"]]
