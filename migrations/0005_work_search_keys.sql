-- Matrix Desk local schema, version 5: the works search index keyed by a number of its own,
-- holding only works that are not deleted.
-- Forward-only: once landed, never edit this file; add a new NNNN_name.sql instead.

-- 0002 keyed the index on `work`'s implicit rowid, which VACUUM may renumber in a table whose
-- key is TEXT (the index would then point at other works), and it kept deleted works. The index
-- now stores its own copy of title and text under a key that never changes for a work.
DROP TRIGGER work_search_ai;
DROP TRIGGER work_search_ad;
DROP TRIGGER work_search_au;
DROP TABLE work_search;

CREATE TABLE work_search_key (
    key     INTEGER PRIMARY KEY,
    work_id TEXT NOT NULL UNIQUE
);

-- Trigram: matches Chinese substrings of three or more characters, case-insensitively;
-- shorter queries are answered without the index (crates/core/src/works.rs).
CREATE VIRTUAL TABLE work_search USING fts5(title, text, tokenize = 'trigram');

INSERT INTO work_search_key (work_id) SELECT id FROM work ORDER BY rowid;
INSERT INTO work_search (rowid, title, text)
    SELECT k.key, w.title, w.text FROM work w JOIN work_search_key k ON k.work_id = w.id WHERE w.deleted = 0;

CREATE TRIGGER work_search_ai AFTER INSERT ON work BEGIN
    INSERT OR IGNORE INTO work_search_key (work_id) VALUES (NEW.id);
    INSERT INTO work_search (rowid, title, text)
        SELECT key, NEW.title, NEW.text FROM work_search_key WHERE work_id = NEW.id AND NEW.deleted = 0;
END;

-- Sync upserts every work it sees; only a real change of what is searched touches the index.
CREATE TRIGGER work_search_au AFTER UPDATE OF title, text, deleted ON work
WHEN OLD.title IS NOT NEW.title OR OLD.text IS NOT NEW.text OR OLD.deleted IS NOT NEW.deleted BEGIN
    DELETE FROM work_search WHERE rowid = (SELECT key FROM work_search_key WHERE work_id = NEW.id);
    INSERT INTO work_search (rowid, title, text)
        SELECT key, NEW.title, NEW.text FROM work_search_key WHERE work_id = NEW.id AND NEW.deleted = 0;
END;

CREATE TRIGGER work_search_ad AFTER DELETE ON work BEGIN
    DELETE FROM work_search WHERE rowid = (SELECT key FROM work_search_key WHERE work_id = OLD.id);
    DELETE FROM work_search_key WHERE work_id = OLD.id;
END;
