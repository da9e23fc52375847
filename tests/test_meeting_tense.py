"""The tense of the clause that tells a meeting decides which way its date reads; sentences written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from transforms import meeting_tense
from transforms.meetings import Mention

FRIDAY = dt.date(2023, 6, 16)


@pytest.mark.parametrize("status, start", [("planned", dt.date(2023, 6, 21)), ("held", dt.date(2023, 6, 14))])
def test_meeting_tense_the_present_looks_ahead_unless_the_meeting_is_told_as_held(nlp, status: str,
                                                                                  start: dt.date) -> None:
    doc = nlp("The ministers are meeting in Amman on Wednesday.")
    m = Mention(doc[3], "meeting", status=status, date_text="Wednesday")
    meeting_tense.resolve_date(m, FRIDAY)
    assert m.date.start == start


@pytest.mark.parametrize("text, trigger, expected", [
    ("Secretary Jane Doe met Minister Alan Gray.", "met", "past"),
    ("Secretary Jane Doe has met Minister Alan Gray.", "met", "past"),
    ("Secretary Jane Doe will meet Minister Alan Gray.", "meet", "future"),
    ("Secretary Jane Doe is expected to meet Minister Alan Gray.", "meet", "future"),
    ("Talks between Minister Alan Gray and Secretary Jane Doe are due in Tokyo.", "Talks", "future"),
    ("The ministers are meeting in Amman.", "meeting", "future"),
    ("Secretary Jane Doe held talks with Minister Alan Gray.", "talks", "past"),
    ("Secretary Jane Doe spoke about an April meeting with Minister Alan Gray.", "meeting", None),
])
def test_meeting_tense_of_the_clause_that_tells_the_meeting(nlp, text: str, trigger: str,
                                                            expected: str | None) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    verb = token if token.pos_ == "VERB" else next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    assert meeting_tense.tense(token, verb) == expected
