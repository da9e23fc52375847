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

-- the actor knowledge base: one row per office a person is known to hold, from the Phoenix dictionary
-- ('phoenix': office_holders) or from what this warehouse has read ('text': a person named in full with a
-- country, as participant or speaker, seen from first to last publication date); extraction uses both
CREATE OR REPLACE VIEW main.known_people AS
SELECT person AS name, aliases, country, role AS title, valid_from, valid_to, source,
       NULL::VARCHAR AS actor_id, NULL::BIGINT AS documents
FROM main.office_holders
UNION ALL
SELECT a.name, list(DISTINCT al.alias ORDER BY al.alias) FILTER (WHERE al.alias IS NOT NULL), a.country, a.title,
       min(d.published_at), max(d.published_at), 'text', a.actor_id, count(DISTINCT d.doc_id)
FROM main.actors a
JOIN (SELECT p.actor_id, m.doc_id FROM main.meeting_participants p JOIN main.meetings m USING (meeting_id)
      UNION SELECT speaker_actor_id, doc_id FROM main.claims WHERE speaker_actor_id IS NOT NULL) seen USING (actor_id)
JOIN main.documents d USING (doc_id)
LEFT JOIN main.actor_aliases al USING (actor_id)
WHERE a.kind = 'person' AND a.country IS NOT NULL AND contains(trim(a.name), ' ')
GROUP BY a.actor_id, a.name, a.country, a.title;
