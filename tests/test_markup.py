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


# White House, 2025-05-06: a photo and its caption, as HTML inside the release's text
FIGURE = ('<figure> <img src="https://www.whitehouse.gov/wp-content/uploads/2025/05/54325920598_baa1fb4c39_o.jpg" '
          'style="width:650px" decoding="async" sizes="(max-width: 3000px) 100vw, 3000px" width="3000" '
          'height="2000" /> '
          '<figcaption>President Trump welcomes Marc Fogel to the White House on February 11, 2025</figcaption> '
          '</figure>\n\n')


def test_markup_blanks_html_tags_and_a_caption_is_a_sentence_of_its_own(nlp) -> None:
    plain = blank_markup(FIGURE)
    assert len(plain) == len(FIGURE) and "<" not in plain and ">" not in plain and "https" not in plain
    assert plain.split() == "President Trump welcomes Marc Fogel to the White House on February 11, 2025".split()
    assert blank_markup("if a < b and c > d") == "if a < b and c > d"
    meetings = extract(next(parse(nlp, [FIGURE], None)), "doc", None, source=FIGURE).meetings
    assert [m["evidence"] for m in meetings] == [
        "President Trump welcomes Marc Fogel to the White House on February 11, 2025"]
