-- Tenancy: who may create teams (instance settings), which teams may use the instance-shared
-- provider connections, and model names unique per team (and among the shared models) instead of
-- across the instance. Every existing row is kept.

-- CreateEnum
CREATE TYPE "team_creation" AS ENUM ('instance_owner', 'any_user');

-- CreateTable
CREATE TABLE "instance_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "team_creation" "team_creation" NOT NULL DEFAULT 'instance_owner',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "instance_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "instance_settings_one_row" CHECK ("id" = 1)
);

-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "shared_connections_allowed" BOOLEAN NOT NULL DEFAULT false;

-- Teams the instance owner belongs to keep using the shared connections, any other team (for
-- example one a viewer made for themselves) needs the instance owner to allow it from now on.
UPDATE "teams" SET "shared_connections_allowed" = true
 WHERE "id" IN (SELECT m."team_id" FROM "memberships" m JOIN "users" u ON u."id" = m."user_id"
                 WHERE u."is_owner");

-- AlterTable
ALTER TABLE "models" ADD COLUMN     "team_id" TEXT;

-- Each model takes the team of its connection (null for the shared connections).
UPDATE "models" m SET "team_id" = c."team_id"
  FROM "provider_connections" c WHERE c."id" = m."connection_id";

-- DropIndex
DROP INDEX "models_name_key";

-- CreateIndex
CREATE UNIQUE INDEX "models_team_id_name_key" ON "models"("team_id", "name");

-- Shared models (team_id null) are unique by name among themselves. Prisma cannot describe a
-- partial index, so it lives here only (schema.prisma says so beside the model).
CREATE UNIQUE INDEX "models_shared_name_key" ON "models"("name") WHERE "team_id" IS NULL;

-- AddForeignKey
ALTER TABLE "models" ADD CONSTRAINT "models_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
