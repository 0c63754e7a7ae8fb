-- Matrix Desk local schema, version 3: permission history and notifications.
-- Forward-only: once landed, never edit this file; add a new NNNN_name.sql instead.

-- Every state a permission has been seen in, with the platform's time for it; the account
-- detail shows this history (requested, granted, declined, revoked … and when).
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

-- What the staff member should hear about: an answer from a matrix account, or an action the
-- platform refused. Written by the triggers below as sync applies changes; `delivered` once
-- shown as a desktop notification, `read` once seen in the app.
CREATE TABLE notice (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN
                 ('invitation_accepted', 'invitation_declined', 'grant_granted', 'grant_declined', 'action_rejected')),
    account_id TEXT,
    -- Who it is about: a Guangguang ID, or a nickname.
    subject    TEXT NOT NULL,
    scope      TEXT,
    action_id  TEXT,
    action_kind TEXT,
    error_code TEXT,
    delivered  INTEGER NOT NULL DEFAULT 0 CHECK (delivered IN (0, 1)),
    read       INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1))
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

-- The audit trail is filtered by staff member and time.
CREATE INDEX audit_entry_staff ON audit_entry(staff_name, seq);
