-- Vacme store, version 5: revocation that relying parties can see (CRLs, OCSP).
-- certificates.issuer_id names the intermediate that signed a certificate by its key id (the hex
-- SHA-1 of its public key bits, the OCSP issuerKeyHash). Rows stored before this version have
-- NULL there: they were signed by the CA's original intermediate, and the server attributes them
-- by checking the stored leaf's signature against each issuer.

ALTER TABLE certificates ADD COLUMN issuer_id TEXT;

-- Revoked certificates, read by every CRL generation and by the cheap change check.
CREATE INDEX certificates_revoked ON certificates (revoked_at) WHERE revoked_at IS NOT NULL;

-- The current full CRL of each issuer (RFC 5280 section 5), DER as base64, served by every
-- instance. crl_number only grows (section 5.2.3); revocation_mark says which revocations it
-- lists (count and latest time of all revocations when it was built).
CREATE TABLE crls (
    issuer_id       TEXT   NOT NULL PRIMARY KEY,
    crl_number      BIGINT NOT NULL,
    this_update     BIGINT NOT NULL,
    next_update     BIGINT NOT NULL,
    revocation_mark TEXT   NOT NULL,
    der             TEXT   NOT NULL
);

-- Work that one instance at a time does (e.g. name 'crl'): the holder until expires_at, taken
-- over by a conditional update once it expired.
CREATE TABLE leases (
    name       TEXT   NOT NULL PRIMARY KEY,
    holder     TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
