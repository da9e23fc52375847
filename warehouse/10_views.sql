-- Analyst views over the published tables.

-- one row per claim that characterizes the meeting it is linked to: how each side described it, side by side.
-- The phrase is cut from the claim's own content, so it can be checked against the words it came from:
--   * "<it / the meeting ...> as <phrase>": the content of a characterizing cue ("described the discussions as
--     frank and productive", "characterized the meeting in Vienna as constructive"); what is described is "it",
--     "them" or a determiner and at most three words, so "described Trump as ..." is about a person, not the meeting;
--   * "<the meeting(s) ...> was/were <phrase>": a short clause about the meeting itself ("the meetings were highly
--     productive"): a subject of a determiner and at most two words, a phrase of at most six words, so "there was
--     an agreement ..." or "the primary focus of the meeting was on ..." are left out.
CREATE OR REPLACE VIEW main.meeting_characterizations AS
WITH described AS (
    SELECT c.meeting_id,
           c.speaker_country AS side_country,
           coalesce(a.name, c.speaker_text) AS speaker,
           c.cue,
           CASE WHEN c.cue IN ('describe', 'characterize', 'characterise', 'call', 'hail', 'label', 'term', 'dub',
                               'brand', 'portray', 'depict')
                THEN nullif(regexp_extract(c.content,
                    '^(?:(?:it|them)|(?:the|this|these|those|their|its|our|his|her)(?:\s+\S+){1,3})\s+as\s+(.+)$', 1), '')
           END AS as_phrase,
           nullif(regexp_extract(c.content,
               '^(?:that\s+)?(?:the|this|these|those|their|its|our)(?:\s+\S+){1,2}\s+(?:was|were|is|are|had been|has been)\s+(.+)$',
               1), '') AS clause_phrase,
           c.claim_id
    FROM main.claims c
    LEFT JOIN main.actors a ON a.actor_id = c.speaker_actor_id
    WHERE c.meeting_id IS NOT NULL
), phrased AS (
    SELECT meeting_id, side_country, speaker, cue, claim_id,
           trim(coalesce(as_phrase, clause_phrase), ' “”"''‘’.,;') AS characterization,
           as_phrase IS NULL AS from_clause
    FROM described
)
SELECT meeting_id, side_country, speaker, characterization, cue, claim_id
FROM phrased
WHERE characterization <> ''
  AND (NOT from_clause OR length(characterization) - length(replace(characterization, ' ', '')) < 6);

-- one row per tie between two events that a document states (meeting_links lifted to events), so a
-- chain of talks can be walked across sources; `documents` counts the documents that state it
CREATE OR REPLACE VIEW main.event_links AS
SELECT later.event_id, earlier.event_id AS related_event_id, l.relation,
       count(DISTINCT l.doc_id) AS documents, max(l.confidence) AS confidence
FROM main.meeting_links l
JOIN main.meetings later ON later.meeting_id = l.meeting_id
JOIN main.meetings earlier ON earlier.meeting_id = l.related_meeting_id
WHERE later.event_id <> earlier.event_id
GROUP BY ALL;
