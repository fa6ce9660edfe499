-- Attachment bytes kept in PostgreSQL (messaging), with parley.attachments.store=database: every node of a
-- cluster reads the same uploads with no shared disk. The attachments row's storage_key names the row here.
CREATE TABLE attachment_contents (
    storage_key TEXT PRIMARY KEY,
    content     BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
