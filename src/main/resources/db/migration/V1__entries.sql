-- The postgresql store's schema (io.addrservice.store.PostgresStore): one row per entry.
--
-- id: the service's 32-hex-digit id. COLLATE "C" orders by bytes, the same order as Java's
--   String.compareTo in the other engines, whatever the database's locale; the primary key's
--   b-tree serves lookups and keyset paging (WHERE id > ? ORDER BY id LIMIT ?).
-- version: 1 on insert, one more on every update; conditional writes compare it in SQL.
-- entry: the entry as JSON. JSONB keeps every value's type (a string pincode stays a string)
--   and numbers as exact numerics.
-- search_terms: the full name and each e-mail address, lowercased by the service with the same
--   rules as the other engines (Java's Unicode case mapping), so that case-insensitive search
--   does not depend on the server's locale or ICU support. A search walks the primary key in id
--   order and stops as soon as the page is full, like listing; no extra index is needed for it.
CREATE TABLE entries (
    id           text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
    version      bigint      NOT NULL CHECK (version >= 1),
    entry        jsonb       NOT NULL CHECK (jsonb_typeof(entry) = 'object'),
    search_terms text[]      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
