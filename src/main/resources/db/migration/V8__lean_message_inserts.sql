-- The send path inserts every message (issue 6). Foreign keys from messages cost a trigger query per row
-- (with a KEY SHARE lock on the conversation and on the sender), about half of each insert: a send already
-- checks, under the conversation row's lock, that the sender is a member (conversation_members keeps its
-- foreign keys to both), and no conversation or user row is ever deleted. messages_sender_idx served only
-- the users foreign key's ON DELETE SET NULL.
ALTER TABLE messages DROP CONSTRAINT messages_conversation_id_fkey;
ALTER TABLE messages DROP CONSTRAINT messages_sender_id_fkey;
DROP INDEX messages_sender_idx;
