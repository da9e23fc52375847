-- every input that could not be read, newest first
SELECT source_uri, error, run_id, recorded_at FROM main.ingest_errors ORDER BY recorded_at DESC, source_uri;
