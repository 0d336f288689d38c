-- Console security: a per-user session epoch (signing out ends every session issued before),
-- sign-in throttling counters shared by every console instance, and the admin token that made
-- another (a token never outlives its parent).

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "session_epoch" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "admin_tokens" ADD COLUMN     "parent_id" TEXT;

-- CreateTable
CREATE TABLE "login_throttles" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "login_throttles_window_start_idx" ON "login_throttles"("window_start");

-- CreateIndex
CREATE INDEX "admin_tokens_parent_id_idx" ON "admin_tokens"("parent_id");

-- AddForeignKey
ALTER TABLE "admin_tokens" ADD CONSTRAINT "admin_tokens_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "admin_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;
