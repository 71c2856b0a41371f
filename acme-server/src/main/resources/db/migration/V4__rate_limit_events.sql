-- Vacme store, version 4: events counted by the rate limits that no other table answers (new
-- accounts per client address, certificates per registered domain and per name set, failed
-- authorizations per account and name). A row is one event for one subject of one limit; a limit's
-- window is a range scan on the index. Written only while the limit is configured.

CREATE TABLE rate_limit_events (
    limit_name  TEXT   NOT NULL,
    subject     TEXT   NOT NULL,
    occurred_at BIGINT NOT NULL
);

CREATE INDEX rate_limit_events_by_subject ON rate_limit_events (limit_name, subject, occurred_at);
