-- what each actor in scope said, newest first, with the document and the event it is about
SELECT c.speaker_actor_id AS actor_id, c.claim_id, c.speaker_text, c.cue, c.content, c.quote_type,
       c.is_anonymous, c.relayed_via, d.title, d.outlet, d.published_at, d.url, m.event_id
FROM main.claims c JOIN site_actors s ON s.actor_id = c.speaker_actor_id
JOIN main.documents d USING (doc_id)
LEFT JOIN main.meetings m USING (meeting_id)
ORDER BY c.speaker_actor_id, d.published_at DESC NULLS LAST, c.doc_id, c.char_start;
