-- AlterTable
ALTER TABLE "request_logs" ADD COLUMN     "client_request_id" TEXT;

-- CreateIndex
CREATE INDEX "request_logs_team_id_client_request_id_idx" ON "request_logs"("team_id", "client_request_id");
