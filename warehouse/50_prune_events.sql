-- After publishing: an event whose every report was extracted again into other events, or quarantined,
-- has nothing left to stand on; it goes, with its participants.
DELETE FROM main.event_participants p
WHERE NOT EXISTS (SELECT 1 FROM main.meetings m WHERE m.event_id = p.event_id);
DELETE FROM main.events e
WHERE NOT EXISTS (SELECT 1 FROM main.meetings m WHERE m.event_id = e.event_id);
