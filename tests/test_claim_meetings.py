"""Claims linked to the meeting they are about, on short sentences written for these tests."""
from __future__ import annotations

import pytest

from transforms.extract import extract


def linked(nlp, text: str, speaker: str) -> dict | None:
    """The meeting record the claim of `speaker` is linked to."""
    extraction = extract(nlp(text), "test", None)
    claim = next(c for c in extraction.claims if c["speaker_text"] == speaker)
    index = claim["meeting_index"]
    return None if index is None else next(m for m in extraction.meetings if m["index"] == index)


@pytest.mark.parametrize("text, speaker", [
    ("President Anna Berg of Sweden met Chancellor Olaf Scholz of Germany in Berlin on Monday. Officials spent the "
     "afternoon on trade figures. Markets rose. Analysts were cautious. Prices fell. Berg told reporters after the "
     "talks that both sides wanted a deal.", "Berg"),
])
def test_claim_meetings_a_saying_set_at_the_meeting(nlp, text: str, speaker: str) -> None:
    """Too far for the last-held-meeting rule, or another meeting told since: the sentence says which."""
    meeting = linked(nlp, text, speaker)
    assert meeting is not None and meeting["location"] == "Berlin"


def test_claim_meetings_a_claim_about_their_planned_meeting(nlp) -> None:
    text = ("President Anna Berg of Sweden will meet Chancellor Olaf Scholz of Germany in Berlin next week. "
            "Berg said she would raise trade at their meeting.")
    meeting = linked(nlp, text, "Berg")
    assert meeting is not None and meeting["status"] == "planned"


def test_claim_meetings_a_participant_speaks_about_the_meeting_later(nlp) -> None:
    text = ("President Anna Berg of Sweden met Chancellor Olaf Scholz of Germany in Berlin on Monday. Officials spent "
            "the afternoon on trade figures. Markets rose. Analysts were cautious. Prices fell. Weather was mild. "
            "Scholz said both sides wanted a deal.")
    meeting = linked(nlp, text, "Scholz")
    assert meeting is not None and meeting["location"] == "Berlin"


def test_claim_meetings_a_bystander_far_from_the_meeting_is_not_linked(nlp) -> None:
    text = ("President Anna Berg of Sweden met Chancellor Olaf Scholz of Germany in Berlin on Monday. Officials spent "
            "the afternoon on trade figures. Markets rose. Analysts were cautious. Prices fell. Weather was mild. "
            "A farmer said prices were too low.")
    assert linked(nlp, text, "A farmer") is None
