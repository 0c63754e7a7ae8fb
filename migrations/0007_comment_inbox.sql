-- Matrix Desk local schema, version 7: the comments inbox. A comment is read or not on this
-- computer; what arrived with the first download of a matrix's history, and what our own
-- matrix accounts wrote, counts as read.
-- Forward-only: once landed, never edit this file; add a new NNNN_name.sql instead.

ALTER TABLE comment ADD COLUMN read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1));
UPDATE comment SET read = 1;

CREATE TRIGGER comment_read_on_arrival AFTER INSERT ON comment
WHEN NEW.author_account_id IS NOT NULL
     OR NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'pull.last_sync_at') BEGIN
    UPDATE comment SET read = 1 WHERE id = NEW.id;
END;

-- Newest first across all works, the unread ones, and the replies to a comment.
CREATE INDEX comment_time ON comment(created_at);
CREATE INDEX comment_unread ON comment(created_at) WHERE read = 0;
CREATE INDEX comment_parent ON comment(parent_id);
