-- Analyst views over the published tables.

-- one row per claim that characterizes a meeting: how each side described it, side by side
CREATE OR REPLACE VIEW main.meeting_characterizations AS
WITH described AS (
    SELECT c.meeting_id,
           c.speaker_country AS side_country,
           coalesce(a.name, c.speaker_text) AS speaker,
           c.cue,
           coalesce(
               nullif(regexp_extract(c.content, '\bas\s+(.+)$', 1), ''),
               nullif(regexp_extract(c.content, '\b(?:was|were|is|are|had been|has been)\s+(.+)$', 1), '')
           ) AS phrase,
           c.claim_id
    FROM main.claims c
    LEFT JOIN main.actors a ON a.actor_id = c.speaker_actor_id
    WHERE c.meeting_id IS NOT NULL
)
SELECT meeting_id, side_country, speaker,
       trim(phrase, ' “”"''‘’.,;') AS characterization, cue, claim_id
FROM described
WHERE phrase IS NOT NULL;

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
