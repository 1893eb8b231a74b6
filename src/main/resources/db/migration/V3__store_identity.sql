-- The store's identity (io.addrservice.store.PostgresStore#identity): change feed tokens name the
-- store they came from, so that a token of another database is refused instead of read against
-- sequence numbers that mean something else there. Made once, here, and shared by every instance.
ALTER TABLE change_state ADD COLUMN store_id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE change_state ALTER COLUMN store_id DROP DEFAULT;
