-- Matrix Desk local schema, version 10: a search index that answers any query, one character
-- or many (issue 19).
-- Forward-only: once landed, never edit this file; add a new NNNN_name.sql instead.

-- The trigram index of 0005 could not answer one or two characters: those scanned every work.
-- `work_gram` holds, for each work that is not deleted, every pair of neighbouring characters
-- of its title and of its text (and the last character of each alone), case folded, each
-- written as hex code points so that no tokenizer can split or fold them again. It stores only
-- which works hold a pair (contentless, `detail=none`); a prefix index on one character
-- answers one-character queries. `mdesk_grams` is the desk's own SQL function
-- (crates/core/src/works/grams.rs), registered on every connection of the store.
DROP TRIGGER work_search_ai;
DROP TRIGGER work_search_au;
DROP TRIGGER work_search_ad;
DROP TABLE work_search;

-- Each work's key also names its merchant (through its account), so the count of a search with
-- no other filter is answered from the index and the keys alone, without reading any work.
ALTER TABLE work_search_key ADD COLUMN merchant_id TEXT;
UPDATE work_search_key SET merchant_id = (
    SELECT a.merchant_id FROM work w JOIN matrix_account a ON a.id = w.account_id WHERE w.id = work_search_key.work_id
);
CREATE INDEX work_search_key_merchant ON work_search_key(merchant_id);

CREATE VIRTUAL TABLE work_gram USING fts5(
    grams,
    content = '', contentless_delete = 1, detail = none, prefix = '6', tokenize = 'ascii'
);

INSERT INTO work_gram (rowid, grams)
    SELECT k.key, mdesk_grams(w.title, w.text)
    FROM work w JOIN work_search_key k ON k.work_id = w.id WHERE w.deleted = 0;

-- A download writing many works at once defers the index (`search.deferred` in sync_state,
-- set and cleared inside its own transaction) and brings it up to date once per page
-- (crates/core/src/store/grams.rs): FTS5 writes its pending terms to disk at every statement
-- that touches it, which for one statement per work is most of a first download's time.
CREATE TRIGGER work_gram_ai AFTER INSERT ON work BEGIN
    INSERT OR IGNORE INTO work_search_key (work_id, merchant_id)
        VALUES (NEW.id, (SELECT merchant_id FROM matrix_account WHERE id = NEW.account_id));
    INSERT INTO work_gram (rowid, grams)
        SELECT key, mdesk_grams(NEW.title, NEW.text) FROM work_search_key
        WHERE work_id = NEW.id AND NEW.deleted = 0
          AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'search.deferred');
END;

-- Sync upserts every work it sees; only a real change of what is searched touches the index.
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

-- A work that arrived before its account learns its merchant when the account arrives.
CREATE TRIGGER work_search_key_account AFTER INSERT ON matrix_account BEGIN
    UPDATE work_search_key SET merchant_id = NEW.merchant_id
        WHERE merchant_id IS NULL AND work_id IN (SELECT id FROM work WHERE account_id = NEW.id);
END;

-- The Works screen's time order ends with the work's id (it ended with the row, which depends on
-- the order works arrived in): the platform lists its newest works in the same order, and a
-- search walking the works in time order checks each one's id from the index alone.
DROP INDEX work_time;
DROP INDEX work_account_time;
CREATE INDEX work_time ON work(COALESCE(published_at, scheduled_at), id);
CREATE INDEX work_account_time ON work(account_id, COALESCE(published_at, scheduled_at), id);

-- A fan's comment is news even when it arrives before its work: the feed promises only an
-- ascending `seq`, and a work touched after the comment (its numbers, its comment count) comes
-- later. The notice of 0006 was written only when the work was already here.
DROP TRIGGER comment_notice;
CREATE TRIGGER comment_notice AFTER INSERT ON comment
WHEN NEW.author_account_id IS NULL
     AND EXISTS (SELECT 1 FROM sync_state WHERE key = 'pull.last_sync_at') BEGIN
    INSERT INTO notice (at, kind, account_id, subject, work_id, detail)
    VALUES (NEW.created_at, 'new_comment', (SELECT account_id FROM work WHERE id = NEW.work_id),
            NEW.author_name, NEW.work_id, NEW.text);
END;
