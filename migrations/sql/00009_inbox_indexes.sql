-- Indexes for the inbox: a person's open claims, most pressing first.
-- (Numbered 9: steps 7 and 8 are being written on other branches.)

-- +goose Up
CREATE INDEX claims_assignee_priority ON claims (assignee_id, priority_rank DESC, id);

-- +goose Down
DROP INDEX claims_assignee_priority;
