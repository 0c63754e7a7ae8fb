-- Matrix Desk local schema, version 8: publishing from the composer. A new work's files are
-- staged in the data directory and uploaded slot by slot, each platform media id recorded as
-- it arrives so a retry never uploads twice; drafts are kept as the staff member types; a
-- comment remembers which of our matrix accounts liked it.
-- Forward-only: once landed, never edit this file; add a new NNNN_name.sql instead.

-- One row per file of a queued publish: the media in order, then the cover image.
CREATE TABLE action_upload (
    action_id    TEXT NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    slot         INTEGER NOT NULL CHECK (slot >= 0),
    -- The staged copy's name in media/outgoing/ (<sha256>.<ext>).
    file         TEXT NOT NULL,
    -- The name the file had when picked.
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes        INTEGER NOT NULL CHECK (bytes >= 0),
    sent_bytes   INTEGER NOT NULL DEFAULT 0,
    -- The platform's id once it has the file.
    media_id     TEXT,
    PRIMARY KEY (action_id, slot)
) WITHOUT ROWID;

-- The composer's drafts (a JSON PublishDraft), newest first; each belongs to the merchant
-- signed in when it was written (its accounts and products are that merchant's).
CREATE TABLE draft (
    id          TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX draft_recent ON draft(merchant_id, updated_at);

-- JSON array of our matrix accounts that liked the comment.
ALTER TABLE comment ADD COLUMN liked_by TEXT NOT NULL DEFAULT '[]';

-- The work an action is about (pins, unpins and deletions are ordered per account, so the
-- entity no longer says which work): what the Works screen overlays, and its refusals.
ALTER TABLE action ADD COLUMN work_id TEXT;
UPDATE action SET work_id = entity_id WHERE entity_kind = 'work';
CREATE INDEX action_work ON action(work_id) WHERE work_id IS NOT NULL;
