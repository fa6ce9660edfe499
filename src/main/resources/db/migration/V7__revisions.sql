-- Edits and deletes (SPEC PATCH/DELETE /api/chats/messages/{id}/). Each one takes the conversation's
-- next revision (1, 2, 3 … without gaps, committed in order under the conversation row's lock), so a
-- socket can replay the ones it missed exactly as it replays messages by seq.
ALTER TABLE conversations ADD COLUMN last_revision BIGINT NOT NULL DEFAULT 0;
-- revision: of the message's latest edit or delete, 0 if never changed;
-- revised_at_seq: the conversation's last_seq when that happened (resume by seq finds it).
ALTER TABLE messages ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN revised_at_seq BIGINT;
CREATE INDEX messages_revision_idx ON messages (conversation_id, revision) WHERE revision > 0;
CREATE INDEX messages_revised_at_seq_idx ON messages (conversation_id, revised_at_seq) INCLUDE (revision)
    WHERE revision > 0;
