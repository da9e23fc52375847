-- the events of each actor in scope, newest first, with who else took part
SELECT p.actor_id, e.event_id, e.label, e.kind, e.status, e.date_start, e.date_precision, e.location, e.reports, p.role
FROM main.event_participants p JOIN site_actors USING (actor_id) JOIN main.events e USING (event_id)
ORDER BY p.actor_id, e.date_start DESC NULLS LAST, e.event_id;
