-- the actor knowledge base: one row per office a person is known to hold, from the Phoenix dictionary
-- ('phoenix': office_holders) or from what this warehouse has read ('text': a person named in full with a
-- country, as participant or speaker, seen from first to last publication date); extraction uses both
CREATE OR REPLACE VIEW main.known_people AS
SELECT person AS name, aliases, country, role AS title, valid_from, valid_to, source,
       NULL::VARCHAR AS actor_id, NULL::BIGINT AS documents
FROM main.office_holders
UNION ALL
SELECT a.name, list(DISTINCT al.alias ORDER BY al.alias) FILTER (WHERE al.alias IS NOT NULL), a.country, a.title,
       min(d.published_at), max(d.published_at), 'text', a.actor_id, count(DISTINCT d.doc_id)
FROM main.actors a
JOIN (SELECT p.actor_id, m.doc_id FROM main.meeting_participants p JOIN main.meetings m USING (meeting_id)
      UNION SELECT speaker_actor_id, doc_id FROM main.claims WHERE speaker_actor_id IS NOT NULL) seen USING (actor_id)
JOIN main.documents d USING (doc_id)
LEFT JOIN main.actor_aliases al USING (actor_id)
WHERE a.kind = 'person' AND a.country IS NOT NULL AND contains(trim(a.name), ' ')
GROUP BY a.actor_id, a.name, a.country, a.title;
