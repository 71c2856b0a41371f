-- Vacme store, version 1. Portable SQL for SQLite and PostgreSQL: TEXT, INTEGER, BIGINT only;
-- timestamps are epoch milliseconds (BIGINT), flags are 0/1 (INTEGER), lists and problem documents
-- are JSON text. Statuses are the stored ones (see the Stored* records); derived statuses are not
-- stored. Statements end with a semicolon at the end of a line.

CREATE TABLE accounts (
    id             TEXT    NOT NULL PRIMARY KEY,
    jwk            TEXT    NOT NULL,
    key_thumbprint TEXT    NOT NULL UNIQUE,
    status         TEXT    NOT NULL,
    contact        TEXT    NOT NULL,
    tos_agreed     INTEGER NOT NULL,
    eab_key_id     TEXT,
    created_at     BIGINT  NOT NULL
);

CREATE TABLE orders (
    id                 TEXT   NOT NULL PRIMARY KEY,
    account_id         TEXT   NOT NULL REFERENCES accounts (id),
    status             TEXT   NOT NULL,
    expires_at         BIGINT NOT NULL,
    identifiers        TEXT   NOT NULL,
    not_before         BIGINT,
    not_after          BIGINT,
    profile            TEXT,
    replaces           TEXT,
    error              TEXT,
    certificate_serial TEXT,
    created_at         BIGINT NOT NULL
);

-- An account's orders, oldest first (RFC 8555 section 7.1.2.1).
CREATE INDEX orders_by_account ON orders (account_id, created_at, id);

-- Orders left in processing by a crash, found at start-up.
CREATE INDEX orders_processing ON orders (status) WHERE status = 'processing';

CREATE TABLE authorizations (
    id               TEXT    NOT NULL PRIMARY KEY,
    account_id       TEXT    NOT NULL REFERENCES accounts (id),
    identifier_type  TEXT    NOT NULL,
    identifier_value TEXT    NOT NULL,
    wildcard         INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    expires_at       BIGINT  NOT NULL,
    created_at       BIGINT  NOT NULL
);

-- Valid authorizations an account may reuse for an identifier.
CREATE INDEX authorizations_for_reuse ON authorizations (account_id, identifier_value, status, expires_at);

CREATE TABLE challenges (
    id               TEXT    NOT NULL PRIMARY KEY,
    authorization_id TEXT    NOT NULL REFERENCES authorizations (id),
    ordinal          INTEGER NOT NULL,
    type             TEXT    NOT NULL,
    token            TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    validated_at     BIGINT,
    error            TEXT,
    UNIQUE (authorization_id, ordinal)
);

-- Which authorizations an order needs, in identifier order; an authorization may serve many orders.
CREATE TABLE order_authorizations (
    order_id         TEXT    NOT NULL REFERENCES orders (id),
    ordinal          INTEGER NOT NULL,
    authorization_id TEXT    NOT NULL REFERENCES authorizations (id),
    PRIMARY KEY (order_id, ordinal)
);

CREATE INDEX order_authorizations_by_authorization ON order_authorizations (authorization_id);

-- Every serial is recorded here before anything is signed with it, so none is used twice.
CREATE TABLE serials (
    serial      TEXT   NOT NULL PRIMARY KEY,
    order_id    TEXT   NOT NULL REFERENCES orders (id),
    reserved_at BIGINT NOT NULL
);

-- replaced_by_order is checked at commit: an order and its replacement claim are written together.
CREATE TABLE certificates (
    serial            TEXT    NOT NULL PRIMARY KEY REFERENCES serials (serial),
    account_id        TEXT    NOT NULL REFERENCES accounts (id),
    order_id          TEXT    NOT NULL REFERENCES orders (id),
    identifiers       TEXT    NOT NULL,
    chain_pem         TEXT    NOT NULL,
    not_before        BIGINT  NOT NULL,
    not_after         BIGINT  NOT NULL,
    issued_at         BIGINT  NOT NULL,
    revoked_at        BIGINT,
    revocation_reason INTEGER,
    replaced_by_order TEXT    REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX certificates_by_order ON certificates (order_id);

-- Nonces already used (RFC 8555 section 6.5), shared by every instance; purged after expiry.
CREATE TABLE used_nonces (
    nonce_id   TEXT   NOT NULL PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

CREATE INDEX used_nonces_by_expiry ON used_nonces (expires_at);

-- Server secrets (e.g. the nonce MAC key), base64; the first value stored wins.
CREATE TABLE secrets (
    name       TEXT   NOT NULL PRIMARY KEY,
    value      TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
