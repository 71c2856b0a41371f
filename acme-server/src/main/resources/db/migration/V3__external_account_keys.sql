-- Vacme store, version 3: external account binding keys (RFC 8555 section 7.3.4), minted by
-- `vacme-server eab create`. A key binds at most one account: account_id is set once, by a
-- conditional update in the transaction that creates the account. The MAC key is base64url.

CREATE TABLE eab_keys (
    kid        TEXT   NOT NULL PRIMARY KEY,
    hmac_key   TEXT   NOT NULL,
    label      TEXT,
    created_at BIGINT NOT NULL,
    account_id TEXT   REFERENCES accounts (id),
    bound_at   BIGINT,
    revoked_at BIGINT
);

CREATE INDEX eab_keys_by_label ON eab_keys (label);
