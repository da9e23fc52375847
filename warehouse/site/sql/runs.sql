-- every run, newest first
SELECT run_id, started_at, finished_at, status, message, documents_seen, documents_new, documents_failed,
       records_staged, records_published, records_quarantined, processes, extractor_version
FROM main.runs
ORDER BY started_at DESC;
