-- Batches stage the actors they saw independently: one actor per id before the audit, keeping a
-- stated title and country over an empty one, and one row per (actor, alias).
CREATE OR REPLACE TABLE staging.actors AS
SELECT DISTINCT ON (actor_id) * FROM staging.actors ORDER BY actor_id, title IS NULL, country IS NULL;
CREATE OR REPLACE TABLE staging.actor_aliases AS SELECT DISTINCT * FROM staging.actor_aliases;
