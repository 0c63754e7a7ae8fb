-- The simulator's own database: the platform's ground truth.
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS merchant (
    id          TEXT PRIMARY KEY,
    username    TEXT NOT NULL UNIQUE,
    password    TEXT NOT NULL,
    name        TEXT NOT NULL,
    shop_name   TEXT NOT NULL,
    whitelisted INTEGER NOT NULL,
    approval_required INTEGER NOT NULL DEFAULT 0
);

-- A merchant's staff sub-accounts; they sign in as `merchant:name`.
CREATE TABLE IF NOT EXISTS staff (
    id           TEXT PRIMARY KEY,
    merchant_id  TEXT NOT NULL REFERENCES merchant(id),
    name         TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL,
    password     TEXT NOT NULL,
    disabled     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    UNIQUE (merchant_id, name)
);

-- Four-eyes approval: what an operator proposed, as JSON wire types, and its review.
CREATE TABLE IF NOT EXISTS submission (
    id             TEXT PRIMARY KEY,
    merchant_id    TEXT NOT NULL REFERENCES merchant(id),
    version        INTEGER NOT NULL,
    state          TEXT NOT NULL,
    proposal       TEXT NOT NULL,
    previous       TEXT,
    submitted_by   TEXT NOT NULL,
    submitted_at   TEXT NOT NULL,
    reviewed_by    TEXT,
    reviewed_at    TEXT,
    reason         TEXT,
    results        TEXT NOT NULL DEFAULT '[]',
    updated_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submission_merchant ON submission(merchant_id, id);

-- People on the platform who can become matrix accounts.
CREATE TABLE IF NOT EXISTS creator (
    id            TEXT PRIMARY KEY,
    guangguang_id TEXT NOT NULL UNIQUE,
    nickname      TEXT NOT NULL,
    phone         TEXT NOT NULL,
    avatar_url    TEXT
);

-- A creator's relation to one merchant. The account id is what the merchant sees.
CREATE TABLE IF NOT EXISTS account (
    id                  TEXT PRIMARY KEY,
    merchant_id         TEXT NOT NULL REFERENCES merchant(id),
    creator_id          TEXT NOT NULL REFERENCES creator(id),
    tag                 TEXT NOT NULL,
    binding_state       TEXT NOT NULL,
    bound_at            TEXT,
    publish_state       TEXT NOT NULL DEFAULT 'none',
    publish_updated_at  TEXT,
    interact_state      TEXT NOT NULL DEFAULT 'none',
    interact_updated_at TEXT,
    shop_card           INTEGER NOT NULL DEFAULT 0,
    updated_at          TEXT NOT NULL,
    UNIQUE (merchant_id, creator_id)
);
CREATE INDEX IF NOT EXISTS account_creator ON account(creator_id, binding_state);

CREATE TABLE IF NOT EXISTS product (
    id          TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL REFERENCES merchant(id),
    title       TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    image_url   TEXT
);

CREATE TABLE IF NOT EXISTS pool_entry (
    account_id TEXT NOT NULL REFERENCES account(id),
    product_id TEXT NOT NULL REFERENCES product(id),
    PRIMARY KEY (account_id, product_id)
);

CREATE TABLE IF NOT EXISTS invitation (
    id           TEXT PRIMARY KEY,
    merchant_id  TEXT NOT NULL REFERENCES merchant(id),
    creator_id   TEXT NOT NULL REFERENCES creator(id),
    phone_masked TEXT NOT NULL,
    tag          TEXT NOT NULL,
    state        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS work (
    id               TEXT PRIMARY KEY,
    account_id       TEXT NOT NULL REFERENCES account(id),
    merchant_id      TEXT NOT NULL REFERENCES merchant(id),
    kind             TEXT NOT NULL,
    title            TEXT NOT NULL,
    text             TEXT NOT NULL,
    cover_url        TEXT,
    product_ids      TEXT NOT NULL,
    privacy          TEXT NOT NULL,
    pinned           INTEGER NOT NULL,
    review_status    TEXT NOT NULL,
    review_reason    TEXT,
    inclusion_status TEXT NOT NULL,
    topic            TEXT,
    scheduled_at     TEXT,
    published_at     TEXT,
    deleted          INTEGER NOT NULL DEFAULT 0,
    like_count       INTEGER NOT NULL DEFAULT 0,
    comment_count    INTEGER NOT NULL DEFAULT 0,
    updated_at       TEXT NOT NULL,
    -- pending | joined | not_joined, set exactly when `topic` is (added later: kept last so an
    -- upgraded database and a fresh one have the same columns in the same order).
    topic_status     TEXT
);
CREATE INDEX IF NOT EXISTS work_account ON work(account_id);

CREATE TABLE IF NOT EXISTS work_metric (
    work_id      TEXT NOT NULL REFERENCES work(id),
    date         TEXT NOT NULL,
    exposure     INTEGER NOT NULL,
    views        INTEGER NOT NULL,
    interactions INTEGER NOT NULL,
    shop_traffic INTEGER NOT NULL,
    orders       INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    PRIMARY KEY (work_id, date)
) WITHOUT ROWID;

-- The change feed: one row per (merchant, entity); touching an entity moves it to a new,
-- higher seq, so `seq > since` yields every entity changed after the cursor exactly once.
CREATE TABLE IF NOT EXISTS change (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    merchant_id TEXT NOT NULL,
    kind        TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    UNIQUE (merchant_id, kind, entity_id)
);
CREATE INDEX IF NOT EXISTS change_merchant_seq ON change(merchant_id, seq);

CREATE TABLE IF NOT EXISTS token (
    token       TEXT PRIMARY KEY,
    merchant_id TEXT NOT NULL REFERENCES merchant(id),
    kind        TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    -- The staff member it was issued to; NULL for the merchant's own sign-in (the owner).
    staff_id    TEXT
);

-- A merchant's request for a scope, answered by the creator.
CREATE TABLE IF NOT EXISTS grant_request (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES account(id),
    scope      TEXT NOT NULL,
    state      TEXT NOT NULL,          -- pending | approved | declined | cancelled
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS grant_request_account ON grant_request(account_id, state);

-- An unbind request a creator sent by email; processed on the next tick.
CREATE TABLE IF NOT EXISTS unbind_request (
    account_id TEXT PRIMARY KEY REFERENCES account(id),
    created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS media (
    id           TEXT PRIMARY KEY,
    merchant_id  TEXT NOT NULL REFERENCES merchant(id),
    bytes        BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    -- The upload's Content-Type and what it makes the file (video | image). Added later, so kept
    -- last and nullable like the upgrade adds them: an upload from before has the type its bytes
    -- show, and no kind when that is a type the platform does not take.
    content_type TEXT,
    kind         TEXT
);

CREATE TABLE IF NOT EXISTS comment (
    id                TEXT PRIMARY KEY,
    work_id           TEXT NOT NULL REFERENCES work(id),
    parent_id         TEXT,
    author_name       TEXT NOT NULL,
    author_account_id TEXT,
    text              TEXT NOT NULL,
    like_count        INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS comment_work ON comment(work_id, created_at);

-- Which matrix account liked which work.
CREATE TABLE IF NOT EXISTS work_like (
    work_id    TEXT NOT NULL REFERENCES work(id),
    account_id TEXT NOT NULL REFERENCES account(id),
    PRIMARY KEY (work_id, account_id)
);

-- Which matrix account liked which comment.
CREATE TABLE IF NOT EXISTS comment_like (
    comment_id TEXT NOT NULL REFERENCES comment(id),
    account_id TEXT NOT NULL REFERENCES account(id),
    PRIMARY KEY (comment_id, account_id)
);

-- First answer to each idempotency key, replayed only to the same request: `fingerprint` is
-- sha256 over its method, path and body (NULL for answers stored before it was kept).
CREATE TABLE IF NOT EXISTS idempotency (
    merchant_id TEXT NOT NULL,
    key         TEXT NOT NULL,
    status      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    fingerprint TEXT,
    PRIMARY KEY (merchant_id, key)
);

-- Every applied mutation, for tests that check "exactly once".
CREATE TABLE IF NOT EXISTS ledger (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    merchant_id TEXT NOT NULL,
    key         TEXT NOT NULL,
    method      TEXT NOT NULL,
    path        TEXT NOT NULL,
    at          TEXT NOT NULL
);

-- Simulator knobs that persist with the database.
CREATE TABLE IF NOT EXISTS sim_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
