-- the checks of one gate ($run_id, target staging) or of the latest `communique validate` (target main),
-- failures first
WITH latest_validate AS (
    SELECT run_id FROM main.validation_results WHERE target = 'main' ORDER BY checked_at DESC LIMIT 1
)
SELECT v.run_id, v.checked_at, v.target, v.table_name, v.expectation, v.check_text, v.success, v.rows_checked, v.rows_failed
FROM main.validation_results v
WHERE CASE WHEN $target = 'main' THEN v.target = 'main' AND v.run_id IN (SELECT run_id FROM latest_validate)
           ELSE v.target <> 'main' AND v.run_id = $run_id END
ORDER BY v.success, v.table_name, v.check_text;
