-- Full-text search over works (title and text), offline. The trigram tokenizer matches
-- Chinese substrings of three or more characters; shorter queries fall back to LIKE.
CREATE VIRTUAL TABLE work_search USING fts5(
    title, text,
    content = 'work', content_rowid = 'rowid',
    tokenize = 'trigram'
);

INSERT INTO work_search (rowid, title, text) SELECT rowid, title, text FROM work;

CREATE TRIGGER work_search_ai AFTER INSERT ON work BEGIN
    INSERT INTO work_search (rowid, title, text) VALUES (NEW.rowid, NEW.title, NEW.text);
END;
CREATE TRIGGER work_search_ad AFTER DELETE ON work BEGIN
    INSERT INTO work_search (work_search, rowid, title, text) VALUES ('delete', OLD.rowid, OLD.title, OLD.text);
END;
CREATE TRIGGER work_search_au AFTER UPDATE OF title, text ON work BEGIN
    INSERT INTO work_search (work_search, rowid, title, text) VALUES ('delete', OLD.rowid, OLD.title, OLD.text);
    INSERT INTO work_search (rowid, title, text) VALUES (NEW.rowid, NEW.title, NEW.text);
END;
