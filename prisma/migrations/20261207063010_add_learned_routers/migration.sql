-- CreateTable
CREATE TABLE "learned_routers" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "policy_id" TEXT NOT NULL,
    "models_key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "artefact_id" TEXT NOT NULL,
    "models" TEXT[],
    "trained_on" INTEGER NOT NULL,
    "held_out" JSONB,
    "artefact" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "learned_routers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "learned_routers_team_id_policy_id_models_key_version_key" ON "learned_routers"("team_id", "policy_id", "models_key", "version");

-- AddForeignKey
ALTER TABLE "learned_routers" ADD CONSTRAINT "learned_routers_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
