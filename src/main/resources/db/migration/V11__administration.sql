-- Administration. accounts: each user's role and deactivation, one-time password reset tokens.
-- admin: the registration mode set at runtime, invite codes, the audit log of admin actions.
ALTER TABLE users
    ADD COLUMN role           TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    ADD COLUMN deactivated_at TIMESTAMPTZ;
-- a server that already has users: its first account becomes the admin, as on a fresh server
UPDATE users SET role = 'admin' WHERE id = (SELECT min(id) FROM users);

-- Stored as SHA-256 hashes, like refresh tokens; using one marks it used.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

-- Settings an admin changes at runtime, shared by every node (name 'registration_mode').
CREATE TABLE admin_settings (
    name       TEXT PRIMARY KEY,
    value      TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Invite codes, stored as SHA-256 hashes; the code itself is shown once, when it is made.
CREATE TABLE invites (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code_hash  TEXT        NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    max_uses   INT         NOT NULL CHECK (max_uses > 0),
    uses       INT         NOT NULL DEFAULT 0,
    revoked_at TIMESTAMPTZ
);

CREATE TABLE admin_audit (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- null for the local command (bin/parley admin)
    actor_id       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    actor          TEXT        NOT NULL,
    action         TEXT        NOT NULL,
    target_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- the target's username at the time
    target         TEXT        NOT NULL DEFAULT '',
    detail         TEXT        NOT NULL DEFAULT ''
);
CREATE INDEX admin_audit_at_idx ON admin_audit (at DESC, id DESC);
