-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "idempotency_key" TEXT;

-- AlterTable
ALTER TABLE "policy_versions" ADD COLUMN     "idempotency_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_team_id_idempotency_key_key" ON "api_keys"("team_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "policy_versions_policy_id_idempotency_key_key" ON "policy_versions"("policy_id", "idempotency_key");
