-- The text checks of the meetings, claims and links whose document falls in part {part} of {parts} (by a hash of
-- doc_id), so that only that part's texts are held at once (warehouse/40_audit.sql).
INSERT INTO meeting_text_checks
SELECT m.rowid,
       d.doc_id IS NOT NULL,
       coalesce(m.char_start >= 0 AND m.char_end <= length(d.text)
                AND substr(d.text, m.char_start + 1, m.char_end - m.char_start) = m.evidence, false),
       NOT coalesce(m.status = 'held' AND m.date_start > d.published_at, false)
FROM (SELECT rowid, * FROM {schema}.meetings WHERE hash(doc_id) % {parts} = {part}) m
LEFT JOIN (SELECT * FROM parent_documents WHERE hash(doc_id) % {parts} = {part}) d USING (doc_id);

INSERT INTO claim_text_checks
SELECT c.rowid,
       d.doc_id IS NOT NULL,
       coalesce(substr(d.text, c.content_start + 1, c.content_end - c.content_start) = c.content
                AND c.content_end <= length(d.text), false),
       coalesce(c.speaker_start IS NULL
                OR substr(d.text, c.speaker_start + 1, c.speaker_end - c.speaker_start) = c.speaker_text, false)
FROM (SELECT rowid, * FROM {schema}.claims WHERE hash(doc_id) % {parts} = {part}) c
LEFT JOIN (SELECT * FROM parent_documents WHERE hash(doc_id) % {parts} = {part}) d USING (doc_id);

INSERT INTO link_text_checks
SELECT l.rowid,
       d.doc_id IS NOT NULL,
       coalesce(substr(d.text, l.char_start + 1, l.char_end - l.char_start) = l.evidence, false)
FROM (SELECT rowid, * FROM {schema}.meeting_links WHERE hash(doc_id) % {parts} = {part}) l
LEFT JOIN (SELECT * FROM parent_documents WHERE hash(doc_id) % {parts} = {part}) d USING (doc_id);
