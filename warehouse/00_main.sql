-- The analysts' contract (shared spec/warehouse.md, v1). Extra columns are additions, never renames.
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS quarantine;

-- one row per contract version applied
CREATE TABLE IF NOT EXISTS main.schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP DEFAULT current_timestamp
);
INSERT INTO main.schema_version (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM main.schema_version);

-- one row per ingested article
CREATE TABLE IF NOT EXISTS main.documents (
    doc_id VARCHAR PRIMARY KEY,
    source_uri VARCHAR NOT NULL,
    title VARCHAR,
    outlet VARCHAR,
    published_at DATE,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL,
    url VARCHAR,
    run_id VARCHAR,
    extractor_version VARCHAR
);

-- one row per person, organization, country or group, merged across documents by normalized name
CREATE TABLE IF NOT EXISTS main.actors (
    actor_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    country VARCHAR,
    title VARCHAR
);

-- one row per surface form seen for an actor
CREATE TABLE IF NOT EXISTS main.actor_aliases (
    actor_id VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    PRIMARY KEY (actor_id, alias)
);

-- one row per meeting reported in a document
CREATE TABLE IF NOT EXISTS main.meetings (
    meeting_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    format VARCHAR,
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR,
    date_text VARCHAR,
    location VARCHAR,
    location_country VARCHAR,
    duration_minutes INTEGER,
    evidence VARCHAR NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    confidence DOUBLE NOT NULL,
    run_id VARCHAR
);

-- one row per (meeting, actor)
CREATE TABLE IF NOT EXISTS main.meeting_participants (
    meeting_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    PRIMARY KEY (meeting_id, actor_id)
);

-- one row per (meeting, topic label)
CREATE TABLE IF NOT EXISTS main.meeting_topics (
    meeting_id VARCHAR NOT NULL,
    topic VARCHAR NOT NULL,
    PRIMARY KEY (meeting_id, topic)
);

-- one row per attributed statement
CREATE TABLE IF NOT EXISTS main.claims (
    claim_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    speaker_text VARCHAR,
    speaker_actor_id VARCHAR,
    speaker_country VARCHAR,
    is_anonymous BOOLEAN NOT NULL,
    cue VARCHAR NOT NULL,
    content VARCHAR NOT NULL,
    quote_type VARCHAR NOT NULL,
    relayed_via VARCHAR,
    meeting_id VARCHAR,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue_start INTEGER NOT NULL,
    cue_end INTEGER NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    confidence DOUBLE NOT NULL,
    run_id VARCHAR
);

-- one row per pipeline run
CREATE TABLE IF NOT EXISTS main.runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,
    inputs VARCHAR,
    documents_seen INTEGER,
    documents_new INTEGER,
    documents_duplicate INTEGER,
    documents_failed INTEGER,
    records_staged INTEGER,
    records_published INTEGER,
    records_quarantined INTEGER,
    extractor_version VARCHAR
);

-- one row per input that could not be read, the first time it was seen
CREATE TABLE IF NOT EXISTS main.ingest_errors (
    source_uri VARCHAR NOT NULL,
    error VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    recorded_at TIMESTAMP DEFAULT current_timestamp
);

-- one row per row held back by the data-quality gate, with the checks it failed
CREATE TABLE IF NOT EXISTS quarantine.documents AS
    SELECT *, NULL::VARCHAR AS failed_checks, NULL::VARCHAR AS quarantine_run_id FROM main.documents LIMIT 0;
CREATE TABLE IF NOT EXISTS quarantine.actors AS
    SELECT *, NULL::VARCHAR AS failed_checks, NULL::VARCHAR AS quarantine_run_id FROM main.actors LIMIT 0;
CREATE TABLE IF NOT EXISTS quarantine.actor_aliases AS
    SELECT *, NULL::VARCHAR AS failed_checks, NULL::VARCHAR AS quarantine_run_id FROM main.actor_aliases LIMIT 0;
CREATE TABLE IF NOT EXISTS quarantine.meetings AS
    SELECT *, NULL::VARCHAR AS failed_checks, NULL::VARCHAR AS quarantine_run_id FROM main.meetings LIMIT 0;
CREATE TABLE IF NOT EXISTS quarantine.meeting_participants AS
    SELECT *, NULL::VARCHAR AS failed_checks, NULL::VARCHAR AS quarantine_run_id FROM main.meeting_participants LIMIT 0;
CREATE TABLE IF NOT EXISTS quarantine.meeting_topics AS
    SELECT *, NULL::VARCHAR AS failed_checks, NULL::VARCHAR AS quarantine_run_id FROM main.meeting_topics LIMIT 0;
CREATE TABLE IF NOT EXISTS quarantine.claims AS
    SELECT *, NULL::VARCHAR AS failed_checks, NULL::VARCHAR AS quarantine_run_id FROM main.claims LIMIT 0;
CREATE TABLE IF NOT EXISTS quarantine.ingest_errors AS
    SELECT *, NULL::VARCHAR AS failed_checks, NULL::VARCHAR AS quarantine_run_id FROM main.ingest_errors LIMIT 0;

-- one row per expectation checked per run: what the validation report shows
CREATE TABLE IF NOT EXISTS main.validation_results (
    run_id VARCHAR NOT NULL,
    checked_at TIMESTAMP NOT NULL,
    target VARCHAR NOT NULL,      -- 'staging' (a run's gate) or 'main' (communique validate)
    table_name VARCHAR NOT NULL,
    expectation VARCHAR NOT NULL,
    check_text VARCHAR NOT NULL,
    success BOOLEAN NOT NULL,
    rows_checked INTEGER NOT NULL,
    rows_failed INTEGER NOT NULL
);
