"""What the parser should not read: markdown links in releases ("read the [executive order](https://...)"),
2,426 of the 14,396 White House releases carry 31,145 of them; and HTML tags left in the text ("<figure>
<img src=... srcset=...>", "<figcaption>"), in 505 of the first 2,000.

Parsed as words, "order](https://www..." became speakers and claims, and "<figcaption>President Trump" a
speaker. The parser gets the text with each link's brackets and address and each tag blanked out,
character for character, so every offset into the document's text stays valid; what extraction writes
(evidence, contents, speakers) is cut from the document's own text by those offsets
(transforms/extract.py), so it stays exactly as the source has it.
"""
from __future__ import annotations

import re

LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((?:https?://|/|www\.)[^)\s]*\)")
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>")  # <figure>, </figcaption>, <img src="..." />


def blank_markup(text: str) -> str:
    """The text with each markdown link's "[", "](address)" and each HTML tag turned into spaces; a link's
    label and the text between tags kept (an image's description, alt="...", goes with its tag: its photo
    credits became participants, "White House Photo", and its evidence the tag around it)."""
    if "](" in text:
        text = LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), text)
    if "<" in text:
        text = TAG.sub(lambda m: " " * len(m.group(0)), text)
    return text
