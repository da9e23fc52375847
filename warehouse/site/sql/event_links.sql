-- ties between an event in scope and earlier or later events (the event_links view, both directions)
SELECT s.event_id, 'earlier' AS direction, l.relation, l.documents, o.event_id AS other_id, o.label, o.date_start
FROM site_events s JOIN main.event_links l USING (event_id) JOIN main.events o ON o.event_id = l.related_event_id
UNION ALL
SELECT s.event_id, 'later', l.relation, l.documents, o.event_id, o.label, o.date_start
FROM site_events s JOIN main.event_links l ON l.related_event_id = s.event_id JOIN main.events o ON o.event_id = l.event_id
ORDER BY 1, 2, 7 NULLS LAST;
