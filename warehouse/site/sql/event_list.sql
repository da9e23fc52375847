-- every event for the paged list and the timeline, newest first, with its participants
SELECT e.event_id, e.label, e.kind, e.status, e.format, e.date_start, e.date_precision, e.location, e.reports, e.outlets,
       e.first_reported,
       strftime(e.date_start, '%Y-%m') AS month,
       list(p.actor_id ORDER BY p.actor_id) FILTER (WHERE p.actor_id IS NOT NULL) AS actor_ids,
       list(DISTINCT a.country ORDER BY a.country) FILTER (WHERE a.country IS NOT NULL) AS countries
FROM main.events e
LEFT JOIN main.event_participants p USING (event_id)
LEFT JOIN main.actors a USING (actor_id)
GROUP BY ALL
ORDER BY e.date_start DESC NULLS LAST, e.first_reported DESC NULLS LAST, e.event_id;
