-- Sessions (accounts): a login starts one; its access tokens carry its id ("sid") and its refresh tokens
-- point to it. Ending it (logout, the sessions endpoint, a password change) refuses both at once.
CREATE TABLE sessions (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- the User-Agent of the login, cut to 200 characters
    device       TEXT        NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- refreshed at most once a minute while its tokens are used
    last_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at     TIMESTAMPTZ
);
CREATE INDEX sessions_live_user_idx ON sessions (user_id) WHERE ended_at IS NULL;

-- Tokens issued before sessions existed have none; their next refresh starts one.
ALTER TABLE refresh_tokens ADD COLUMN session_id UUID REFERENCES sessions (id) ON DELETE CASCADE;
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
