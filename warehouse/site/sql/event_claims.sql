-- claims about an event in scope, with the side that made them and how that side characterized it
SELECT m.event_id, c.claim_id, c.speaker_country AS side, coalesce(a.name, c.speaker_text) AS speaker,
       c.speaker_actor_id, c.is_anonymous, c.relayed_via, c.cue, c.content, c.quote_type,
       d.outlet, d.published_at, ch.characterization
FROM main.claims c
JOIN main.meetings m USING (meeting_id)
JOIN site_events USING (event_id)
JOIN main.documents d ON d.doc_id = c.doc_id
LEFT JOIN main.actors a ON a.actor_id = c.speaker_actor_id
LEFT JOIN main.meeting_characterizations ch USING (claim_id)
ORDER BY m.event_id, c.speaker_country NULLS LAST, d.published_at, c.char_start;
