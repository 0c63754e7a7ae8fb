-- Matrix Desk local schema, version 4: an audit entry's rejection code in its own column, and
-- a rejected action linked to its retry.
-- Forward-only: once landed, never edit this file; add a new NNNN_name.sql instead.

-- The platform's code of a rejection, instead of text after "rejected: " in `outcome`.
ALTER TABLE audit_entry ADD COLUMN error_code TEXT;

-- The append-only guard is lifted only for this one-time move of old entries' codes, inside
-- the migration's transaction, and put back unchanged.
DROP TRIGGER audit_entry_no_update;
UPDATE audit_entry
   SET error_code = substr(outcome, length('rejected: ') + 1), outcome = 'rejected'
 WHERE outcome LIKE 'rejected: %';
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN
    SELECT RAISE(ABORT, 'audit trail is append-only');
END;

-- The action that retried this rejected one: a rejected action is retried at most once, so a
-- double click cannot queue two.
ALTER TABLE action ADD COLUMN retried_by TEXT;
