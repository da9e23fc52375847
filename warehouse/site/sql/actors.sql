-- one row per actor in scope, with how many events and claims it has and its aliases
SELECT a.actor_id, a.name, a.kind, a.title, a.country,
       (SELECT count(*) FROM main.event_participants p WHERE p.actor_id = a.actor_id) AS events,
       (SELECT count(*) FROM main.claims c WHERE c.speaker_actor_id = a.actor_id) AS claims,
       (SELECT list(al.alias ORDER BY al.alias) FROM main.actor_aliases al WHERE al.actor_id = a.actor_id) AS aliases
FROM main.actors a JOIN site_actors USING (actor_id)
ORDER BY a.actor_id;
