-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "response_retention_days" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "response_storage" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "stored_responses" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "response" JSONB NOT NULL,
    "input_items" JSONB NOT NULL,

    CONSTRAINT "stored_responses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stored_responses_expires_at_idx" ON "stored_responses"("expires_at");

-- AddForeignKey
ALTER TABLE "stored_responses" ADD CONSTRAINT "stored_responses_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
