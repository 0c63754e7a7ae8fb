-- Frozen schema of the Matrix Desk local database, version 12, as released with publishing safely
-- (the merchant's own content-check words, the material library).
-- Dumped once from sqlite_master; never edit it. The upgrade test starts from this file, so
-- an edit to an old migration cannot pass unnoticed.

CREATE TABLE merchant (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    shop_name   TEXT NOT NULL,
    whitelisted INTEGER NOT NULL CHECK (whitelisted IN (0, 1))
, approval_required INTEGER NOT NULL DEFAULT 0 CHECK (approval_required IN (0, 1)));

CREATE TABLE matrix_account (
    id            TEXT PRIMARY KEY,
    merchant_id   TEXT NOT NULL,
    guangguang_id TEXT NOT NULL,
    nickname      TEXT NOT NULL,
    avatar_url    TEXT,
    tag           TEXT NOT NULL CHECK (tag IN ('staff', 'store', 'brand_persona', 'other')),
    binding_state TEXT NOT NULL CHECK (binding_state IN ('invited', 'bound', 'unbind_requested', 'unbound')),
    shop_card     INTEGER NOT NULL CHECK (shop_card IN (0, 1)),
    bound_at      TEXT,
    updated_at    TEXT NOT NULL,
    -- Staff's own grouping of accounts; local only.
    local_group   TEXT
);

CREATE INDEX matrix_account_merchant ON matrix_account(merchant_id, binding_state);

CREATE INDEX matrix_account_gg ON matrix_account(guangguang_id);

CREATE TABLE account_grant (
    account_id TEXT NOT NULL REFERENCES matrix_account(id) ON DELETE CASCADE,
    scope      TEXT NOT NULL CHECK (scope IN ('publish', 'interact')),
    state      TEXT NOT NULL CHECK (state IN ('none', 'requested', 'granted', 'declined', 'revoked')),
    updated_at TEXT,
    PRIMARY KEY (account_id, scope)
) WITHOUT ROWID;

CREATE TABLE invitation (
    id            TEXT PRIMARY KEY,
    merchant_id   TEXT NOT NULL,
    guangguang_id TEXT NOT NULL,
    phone_masked  TEXT NOT NULL,
    tag           TEXT NOT NULL CHECK (tag IN ('staff', 'store', 'brand_persona', 'other')),
    state         TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE INDEX invitation_merchant ON invitation(merchant_id, state);

CREATE TABLE product (
    id          TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL,
    title       TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    image_url   TEXT
);

CREATE TABLE pool_entry (
    account_id TEXT NOT NULL REFERENCES matrix_account(id) ON DELETE CASCADE,
    product_id TEXT NOT NULL,
    PRIMARY KEY (account_id, product_id)
) WITHOUT ROWID;

CREATE TABLE work (
    id               TEXT PRIMARY KEY,
    account_id       TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('video', 'image_text')),
    title            TEXT NOT NULL,
    text             TEXT NOT NULL,
    cover_url        TEXT,
    product_ids      TEXT NOT NULL DEFAULT '[]',
    privacy          TEXT NOT NULL CHECK (privacy IN ('public', 'private')),
    pinned           INTEGER NOT NULL CHECK (pinned IN (0, 1)),
    review_status    TEXT NOT NULL CHECK (review_status IN ('pending', 'approved', 'rejected')),
    review_reason    TEXT,
    inclusion_status TEXT NOT NULL CHECK (inclusion_status IN ('included', 'not_included')),
    topic            TEXT,
    scheduled_at     TEXT,
    published_at     TEXT,
    deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    like_count       INTEGER NOT NULL DEFAULT 0,
    comment_count    INTEGER NOT NULL DEFAULT 0,
    -- JSON array of our matrix accounts that liked the work.
    liked_by         TEXT NOT NULL DEFAULT '[]',
    updated_at       TEXT NOT NULL
, topic_status TEXT CHECK (topic_status IN ('pending', 'joined', 'not_joined')));

CREATE INDEX work_account ON work(account_id, published_at);

CREATE INDEX work_published ON work(published_at);

CREATE TABLE work_metric_daily (
    work_id      TEXT NOT NULL,
    date         TEXT NOT NULL,
    exposure     INTEGER NOT NULL,
    views        INTEGER NOT NULL,
    interactions INTEGER NOT NULL,
    shop_traffic INTEGER NOT NULL,
    orders       INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    PRIMARY KEY (work_id, date)
) WITHOUT ROWID;

CREATE TABLE account_metric_daily (
    account_id   TEXT NOT NULL,
    date         TEXT NOT NULL,
    exposure     INTEGER NOT NULL DEFAULT 0,
    views        INTEGER NOT NULL DEFAULT 0,
    interactions INTEGER NOT NULL DEFAULT 0,
    shop_traffic INTEGER NOT NULL DEFAULT 0,
    orders       INTEGER NOT NULL DEFAULT 0,
    amount_cents INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, date)
) WITHOUT ROWID;

CREATE TRIGGER work_metric_daily_ai AFTER INSERT ON work_metric_daily BEGIN
    INSERT INTO account_metric_daily (account_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents)
    SELECT w.account_id, NEW.date, NEW.exposure, NEW.views, NEW.interactions, NEW.shop_traffic, NEW.orders, NEW.amount_cents
    FROM work w WHERE w.id = NEW.work_id
    ON CONFLICT (account_id, date) DO UPDATE SET
        exposure = exposure + excluded.exposure,
        views = views + excluded.views,
        interactions = interactions + excluded.interactions,
        shop_traffic = shop_traffic + excluded.shop_traffic,
        orders = orders + excluded.orders,
        amount_cents = amount_cents + excluded.amount_cents;
END;

CREATE TRIGGER work_metric_daily_au AFTER UPDATE ON work_metric_daily BEGIN
    UPDATE account_metric_daily SET
        exposure = exposure + NEW.exposure - OLD.exposure,
        views = views + NEW.views - OLD.views,
        interactions = interactions + NEW.interactions - OLD.interactions,
        shop_traffic = shop_traffic + NEW.shop_traffic - OLD.shop_traffic,
        orders = orders + NEW.orders - OLD.orders,
        amount_cents = amount_cents + NEW.amount_cents - OLD.amount_cents
    WHERE account_id = (SELECT account_id FROM work WHERE id = NEW.work_id) AND date = NEW.date;
END;

CREATE TRIGGER work_rollup_ai AFTER INSERT ON work BEGIN
    INSERT INTO account_metric_daily (account_id, date, exposure, views, interactions, shop_traffic, orders, amount_cents)
    SELECT NEW.account_id, m.date, m.exposure, m.views, m.interactions, m.shop_traffic, m.orders, m.amount_cents
    FROM work_metric_daily m WHERE m.work_id = NEW.id
    ON CONFLICT (account_id, date) DO UPDATE SET
        exposure = exposure + excluded.exposure,
        views = views + excluded.views,
        interactions = interactions + excluded.interactions,
        shop_traffic = shop_traffic + excluded.shop_traffic,
        orders = orders + excluded.orders,
        amount_cents = amount_cents + excluded.amount_cents;
END;

CREATE TABLE comment (
    id                TEXT PRIMARY KEY,
    work_id           TEXT NOT NULL,
    parent_id         TEXT,
    author_name       TEXT NOT NULL,
    -- Set when the comment was made by one of our matrix accounts.
    author_account_id TEXT,
    text              TEXT NOT NULL,
    like_count        INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL
, read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)), liked_by TEXT NOT NULL DEFAULT '[]');

CREATE INDEX comment_work ON comment(work_id, created_at);

CREATE TABLE media_cache (
    url          TEXT PRIMARY KEY,
    path         TEXT NOT NULL,
    bytes        INTEGER NOT NULL,
    fetched_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL
);

CREATE TABLE action (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    entity_kind   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    account_id    TEXT,
    payload       TEXT NOT NULL,
    -- What to restore locally if the platform rejects the action.
    overlay_undo  TEXT,
    state         TEXT NOT NULL CHECK (state IN
                    ('queued', 'sending', 'applied', 'rejected', 'needs_sign_in', 'reconciling', 'cancelled')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    error_code    TEXT,
    error_message TEXT,
    staff_name    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
, retried_by TEXT, work_id TEXT, verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)));

CREATE INDEX action_pending ON action(state, next_attempt_at);

CREATE INDEX action_entity ON action(entity_kind, entity_id, created_at);

CREATE TABLE audit_entry (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    staff_name  TEXT NOT NULL,
    merchant_id TEXT,
    account_id  TEXT,
    action_id   TEXT,
    what        TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL
, error_code TEXT, verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)));

CREATE INDEX audit_entry_account ON audit_entry(account_id, seq);

CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry BEGIN
    SELECT RAISE(ABORT, 'audit trail is append-only');
END;

CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE grant_event (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL,
    scope      TEXT NOT NULL CHECK (scope IN ('publish', 'interact')),
    state      TEXT NOT NULL CHECK (state IN ('none', 'requested', 'granted', 'declined', 'revoked')),
    at         TEXT NOT NULL
);

CREATE INDEX grant_event_account ON grant_event(account_id, seq);

CREATE TRIGGER account_grant_history_ai AFTER INSERT ON account_grant WHEN NEW.state <> 'none' BEGIN
    INSERT INTO grant_event (account_id, scope, state, at)
    VALUES (NEW.account_id, NEW.scope, NEW.state, COALESCE(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
END;

CREATE TRIGGER account_grant_history_au AFTER UPDATE OF state ON account_grant WHEN NEW.state <> OLD.state BEGIN
    INSERT INTO grant_event (account_id, scope, state, at)
    VALUES (NEW.account_id, NEW.scope, NEW.state, COALESCE(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
END;

CREATE INDEX audit_entry_staff ON audit_entry(staff_name, seq);

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN
    SELECT RAISE(ABORT, 'audit trail is append-only');
END;

CREATE TABLE work_search_key (
    key     INTEGER PRIMARY KEY,
    work_id TEXT NOT NULL UNIQUE
, merchant_id TEXT);

CREATE TABLE work_status_event (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    work_id TEXT NOT NULL,
    at      TEXT NOT NULL,
    field   TEXT NOT NULL CHECK (field IN ('review', 'inclusion', 'topic')),
    value   TEXT NOT NULL,
    reason  TEXT
);

CREATE INDEX work_status_event_work ON work_status_event(work_id, seq);

CREATE TRIGGER work_review_history AFTER UPDATE OF review_status, review_reason ON work
WHEN NEW.review_status IS NOT OLD.review_status OR NEW.review_reason IS NOT OLD.review_reason BEGIN
    INSERT INTO work_status_event (work_id, at, field, value, reason)
    VALUES (NEW.id, NEW.updated_at, 'review', NEW.review_status, NEW.review_reason);
END;

CREATE TRIGGER work_inclusion_history AFTER UPDATE OF inclusion_status ON work
WHEN NEW.inclusion_status IS NOT OLD.inclusion_status BEGIN
    INSERT INTO work_status_event (work_id, at, field, value)
    VALUES (NEW.id, NEW.updated_at, 'inclusion', NEW.inclusion_status);
END;

CREATE TRIGGER work_topic_history AFTER UPDATE OF topic_status ON work
WHEN NEW.topic_status IS NOT OLD.topic_status AND NEW.topic_status IS NOT NULL BEGIN
    INSERT INTO work_status_event (work_id, at, field, value)
    VALUES (NEW.id, NEW.updated_at, 'topic', NEW.topic_status);
END;

CREATE TABLE work_period_total (
    days         INTEGER NOT NULL CHECK (days IN (7, 30, 90)),
    work_id      TEXT NOT NULL,
    exposure     INTEGER NOT NULL DEFAULT 0,
    views        INTEGER NOT NULL DEFAULT 0,
    interactions INTEGER NOT NULL DEFAULT 0,
    shop_traffic INTEGER NOT NULL DEFAULT 0,
    orders       INTEGER NOT NULL DEFAULT 0,
    amount_cents INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (days, work_id)
) WITHOUT ROWID;

CREATE INDEX work_period_exposure ON work_period_total(days, exposure);

CREATE INDEX work_period_views ON work_period_total(days, views);

CREATE INDEX work_period_interactions ON work_period_total(days, interactions);

CREATE INDEX work_period_shop_traffic ON work_period_total(days, shop_traffic);

CREATE INDEX work_period_orders ON work_period_total(days, orders);

CREATE INDEX work_period_amount ON work_period_total(days, amount_cents);

CREATE TRIGGER work_period_total_ad AFTER DELETE ON work BEGIN
    DELETE FROM work_period_total WHERE work_id = OLD.id;
END;

CREATE TABLE account_period_total (
    days         INTEGER NOT NULL CHECK (days IN (7, 30, 90)),
    account_id   TEXT NOT NULL,
    exposure     INTEGER NOT NULL,
    views        INTEGER NOT NULL,
    interactions INTEGER NOT NULL,
    shop_traffic INTEGER NOT NULL,
    orders       INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    PRIMARY KEY (days, account_id)
) WITHOUT ROWID;

CREATE INDEX account_metric_daily_date ON account_metric_daily(date, account_id);

CREATE TABLE merchant_metric_daily (
    merchant_id  TEXT NOT NULL,
    date         TEXT NOT NULL,
    exposure     INTEGER NOT NULL,
    views        INTEGER NOT NULL,
    interactions INTEGER NOT NULL,
    shop_traffic INTEGER NOT NULL,
    orders       INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    PRIMARY KEY (merchant_id, date)
) WITHOUT ROWID;

CREATE TRIGGER comment_read_on_arrival AFTER INSERT ON comment
WHEN NEW.author_account_id IS NOT NULL
     OR NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'pull.last_sync_at') BEGIN
    UPDATE comment SET read = 1 WHERE id = NEW.id;
END;

CREATE INDEX comment_time ON comment(created_at);

CREATE INDEX comment_unread ON comment(created_at) WHERE read = 0;

CREATE INDEX comment_parent ON comment(parent_id);

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

CREATE TABLE draft (
    id          TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX draft_recent ON draft(merchant_id, updated_at);

CREATE INDEX action_work ON action(work_id) WHERE work_id IS NOT NULL;

CREATE INDEX work_account_live ON work(account_id) WHERE deleted = 0;

CREATE INDEX work_search_key_merchant ON work_search_key(merchant_id);

CREATE VIRTUAL TABLE work_gram USING fts5(
    grams,
    content = '', contentless_delete = 1, detail = none, prefix = '6', tokenize = 'ascii'
);

CREATE TRIGGER work_gram_ai AFTER INSERT ON work BEGIN
    INSERT OR IGNORE INTO work_search_key (work_id, merchant_id)
        VALUES (NEW.id, (SELECT merchant_id FROM matrix_account WHERE id = NEW.account_id));
    INSERT INTO work_gram (rowid, grams)
        SELECT key, mdesk_grams(NEW.title, NEW.text) FROM work_search_key
        WHERE work_id = NEW.id AND NEW.deleted = 0
          AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'search.deferred');
END;

CREATE TRIGGER work_gram_au AFTER UPDATE OF title, text, deleted ON work
WHEN (OLD.title IS NOT NEW.title OR OLD.text IS NOT NEW.text OR OLD.deleted IS NOT NEW.deleted)
  AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'search.deferred') BEGIN
    DELETE FROM work_gram WHERE rowid = (SELECT key FROM work_search_key WHERE work_id = NEW.id);
    INSERT INTO work_gram (rowid, grams)
        SELECT key, mdesk_grams(NEW.title, NEW.text) FROM work_search_key
        WHERE work_id = NEW.id AND NEW.deleted = 0;
END;

CREATE TRIGGER work_gram_ad AFTER DELETE ON work BEGIN
    DELETE FROM work_gram WHERE rowid = (SELECT key FROM work_search_key WHERE work_id = OLD.id);
    DELETE FROM work_search_key WHERE work_id = OLD.id;
END;

CREATE TRIGGER work_search_key_account AFTER INSERT ON matrix_account BEGIN
    UPDATE work_search_key SET merchant_id = NEW.merchant_id
        WHERE merchant_id IS NULL AND work_id IN (SELECT id FROM work WHERE account_id = NEW.id);
END;

CREATE INDEX work_time ON work(COALESCE(published_at, scheduled_at), id);

CREATE INDEX work_account_time ON work(account_id, COALESCE(published_at, scheduled_at), id);

CREATE TABLE staff_member (
    login       TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    disabled    INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    created_at  TEXT NOT NULL
);

CREATE TABLE submission (
    id           TEXT PRIMARY KEY,
    merchant_id  TEXT NOT NULL,
    version      INTEGER NOT NULL,
    state        TEXT NOT NULL,
    -- The work's title (a publish) or the edited work's id (an edit), for search and notices.
    title        TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitter    TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    body         TEXT NOT NULL
);

CREATE INDEX submission_queue ON submission(merchant_id, state, submitted_at, id);

CREATE TABLE "notice" (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN
                 ('invitation_accepted', 'invitation_declined', 'grant_granted', 'grant_declined', 'action_rejected',
                  'work_rejected', 'work_approved', 'new_comment',
                  'submission_submitted', 'submission_approved', 'submission_returned')),
    account_id TEXT,
    -- Who or what it is about: a Guangguang ID, a nickname, or a work's title.
    subject    TEXT NOT NULL,
    scope      TEXT,
    action_id  TEXT,
    action_kind TEXT,
    error_code TEXT,
    delivered  INTEGER NOT NULL DEFAULT 0 CHECK (delivered IN (0, 1)),
    read       INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    work_id    TEXT,
    -- A rejection's or return's reason, a comment's text, or who submitted.
    detail     TEXT,
    submission_id TEXT
);

CREATE INDEX notice_undelivered ON notice(delivered, seq);

CREATE TRIGGER invitation_answer_notice AFTER UPDATE OF state ON invitation
WHEN NEW.state IN ('accepted', 'declined') AND NEW.state <> OLD.state BEGIN
    INSERT INTO notice (at, kind, subject)
    VALUES (NEW.updated_at, 'invitation_' || NEW.state, NEW.guangguang_id);
END;

CREATE TRIGGER grant_answer_notice AFTER UPDATE OF state ON account_grant
WHEN NEW.state IN ('granted', 'declined') AND NEW.state <> OLD.state BEGIN
    INSERT INTO notice (at, kind, account_id, subject, scope)
    VALUES (COALESCE(NEW.updated_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), 'grant_' || NEW.state, NEW.account_id,
            COALESCE((SELECT nickname FROM matrix_account WHERE id = NEW.account_id), NEW.account_id), NEW.scope);
END;

CREATE TRIGGER action_rejected_notice AFTER UPDATE OF state ON action
WHEN NEW.state = 'rejected' AND OLD.state <> 'rejected' BEGIN
    INSERT INTO notice (at, kind, account_id, subject, action_id, action_kind, error_code)
    VALUES (NEW.updated_at, 'action_rejected', NEW.account_id,
            COALESCE((SELECT nickname FROM matrix_account WHERE id = NEW.account_id),
                     json_extract(NEW.payload, '$.guangguang_id'), ''),
            NEW.id, NEW.kind, NEW.error_code);
END;

CREATE TRIGGER work_review_notice AFTER UPDATE OF review_status ON work
WHEN NEW.review_status IN ('approved', 'rejected') AND OLD.review_status = 'pending' AND NEW.deleted = 0
     AND EXISTS (SELECT 1 FROM sync_state WHERE key = 'pull.last_sync_at') BEGIN
    INSERT INTO notice (at, kind, account_id, subject, work_id, detail)
    VALUES (NEW.updated_at, 'work_' || NEW.review_status, NEW.account_id, NEW.title, NEW.id, NEW.review_reason);
END;

CREATE TRIGGER comment_notice AFTER INSERT ON comment
WHEN NEW.author_account_id IS NULL
     AND EXISTS (SELECT 1 FROM sync_state WHERE key = 'pull.last_sync_at') BEGIN
    INSERT INTO notice (at, kind, account_id, subject, work_id, detail)
    VALUES (NEW.created_at, 'new_comment', (SELECT account_id FROM work WHERE id = NEW.work_id),
            NEW.author_name, NEW.work_id, NEW.text);
END;

CREATE TRIGGER submission_submitted_notice AFTER INSERT ON submission
WHEN NEW.state = 'pending'
     AND NEW.submitted_by IS NOT (SELECT value FROM sync_state WHERE key = 'session.username')
     AND EXISTS (SELECT 1 FROM sync_state WHERE key = 'pull.last_sync_at') BEGIN
    INSERT INTO notice (at, kind, subject, detail, submission_id)
    VALUES (NEW.updated_at, 'submission_submitted', NEW.title, NEW.submitter, NEW.id);
END;

CREATE TRIGGER submission_changed_notice AFTER UPDATE ON submission
WHEN ((NEW.state = 'pending' AND NEW.version > OLD.version
       AND NEW.submitted_by IS NOT (SELECT value FROM sync_state WHERE key = 'session.username'))
      OR (NEW.state IN ('approved', 'returned') AND NEW.state <> OLD.state
          AND NEW.submitted_by IS (SELECT value FROM sync_state WHERE key = 'session.username'))) BEGIN
    INSERT INTO notice (at, kind, subject, detail, submission_id)
    VALUES (NEW.updated_at, 'submission_' || CASE NEW.state WHEN 'pending' THEN 'submitted' ELSE NEW.state END,
            NEW.title,
            CASE NEW.state WHEN 'returned' THEN json_extract(NEW.body, '$.reason') ELSE NEW.submitter END, NEW.id);
END;

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

CREATE INDEX work_status_event_time ON work_status_event(field, value, at);

PRAGMA user_version = 12;
