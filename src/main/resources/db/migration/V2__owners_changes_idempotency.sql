-- Books, the change sequence, tombstones and idempotency keys (io.addrservice.store.PostgresStore).
--
-- owner: the book an entry belongs to; rows from before this migration stay in the shared book
--   (''). Every query names the owner, so another owner's id reads exactly like an unknown one.
-- seq: the store-wide sequence number of the row's latest write, from next_change_seq() below.
-- deleted_at: set when the entry is deleted. The row stays as a tombstone, without its content,
--   for addrservice.changes.retention, so that the change feed can report the deletion; live
--   reads all say deleted_at IS NULL.
--
-- Why the sequence number is made of the transaction id. Transactions of several instances
-- commit in any order: numbers from a plain sequence would let a reader see number 12 committed
-- while 11 is still in flight, move past it, and never see 11. Here a write's number is
--   base + (its transaction's id << 16) + (how many numbers that transaction took before),
-- so numbers grow with transaction ids (pg_current_xact_id(), 64 bits, never wrapping). A reader
-- serves only numbers below base + (pg_snapshot_xmin(pg_current_snapshot()) << 16): every
-- transaction with an id below that xmin has ended, so every row it wrote is visible to the same
-- statement, and every number below the horizon that will ever exist exists already. A long
-- transaction anywhere in the cluster delays the feed; it never makes it skip a change.
-- base: the count of rows that existed before this migration, which take the numbers 1..base.
ALTER TABLE entries ADD COLUMN owner text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN seq bigint;
ALTER TABLE entries ADD COLUMN deleted_at timestamptz;
ALTER TABLE entries ALTER COLUMN owner DROP DEFAULT;

UPDATE entries SET seq = numbered.n
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM entries) AS numbered
WHERE entries.id = numbered.id;
ALTER TABLE entries ALTER COLUMN seq SET NOT NULL;

CREATE UNIQUE INDEX entries_seq ON entries (seq);
-- Keyset paging and search over one book's live entries.
CREATE INDEX entries_live_by_owner ON entries (owner, id) WHERE deleted_at IS NULL;
-- The change feed: one book's rows in sequence order.
CREATE INDEX entries_changes_by_owner ON entries (owner, seq);
-- Dropping tombstones past their retention.
CREATE INDEX entries_tombstones ON entries (deleted_at) WHERE deleted_at IS NOT NULL;

-- One row: base (see above), and expired_through, the highest sequence number of a tombstone
-- dropped after its retention (a feed reader behind it must start again).
CREATE TABLE change_state (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    base            bigint NOT NULL,
    expired_through bigint NOT NULL
);
INSERT INTO change_state (base, expired_through) SELECT count(*), 0 FROM entries;

-- The next sequence number of the current transaction (see above); at most 65536 per transaction.
CREATE FUNCTION next_change_seq() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    taken integer := coalesce(nullif(current_setting('addrservice.changes_taken', true), ''), '0')::integer;
BEGIN
    IF taken >= 65536 THEN
        RAISE EXCEPTION 'more than 65536 changes in one transaction';
    END IF;
    PERFORM set_config('addrservice.changes_taken', (taken + 1)::text, true);
    RETURN (SELECT base FROM change_state) + (pg_current_xact_id()::text::bigint << 16) + taken;
END
$$;

-- Idempotency keys of creates, kept 24 hours: written in the same transaction as the entry they
-- created. The primary key makes the check and the insert atomic across instances.
CREATE TABLE idempotency_keys (
    owner       text COLLATE "C" NOT NULL,
    key         text COLLATE "C" NOT NULL,
    fingerprint text NOT NULL,
    entry_id    text NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (owner, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
