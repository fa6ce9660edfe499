-- Parley core schema: users and refresh tokens (accounts), conversations with members, read cursors and
-- the per-conversation seq counter (conversations), messages (messaging).

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT        NOT NULL,
    email         TEXT        NOT NULL,
    name          TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email <> '';

-- Opaque refresh tokens, stored as SHA-256 hashes; rotation marks a token used.
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE conversations (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            TEXT        NOT NULL CHECK (kind IN ('direct', 'group')),
    title           TEXT,
    -- "low:high" user ids of a direct conversation, so each pair has at most one
    direct_key      TEXT UNIQUE,
    -- seq of the newest message; the row is the per-conversation counter (locked per send)
    last_seq        BIGINT      NOT NULL DEFAULT 0,
    last_message_at TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE conversation_members (
    conversation_id BIGINT      NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT        NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    -- read cursor: every message with seq <= last_read_seq has been read by this member
    last_read_seq   BIGINT      NOT NULL DEFAULT 0,
    joined_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_user_idx ON conversation_members (user_id, conversation_id);

CREATE TABLE messages (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id BIGINT      NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT      NOT NULL,
    sender_id       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body            TEXT        NOT NULL,
    type            TEXT        NOT NULL DEFAULT 'text',
    metadata        JSONB,
    client_id       TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    edited_at       TIMESTAMPTZ,
    deleted         BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT messages_conversation_seq_key UNIQUE (conversation_id, seq)
);
CREATE UNIQUE INDEX messages_client_id_key ON messages (conversation_id, sender_id, client_id)
    WHERE client_id IS NOT NULL;
CREATE INDEX messages_sender_idx ON messages (sender_id);
