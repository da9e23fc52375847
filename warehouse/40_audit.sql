-- Audit views: the rows of {schema} with the checks a DataFrame alone cannot compute (offsets into the
-- document text, references to other tables) as boolean columns; expectations/*.json then validate them.
-- Parents are looked up in {schema} and in main, so a staged row may point at a published one.
-- A document staged again is read from {schema} alone, so each appears once.
CREATE OR REPLACE TEMP VIEW parent_documents AS
    SELECT doc_id, text, published_at FROM {schema}.documents
    UNION ALL
    SELECT doc_id, text, published_at FROM main.documents m
    WHERE NOT EXISTS (SELECT 1 FROM {schema}.documents s WHERE s.doc_id = m.doc_id);
-- The checks against a document's text, one row per meeting or claim (by rowid), filled by 41_text_checks.sql
-- a share of the documents at a time: joined at once, every text would have to fit in memory.
CREATE OR REPLACE TEMP TABLE meeting_text_checks (
    row_id BIGINT, doc_exists BOOLEAN, evidence_matches_text BOOLEAN, held_not_after_publication BOOLEAN);
CREATE OR REPLACE TEMP TABLE claim_text_checks (
    row_id BIGINT, doc_exists BOOLEAN, content_matches_text BOOLEAN, speaker_matches_text BOOLEAN);
CREATE OR REPLACE TEMP TABLE link_text_checks (row_id BIGINT, doc_exists BOOLEAN, evidence_matches_text BOOLEAN);
CREATE OR REPLACE TEMP VIEW parent_meetings AS
    SELECT meeting_id FROM {schema}.meetings UNION ALL SELECT meeting_id FROM main.meetings;
CREATE OR REPLACE TEMP VIEW parent_events AS
    SELECT event_id FROM {schema}.events UNION ALL SELECT event_id FROM main.events;
CREATE OR REPLACE TEMP VIEW parent_actors AS
    SELECT actor_id, kind FROM {schema}.actors UNION ALL SELECT actor_id, kind FROM main.actors;

CREATE OR REPLACE TEMP VIEW audit_documents AS
SELECT *, length(trim(text)) > 0 AS text_not_empty FROM {schema}.documents;

CREATE OR REPLACE TEMP VIEW audit_actors AS SELECT * FROM {schema}.actors;

CREATE OR REPLACE TEMP VIEW audit_actor_aliases AS
SELECT a.*, EXISTS (SELECT 1 FROM parent_actors p WHERE p.actor_id = a.actor_id) AS actor_exists
FROM {schema}.actor_aliases a;

CREATE OR REPLACE TEMP VIEW audit_meetings AS
WITH people AS (
        SELECT p.meeting_id, count(*) AS n, count(*) FILTER (WHERE a.kind IN ('group', 'organization')) AS groups  -- a body meeting as one (a working group)
        FROM (SELECT * FROM {schema}.meeting_participants UNION SELECT * FROM main.meeting_participants) p
        LEFT JOIN (SELECT DISTINCT ON (actor_id) * FROM parent_actors) a USING (actor_id)
        GROUP BY p.meeting_id)
SELECT m.*, t.doc_exists, t.evidence_matches_text, t.held_not_after_publication,
       coalesce(p.n >= 2 OR p.groups >= 1 OR m.kind = 'visit' AND coalesce(m.location, m.location_country) IS NOT NULL, false) AS has_participants,
       EXISTS (SELECT 1 FROM parent_events e WHERE e.event_id = m.event_id) AS event_exists
FROM {schema}.meetings m LEFT JOIN meeting_text_checks t ON t.row_id = m.rowid LEFT JOIN people p USING (meeting_id);

CREATE OR REPLACE TEMP VIEW audit_meeting_participants AS
SELECT p.*,
       EXISTS (SELECT 1 FROM parent_meetings m WHERE m.meeting_id = p.meeting_id) AS meeting_exists,
       EXISTS (SELECT 1 FROM parent_actors a WHERE a.actor_id = p.actor_id) AS actor_exists
FROM {schema}.meeting_participants p;

CREATE OR REPLACE TEMP VIEW audit_meeting_topics AS
SELECT t.*, EXISTS (SELECT 1 FROM parent_meetings m WHERE m.meeting_id = t.meeting_id) AS meeting_exists
FROM {schema}.meeting_topics t;

CREATE OR REPLACE TEMP VIEW audit_claims AS
SELECT c.*, t.doc_exists, t.content_matches_text, t.speaker_matches_text,
       coalesce(c.char_start <= c.cue_start AND c.cue_end <= c.char_end AND c.cue_start < c.cue_end
                AND c.char_start <= c.content_start AND c.content_end <= c.char_end
                AND (c.speaker_start IS NULL OR (c.char_start <= c.speaker_start AND c.speaker_end <= c.char_end)),
                false) AS spans_inside_claim,
       c.meeting_id IS NULL OR EXISTS (SELECT 1 FROM parent_meetings m WHERE m.meeting_id = c.meeting_id) AS meeting_exists,
       c.speaker_actor_id IS NULL
           OR EXISTS (SELECT 1 FROM parent_actors a WHERE a.actor_id = c.speaker_actor_id) AS speaker_exists
FROM {schema}.claims c LEFT JOIN claim_text_checks t ON t.row_id = c.rowid;

CREATE OR REPLACE TEMP VIEW audit_events AS
SELECT e.*,
       EXISTS (SELECT 1 FROM {schema}.meetings m WHERE m.event_id = e.event_id)
           OR EXISTS (SELECT 1 FROM main.meetings m WHERE m.event_id = e.event_id) AS has_reports,
       coalesce(e.documents <= e.reports AND e.outlets <= e.documents, false) AS counts_consistent,
       coalesce(e.first_reported <= e.last_reported, true) AS reported_in_order
FROM {schema}.events e;

CREATE OR REPLACE TEMP VIEW audit_event_participants AS
SELECT p.*,
       EXISTS (SELECT 1 FROM parent_events e WHERE e.event_id = p.event_id) AS event_exists,
       EXISTS (SELECT 1 FROM parent_actors a WHERE a.actor_id = p.actor_id) AS actor_exists
FROM {schema}.event_participants p;

CREATE OR REPLACE TEMP VIEW audit_meeting_links AS
WITH ends AS (SELECT DISTINCT ON (meeting_id) meeting_id, date_start, date_end FROM (
        SELECT meeting_id, date_start, date_end, 0 AS fresh FROM {schema}.meetings
        UNION ALL SELECT meeting_id, date_start, date_end, 1 FROM main.meetings) ORDER BY meeting_id, fresh)
SELECT l.*, t.doc_exists, t.evidence_matches_text,
       later.meeting_id IS NOT NULL AS meeting_exists,
       earlier.meeting_id IS NOT NULL AS related_exists,
       l.meeting_id <> l.related_meeting_id AS ends_differ,
       NOT coalesce(coalesce(later.date_end, later.date_start) < earlier.date_start, false) AS later_not_dated_before
FROM {schema}.meeting_links l
LEFT JOIN ends later ON later.meeting_id = l.meeting_id
LEFT JOIN ends earlier ON earlier.meeting_id = l.related_meeting_id
LEFT JOIN link_text_checks t ON t.row_id = l.rowid;

CREATE OR REPLACE TEMP VIEW audit_ingest_errors AS SELECT * FROM {schema}.ingest_errors;
