-- who took part in each event in scope, with titles and countries
SELECT p.event_id, a.actor_id, a.name, a.kind, a.title, a.country, p.role
FROM main.event_participants p JOIN site_events USING (event_id) JOIN main.actors a USING (actor_id)
ORDER BY p.event_id, p.role DESC, a.name;
