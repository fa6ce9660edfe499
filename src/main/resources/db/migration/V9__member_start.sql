-- Where each membership began: the conversation's last seq when the member was added (0 for members since
-- its creation). A user stream that learns of a membership late follows the conversation from there, so the
-- new member still gets the message that announced them and everything after it.
ALTER TABLE conversation_members ADD COLUMN joined_after_seq BIGINT NOT NULL DEFAULT 0;
