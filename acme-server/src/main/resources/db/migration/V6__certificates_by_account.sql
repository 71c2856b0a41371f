-- Vacme store, version 6: an account's certificates found without reading every certificate, for
-- the revocations of --revoke-on-account-deactivation, 'admin certs --account' and the
-- certificate count of 'admin accounts'.

CREATE INDEX certificates_by_account ON certificates (account_id, not_after);
