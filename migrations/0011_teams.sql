-- Teams (issue 20): the merchant's approval switch, its staff and their submissions as the
-- platform last said, who wrote each audit entry (the platform's identity, or a name typed
-- into Settings before teams: self-declared), and notices of submissions.

ALTER TABLE merchant ADD COLUMN approval_required INTEGER NOT NULL DEFAULT 0 CHECK (approval_required IN (0, 1));

-- The merchant's staff sub-accounts; `login` is `merchant:name`.
CREATE TABLE staff_member (
    login       TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    disabled    INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    created_at  TEXT NOT NULL
);

-- Submissions for four-eyes approval: the platform's JSON (`body`) and the columns the
-- Reviews screen filters and sorts by.
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

-- 1: the staff member is who the platform signed in; 0: a name typed into Settings.
ALTER TABLE audit_entry ADD COLUMN verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1));
ALTER TABLE action ADD COLUMN verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1));

-- Notices gain submissions; SQLite cannot alter a CHECK, so the table is rebuilt with its rows
-- and the triggers that write it.
CREATE TABLE notice_v11 (
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
INSERT INTO notice_v11 (seq, at, kind, account_id, subject, scope, action_id, action_kind, error_code, delivered, read,
                        work_id, detail)
    SELECT seq, at, kind, account_id, subject, scope, action_id, action_kind, error_code, delivered, read, work_id, detail
    FROM notice;
DROP TRIGGER invitation_answer_notice;
DROP TRIGGER grant_answer_notice;
DROP TRIGGER action_rejected_notice;
DROP TRIGGER work_review_notice;
DROP TRIGGER comment_notice;
DROP TABLE notice;
ALTER TABLE notice_v11 RENAME TO notice;
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

-- Someone else's submission (or revision) waits for review: a notice for the others' desks.
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
