-- one row per event in scope, with what its page shows besides its reports
SELECT e.event_id, e.label, e.kind, e.status, e.format, e.date_start, e.date_end, e.date_precision,
       e.location, e.location_country, e.reports, e.documents, e.outlets, e.first_reported, e.last_reported,
       e.confidence,
       (SELECT list(DISTINCT t.topic ORDER BY t.topic) FROM main.meetings m JOIN main.meeting_topics t USING (meeting_id)
         WHERE m.event_id = e.event_id) AS topics,
       (SELECT list(DISTINCT m.duration_minutes ORDER BY m.duration_minutes) FROM main.meetings m
         WHERE m.event_id = e.event_id AND m.duration_minutes IS NOT NULL) AS durations
FROM main.events e JOIN site_events USING (event_id)
ORDER BY e.event_id;
