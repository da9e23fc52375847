-- The reports event resolution looks at: the meetings this run staged, and the published meetings of
-- every event that shares a principal with one of them (30_event_people.sql gives the keys). Nothing else
-- is read, so the work grows with what is staged, not with the warehouse.
CREATE OR REPLACE TEMP TABLE event_reports AS
WITH fresh AS (SELECT * FROM staging.meetings WHERE event_id IS NULL),
keys AS (SELECT DISTINCT key FROM event_keys WHERE meeting_id IN (SELECT meeting_id FROM fresh)),
kept AS (  -- published meetings that stay: not of a document extracted again, not staged again
    SELECT * FROM main.meetings m
    WHERE m.event_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM staging.documents d WHERE d.doc_id = m.doc_id)
      AND NOT EXISTS (SELECT 1 FROM staging.meetings s WHERE s.meeting_id = m.meeting_id)),
blocked AS (
    SELECT DISTINCT k.event_id FROM kept k JOIN event_keys p USING (meeting_id)
    WHERE p.key IN (SELECT key FROM keys))
SELECT r.*, d.published_at, d.outlet
FROM (SELECT * FROM fresh UNION ALL SELECT * FROM kept WHERE event_id IN (SELECT event_id FROM blocked)) r
LEFT JOIN report_documents d USING (doc_id);
