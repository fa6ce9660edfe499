-- Per-member archive and mute (seed 003). A conversation is archived for a member while nothing newer
-- than archived_at_seq exists, so a new message brings it back without touching this row.
ALTER TABLE conversation_members ADD COLUMN archived_at_seq BIGINT;
ALTER TABLE conversation_members ADD COLUMN muted BOOLEAN NOT NULL DEFAULT FALSE;
