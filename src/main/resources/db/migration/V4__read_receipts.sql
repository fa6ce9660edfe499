-- When each member's read cursor advanced (one row per advance, not per message): a message was read
-- by a member at the first advance that reached its seq (seed 003's per-reader receipts).
CREATE TABLE read_receipts (
    conversation_id BIGINT      NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    up_to_seq       BIGINT      NOT NULL,
    read_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, user_id, up_to_seq)
);
