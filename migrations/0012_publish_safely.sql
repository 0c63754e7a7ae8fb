-- Publishing safely (issue 21): the merchant's own words for the content check, and the
-- material library that catches duplicates. Both exist only on this desk (the platform has
-- neither), so a repair or a backup copies them (store/salvage.rs).

-- The merchant's own words (Settings → 内容检查), beside the shipped list. `folded` is the
-- word as the checker compares it (no disguises), so one word is listed once per scope.
CREATE TABLE content_word (
    id         INTEGER PRIMARY KEY,
    word       TEXT NOT NULL CHECK (length(word) BETWEEN 1 AND 30),
    folded     TEXT NOT NULL CHECK (length(folded) >= 1),
    category   TEXT NOT NULL CHECK (category IN ('absolute', 'diversion', 'medical', 'promise', 'custom')),
    severity   TEXT NOT NULL CHECK (severity IN ('block', 'warn')),
    reason     TEXT NOT NULL DEFAULT '',
    -- For one matrix account only (a brand persona's own words); NULL: every account.
    account_id TEXT,
    added_at   TEXT NOT NULL
);

CREATE UNIQUE INDEX content_word_once ON content_word(folded, coalesce(account_id, ''));

-- Every file this desk has published (素材库): its content hash, an image's perceptual hash,
-- a video's length. Its uses are the actions that carried it (action_upload.file = file).
CREATE TABLE material (
    hash        TEXT PRIMARY KEY,
    -- The library's copy in media/outgoing/ (`<hash>.<ext>`), kept to use it again.
    file        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('video', 'image')),
    bytes       INTEGER NOT NULL CHECK (bytes >= 0),
    -- An image's perceptual hash (image_hasher's gradient hash, base64); NULL for a video or
    -- an image that could not be decoded.
    phash       TEXT,
    width       INTEGER,
    height      INTEGER,
    duration_ms INTEGER,
    -- A small PNG of an image for the Materials screen (at most 96 pixels a side).
    thumb       BLOB,
    added_at    TEXT NOT NULL
);

-- Account health (账号健康) counts review rejections of the last 7 days at every look.
CREATE INDEX work_status_event_time ON work_status_event(field, value, at);
