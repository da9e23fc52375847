-- who meets whom: pairs of the actors in $actors, weighted by the events they share
SELECT a.actor_id AS source, b.actor_id AS target, count(DISTINCT a.event_id) AS events
FROM main.event_participants a JOIN main.event_participants b ON a.event_id = b.event_id AND a.actor_id < b.actor_id
WHERE a.actor_id IN (SELECT unnest($actors)) AND b.actor_id IN (SELECT unnest($actors))
GROUP BY ALL
ORDER BY events DESC, source, target;
