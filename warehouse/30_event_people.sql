-- Who took part in each meeting, with the keys event resolution (transforms/events.py) compares: run
-- before resolving the staged meetings, and again once the gate has quarantined what failed.

-- a person's family name as the last word of the name, folded: "Joseph R. Biden, Jr." and "Biden" share it
CREATE OR REPLACE TEMP MACRO family_name(name) AS lower(strip_accents(regexp_extract(
    regexp_replace(trim(name), '(,?\s+(Jr|Sr)\.?|\s+[IVX]{1,4})$', ''), '(\S+)$', 1)));
CREATE OR REPLACE TEMP MACRO match_key(kind, name, country) AS CASE
    WHEN kind = 'person' THEN 'person:' || family_name(name)
    WHEN kind = 'country' THEN 'country:' || coalesce(country, lower(strip_accents(name)))
    ELSE kind || ':' || lower(strip_accents(trim(name))) END;
CREATE OR REPLACE TEMP MACRO given_name(kind, name) AS CASE
    WHEN kind = 'person' AND regexp_matches(trim(name), '\s') THEN lower(strip_accents(regexp_extract(trim(name), '^(\S+)', 1)))
    END;

-- documents as this run will publish them: a re-extracted document's staged row wins
CREATE OR REPLACE TEMP VIEW report_documents AS
    SELECT doc_id, published_at, outlet FROM staging.documents
    UNION ALL
    SELECT doc_id, published_at, outlet FROM main.documents m
    WHERE NOT EXISTS (SELECT 1 FROM staging.documents s WHERE s.doc_id = m.doc_id);

CREATE OR REPLACE TEMP TABLE event_people AS
SELECT p.meeting_id, p.actor_id, p.role, a.name, a.kind, a.country,
       match_key(a.kind, a.name, a.country) AS match_key, given_name(a.kind, a.name) AS given
FROM (SELECT * FROM staging.meeting_participants UNION SELECT * FROM main.meeting_participants) p
JOIN (SELECT DISTINCT ON (actor_id) * FROM (
          SELECT actor_id, name, kind, country, 0 AS fresh FROM staging.actors
          UNION ALL SELECT actor_id, name, kind, country, 1 FROM main.actors) ORDER BY actor_id, fresh) a
USING (actor_id);
