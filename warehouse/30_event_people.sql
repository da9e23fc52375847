-- Who took part in each meeting, with the keys event resolution (transforms/events.py) compares: run
-- before resolving the staged meetings, and again once the gate has quarantined what failed.

-- a person's name folded to the words that identify them: "Joseph R. Biden, Jr." -> "joseph r biden"
CREATE OR REPLACE TEMP MACRO person_name(name) AS trim(regexp_replace(lower(strip_accents(regexp_replace(
    trim(name), '(,?\s+(Jr|Sr)\.?|\s+[IVX]{1,4})$', ''))), '[^a-z0-9]+', ' ', 'g'));
-- an organization, group or country taking part, by what names it
CREATE OR REPLACE TEMP MACRO body_key(kind, name, country) AS CASE
    WHEN kind = 'country' THEN 'country:' || coalesce(country, lower(strip_accents(name)))
    ELSE kind || ':' || lower(strip_accents(trim(name))) END;

-- documents as this run will publish them: a re-extracted document's staged row wins
CREATE OR REPLACE TEMP VIEW report_documents AS
    SELECT doc_id, published_at, outlet FROM staging.documents
    UNION ALL
    SELECT doc_id, published_at, outlet FROM main.documents m
    WHERE NOT EXISTS (SELECT 1 FROM staging.documents s WHERE s.doc_id = m.doc_id);

CREATE OR REPLACE TEMP TABLE event_people AS
SELECT p.meeting_id, p.actor_id, p.role, a.name, a.kind, a.country,
       CASE WHEN a.kind = 'person' THEN person_name(a.name) ELSE body_key(a.kind, a.name, a.country) END AS match_key
FROM (SELECT * FROM staging.meeting_participants UNION SELECT * FROM main.meeting_participants) p
JOIN (SELECT DISTINCT ON (actor_id) * FROM (
          SELECT actor_id, name, kind, country, 0 AS fresh FROM staging.actors
          UNION ALL SELECT actor_id, name, kind, country, 1 FROM main.actors) ORDER BY actor_id, fresh) a
USING (actor_id);

-- what candidates are looked up by: each word of a person's name, or the body itself
CREATE OR REPLACE TEMP TABLE event_keys AS
SELECT DISTINCT meeting_id, 'person:' || word AS key
FROM event_people, unnest(string_split(match_key, ' ')) AS words(word)
WHERE kind = 'person' AND length(word) >= 2
UNION
SELECT meeting_id, match_key FROM event_people WHERE kind <> 'person';
