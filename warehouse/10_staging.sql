-- A run's work in progress: empty copies of the main tables, filled in bulk, audited, then published.
CREATE OR REPLACE TABLE staging.documents AS SELECT * FROM main.documents LIMIT 0;
CREATE OR REPLACE TABLE staging.actors AS SELECT * FROM main.actors LIMIT 0;
CREATE OR REPLACE TABLE staging.actor_aliases AS SELECT * FROM main.actor_aliases LIMIT 0;
CREATE OR REPLACE TABLE staging.meetings AS SELECT * FROM main.meetings LIMIT 0;
CREATE OR REPLACE TABLE staging.meeting_participants AS SELECT * FROM main.meeting_participants LIMIT 0;
CREATE OR REPLACE TABLE staging.meeting_topics AS SELECT * FROM main.meeting_topics LIMIT 0;
CREATE OR REPLACE TABLE staging.claims AS SELECT * FROM main.claims LIMIT 0;
CREATE OR REPLACE TABLE staging.ingest_errors AS SELECT * FROM main.ingest_errors LIMIT 0;
