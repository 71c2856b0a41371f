-- Vacme store, version 2: when an order or challenge entered processing, so that work a crashed
-- instance left behind can be told apart from work another instance is doing right now.

ALTER TABLE orders ADD COLUMN processing_since BIGINT;

ALTER TABLE challenges ADD COLUMN processing_since BIGINT;

-- Challenges left in processing, found by the periodic recovery.
CREATE INDEX challenges_processing ON challenges (status) WHERE status = 'processing';
