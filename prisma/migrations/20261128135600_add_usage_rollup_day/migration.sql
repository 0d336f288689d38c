-- CreateTable
CREATE TABLE "usage_rollup_day" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "team_id" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL,
    "route_reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "baseline_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "latency_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "latency_histogram" INTEGER[],
    "ttft_sum_ms" BIGINT NOT NULL DEFAULT 0,
    "ttft_histogram" INTEGER[],
    "overhead_sum_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "cascaded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "usage_rollup_day_pkey" PRIMARY KEY ("team_id","bucket","api_key_id","model","route_reason","status")
);

-- Backfill: the hourly rollups folded into each team's local days.
insert into usage_rollup_day (bucket, team_id, api_key_id, model, route_reason, status, requests, errors, input_tokens, output_tokens, cost_usd, baseline_cost_usd, latency_sum_ms, latency_histogram, ttft_sum_ms, ttft_histogram, overhead_sum_ms, cascaded)
select date_trunc('day', h.bucket, coalesce(t.time_zone, 'UTC')), h.team_id, h.api_key_id, h.model,
       h.route_reason, h.status,
       sum(h.requests), sum(h.errors), sum(h.input_tokens), sum(h.output_tokens),
       sum(h.cost_usd), sum(h.baseline_cost_usd), sum(h.latency_sum_ms),
       array[coalesce(sum(h.latency_histogram[1]), 0), coalesce(sum(h.latency_histogram[2]), 0), coalesce(sum(h.latency_histogram[3]), 0), coalesce(sum(h.latency_histogram[4]), 0), coalesce(sum(h.latency_histogram[5]), 0), coalesce(sum(h.latency_histogram[6]), 0), coalesce(sum(h.latency_histogram[7]), 0), coalesce(sum(h.latency_histogram[8]), 0), coalesce(sum(h.latency_histogram[9]), 0), coalesce(sum(h.latency_histogram[10]), 0), coalesce(sum(h.latency_histogram[11]), 0), coalesce(sum(h.latency_histogram[12]), 0), coalesce(sum(h.latency_histogram[13]), 0), coalesce(sum(h.latency_histogram[14]), 0), coalesce(sum(h.latency_histogram[15]), 0), coalesce(sum(h.latency_histogram[16]), 0), coalesce(sum(h.latency_histogram[17]), 0), coalesce(sum(h.latency_histogram[18]), 0), coalesce(sum(h.latency_histogram[19]), 0), coalesce(sum(h.latency_histogram[20]), 0)]::integer[],
       sum(h.ttft_sum_ms),
       array[coalesce(sum(h.ttft_histogram[1]), 0), coalesce(sum(h.ttft_histogram[2]), 0), coalesce(sum(h.ttft_histogram[3]), 0), coalesce(sum(h.ttft_histogram[4]), 0), coalesce(sum(h.ttft_histogram[5]), 0), coalesce(sum(h.ttft_histogram[6]), 0), coalesce(sum(h.ttft_histogram[7]), 0), coalesce(sum(h.ttft_histogram[8]), 0), coalesce(sum(h.ttft_histogram[9]), 0), coalesce(sum(h.ttft_histogram[10]), 0), coalesce(sum(h.ttft_histogram[11]), 0), coalesce(sum(h.ttft_histogram[12]), 0), coalesce(sum(h.ttft_histogram[13]), 0), coalesce(sum(h.ttft_histogram[14]), 0), coalesce(sum(h.ttft_histogram[15]), 0), coalesce(sum(h.ttft_histogram[16]), 0), coalesce(sum(h.ttft_histogram[17]), 0)]::integer[],
       sum(h.overhead_sum_ms), sum(h.cascaded)
  from usage_rollup_hour h
  left join teams t on t.id = h.team_id
 group by 1, h.team_id, h.api_key_id, h.model, h.route_reason, h.status;
