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
