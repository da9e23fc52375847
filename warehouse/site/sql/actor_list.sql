-- every actor for the paged list and the network, most events first
SELECT a.actor_id, a.name, a.kind, a.title, a.country,
       coalesce(p.events, 0) AS events, coalesce(c.claims, 0) AS claims
FROM main.actors a
LEFT JOIN (SELECT actor_id, count(*) AS events FROM main.event_participants GROUP BY 1) p USING (actor_id)
LEFT JOIN (SELECT speaker_actor_id AS actor_id, count(*) AS claims FROM main.claims GROUP BY 1) c USING (actor_id)
ORDER BY events DESC, claims DESC, a.name, a.actor_id;
