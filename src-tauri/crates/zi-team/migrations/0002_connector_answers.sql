-- What the team's data connectors answered, by normalized input, so that no member asks a
-- connector again what another member already asked. An input being asked right now is
-- claimed in team_claims under the kind 'connector <name> / <action>'.
CREATE TABLE team_connector_answers (
    connector  TEXT NOT NULL,
    action     TEXT NOT NULL,
    input_key  TEXT NOT NULL,             -- the normalized values sent (name=value&…)
    matched    BOOLEAN NOT NULL,
    body       TEXT NOT NULL,             -- the JSON answer
    member     TEXT NOT NULL,             -- who asked (made the call)
    fetched_at BIGINT NOT NULL,
    PRIMARY KEY (connector, action, input_key)
);
CREATE INDEX team_connector_answers_by_member ON team_connector_answers (member, fetched_at);
