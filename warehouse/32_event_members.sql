-- Every report of the events this run touches (a staged meeting joined them, or a document extracted
-- again took its meetings away), as they will stand once published: their consensus is restated.
CREATE OR REPLACE TEMP TABLE event_members AS
WITH touched AS (
    SELECT event_id FROM staging.meetings WHERE event_id IS NOT NULL
    UNION
    SELECT event_id FROM main.meetings m
    WHERE event_id IS NOT NULL AND EXISTS (SELECT 1 FROM staging.documents d WHERE d.doc_id = m.doc_id)
    EXCEPT  -- an event the gate held back stays held back
    SELECT event_id FROM quarantine.events WHERE quarantine_run_id = '{run_id}')
SELECT r.*, d.published_at, d.outlet
FROM (SELECT * FROM main.meetings m
      WHERE event_id IN (SELECT event_id FROM touched)
        AND NOT EXISTS (SELECT 1 FROM staging.documents d WHERE d.doc_id = m.doc_id)
        AND NOT EXISTS (SELECT 1 FROM staging.meetings s WHERE s.meeting_id = m.meeting_id)
      UNION ALL
      SELECT * FROM staging.meetings WHERE event_id IS NOT NULL) r
LEFT JOIN report_documents d USING (doc_id);
