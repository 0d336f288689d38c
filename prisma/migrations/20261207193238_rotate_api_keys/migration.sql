-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "previous_hash" TEXT,
ADD COLUMN     "previous_hash_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "rotated_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_previous_hash_key" ON "api_keys"("previous_hash");
