-- The Accounts screen counts each account's live works. The index on (account_id,
-- published_at) cannot answer `deleted = 0` without reading every work row, which at 100,000
-- works is most of the table from disk on a cold start. This partial index answers the count
-- from the index alone.
CREATE INDEX work_account_live ON work(account_id) WHERE deleted = 0;
