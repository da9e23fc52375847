-- every report (meetings row) of an event in scope: its document, and the evidence with up to $window
-- characters of text on each side (documents.text by offsets), to be cut to whole sentences
SELECT m.event_id, m.meeting_id, m.kind, m.status, m.format, m.date_text, m.date_start, m.location,
       m.duration_minutes, m.confidence,
       d.doc_id, d.title, d.outlet, d.published_at, d.url,
       substr(d.text, greatest(m.char_start - $window, 0) + 1, m.char_start - greatest(m.char_start - $window, 0)) AS before,
       m.char_start <= $window AS from_start,
       substr(d.text, m.char_start + 1, m.char_end - m.char_start) AS evidence,
       substr(d.text, m.char_end + 1, $window) AS after,
       m.char_end + $window >= length(d.text) AS to_end
FROM main.meetings m JOIN site_events USING (event_id) JOIN main.documents d USING (doc_id)
ORDER BY m.event_id, d.published_at NULLS LAST, d.outlet, m.char_start;
