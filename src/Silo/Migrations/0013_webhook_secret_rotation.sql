-- 0013_webhook_secret_rotation: a webhook may have two secrets while its receiver moves to a new one.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.

-- After a rotation the old secret keeps signing deliveries (beside the new one) until previous_secret_until, so a
-- receiver can switch its configuration without losing a delivery. Both columns are null when no rotation is running.
ALTER TABLE webhooks ADD COLUMN IF NOT EXISTS previous_secret text NULL;
ALTER TABLE webhooks ADD COLUMN IF NOT EXISTS previous_secret_until timestamptz NULL;
