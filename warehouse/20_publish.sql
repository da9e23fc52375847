-- Move what is staged into main. Keys already published are left alone, so a re-run changes nothing;
-- an actor seen again keeps its id and takes the newest title and country stated for it.
INSERT INTO main.documents BY NAME
SELECT * FROM staging.documents s
WHERE NOT EXISTS (SELECT 1 FROM main.documents m WHERE m.doc_id = s.doc_id);

INSERT INTO main.actors BY NAME
SELECT * FROM staging.actors
ON CONFLICT (actor_id) DO UPDATE SET
    title = coalesce(excluded.title, title),
    country = coalesce(excluded.country, country);

INSERT INTO main.actor_aliases BY NAME
SELECT DISTINCT * FROM staging.actor_aliases s
WHERE NOT EXISTS (SELECT 1 FROM main.actor_aliases m WHERE m.actor_id = s.actor_id AND m.alias = s.alias);

INSERT INTO main.meetings BY NAME
SELECT * FROM staging.meetings s
WHERE NOT EXISTS (SELECT 1 FROM main.meetings m WHERE m.meeting_id = s.meeting_id);

INSERT INTO main.meeting_participants BY NAME
SELECT * FROM staging.meeting_participants s
WHERE NOT EXISTS (SELECT 1 FROM main.meeting_participants m
                  WHERE m.meeting_id = s.meeting_id AND m.actor_id = s.actor_id);

INSERT INTO main.meeting_topics BY NAME
SELECT * FROM staging.meeting_topics s
WHERE NOT EXISTS (SELECT 1 FROM main.meeting_topics m WHERE m.meeting_id = s.meeting_id AND m.topic = s.topic);

INSERT INTO main.claims BY NAME
SELECT * FROM staging.claims s
WHERE NOT EXISTS (SELECT 1 FROM main.claims m WHERE m.claim_id = s.claim_id);

INSERT INTO main.ingest_errors BY NAME
SELECT * FROM staging.ingest_errors s
WHERE NOT EXISTS (SELECT 1 FROM main.ingest_errors m WHERE m.source_uri = s.source_uri AND m.error = s.error);
