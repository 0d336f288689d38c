-- AlterTable
ALTER TABLE "models" ADD COLUMN     "cache_write_1h_price_per_million" DECIMAL(12,6),
ADD COLUMN     "cache_write_5m_price_per_million" DECIMAL(12,6),
ADD COLUMN     "cached_input_price_per_million" DECIMAL(12,6),
ADD COLUMN     "reasoning_price_per_million" DECIMAL(12,6),
ADD COLUMN     "unpriced" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "request_logs" ADD COLUMN     "cache_write_1h_tokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cache_write_5m_tokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cached_input_tokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reasoning_tokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unpriced" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "model_prices" (
    "id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "effective_from" TIMESTAMPTZ(3) NOT NULL,
    "input_price_per_million" DECIMAL(12,6),
    "output_price_per_million" DECIMAL(12,6),
    "cached_input_price_per_million" DECIMAL(12,6),
    "cache_write_5m_price_per_million" DECIMAL(12,6),
    "cache_write_1h_price_per_million" DECIMAL(12,6),
    "reasoning_price_per_million" DECIMAL(12,6),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_prices_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "model_prices_model_id_effective_from_key" ON "model_prices"("model_id", "effective_from");

-- AddForeignKey
ALTER TABLE "model_prices" ADD CONSTRAINT "model_prices_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
