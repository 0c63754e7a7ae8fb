-- Matrix Desk local schema, version 6: the data side of the works. Topic status, each work's
-- status history, the period totals the Works screen sorts by, and notices for review results
-- and new comments.
-- Forward-only: once landed, never edit this file; add a new NNNN_name.sql instead.

ALTER TABLE work ADD COLUMN topic_status TEXT CHECK (topic_status IN ('pending', 'joined', 'not_joined'));

-- Sorting by publish time (or the scheduled time of a work not published yet).
CREATE INDEX work_time ON work(COALESCE(published_at, scheduled_at));
CREATE INDEX work_account_time ON work(account_id, COALESCE(published_at, scheduled_at));

-- Every change of a work's review, inclusion or topic status this computer has seen. The state
-- a work arrived in is on the work row itself; only later changes are recorded here.
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

-- Each work's numbers over the last 7, 30 and 90 days of data, ending at the day kept in
-- sync_state 'rollup.through', so the Works screen walks an index in metric order; and each
-- account's, for the dashboard's leaderboard. crates/core/src/store/rollup.rs keeps both exact
-- in the transaction that applies a page of the change feed (every work has its three rows
-- once the rollup is built; a work that arrives later gets them from its first page).
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

-- Built for the first time by the next sync (the rollup has no 'through' day yet).

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

-- The dashboard reads per-day sums over a date range of all of a merchant's accounts.
CREATE INDEX account_metric_daily_date ON account_metric_daily(date, account_id);

-- The merchant's totals per day (the dashboard's totals and trend), summed from
-- account_metric_daily by crates/core/src/store/rollup.rs with the works' period totals.
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

-- Notices gain review results and new comments; SQLite cannot alter a CHECK, so the table is
-- rebuilt with its rows and triggers.
CREATE TABLE notice_v6 (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN
                 ('invitation_accepted', 'invitation_declined', 'grant_granted', 'grant_declined', 'action_rejected',
                  'work_rejected', 'work_approved', 'new_comment')),
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
    -- A rejection's reason, or a comment's text.
    detail     TEXT
);
INSERT INTO notice_v6 (seq, at, kind, account_id, subject, scope, action_id, action_kind, error_code, delivered, read)
    SELECT seq, at, kind, account_id, subject, scope, action_id, action_kind, error_code, delivered, read FROM notice;
DROP TRIGGER invitation_answer_notice;
DROP TRIGGER grant_answer_notice;
DROP TRIGGER action_rejected_notice;
DROP TABLE notice;
ALTER TABLE notice_v6 RENAME TO notice;
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

-- A review result or a fan's comment is news only after the first full sync: the initial
-- download of a matrix's history is not.
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
    SELECT NEW.created_at, 'new_comment', w.account_id, NEW.author_name, NEW.work_id, NEW.text
    FROM work w WHERE w.id = NEW.work_id;
END;
