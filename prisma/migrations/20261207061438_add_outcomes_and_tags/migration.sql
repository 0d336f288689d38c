-- Edited by hand: the tags columns are NOT NULL (Prisma's schema cannot say so for a list).
-- Adding a NOT NULL column with a constant default rewrites no existing row.

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "learning_opt_out" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "request_logs" ADD COLUMN     "routing_features" JSONB,
ADD COLUMN     "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "outcomes" (
    "id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "policy_id" TEXT,
    "request_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "features" JSONB,
    "prompt_text" TEXT,
    "grades" JSONB NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outcomes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outcomes_team_id_policy_id_created_at_idx" ON "outcomes"("team_id", "policy_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "outcomes_request_id_source_source_id_key" ON "outcomes"("request_id", "source", "source_id");

-- AddForeignKey
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
