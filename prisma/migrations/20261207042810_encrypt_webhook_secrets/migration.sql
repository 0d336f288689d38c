-- Budget webhook secrets are stored encrypted (AES-256-GCM, the key of provider credentials).
-- The column is renamed, not replaced, so every secret is kept: SQL cannot encrypt with the
-- key of the instance, so the values still in plain text are encrypted right after the SQL
-- migrations by migrate() when it is given the key (packages/db/src/secrets-at-rest.ts), which
-- the app does on every start. A plain-text value is one without the v1: prefix of ciphertext.

-- AlterTable
ALTER TABLE "budgets" RENAME COLUMN "webhook_secret" TO "encrypted_webhook_secret";
