-- the latest run, with the rows it published and the inputs it rejected
SELECT r.*,
       (SELECT count(*) FROM main.meetings WHERE run_id = r.run_id) AS meetings,
       (SELECT count(*) FROM main.claims WHERE run_id = r.run_id) AS claims,
       (SELECT count(*) FROM main.events WHERE run_id = r.run_id) AS events,
       (SELECT count(*) FROM main.ingest_errors WHERE run_id = r.run_id) AS rejected
FROM main.runs r
ORDER BY r.started_at DESC
LIMIT 1;
