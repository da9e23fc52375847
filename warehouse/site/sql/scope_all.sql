-- Every event and actor gets its page (`communique report`).
CREATE OR REPLACE TEMP TABLE site_events AS SELECT event_id FROM main.events;
CREATE OR REPLACE TEMP TABLE site_actors AS SELECT actor_id FROM main.actors;
