-- The pages one run can have changed ($run_id): the events it restated or reported, the events linked to
-- them (their earlier/later lists), and every actor that takes part in those events or that the run's
-- meetings and claims name.
CREATE OR REPLACE TEMP TABLE site_events AS
WITH touched AS (
    SELECT event_id FROM main.events WHERE run_id = $run_id
    UNION SELECT event_id FROM main.meetings WHERE run_id = $run_id AND event_id IS NOT NULL
)
SELECT event_id FROM touched
UNION SELECT l.related_event_id FROM main.event_links l JOIN touched t USING (event_id)
UNION SELECT l.event_id FROM main.event_links l JOIN touched t ON t.event_id = l.related_event_id;

CREATE OR REPLACE TEMP TABLE site_actors AS
SELECT p.actor_id FROM main.event_participants p JOIN site_events USING (event_id)
UNION SELECT p.actor_id FROM main.meeting_participants p JOIN main.meetings m USING (meeting_id) WHERE m.run_id = $run_id
UNION SELECT speaker_actor_id FROM main.claims WHERE run_id = $run_id AND speaker_actor_id IS NOT NULL;
