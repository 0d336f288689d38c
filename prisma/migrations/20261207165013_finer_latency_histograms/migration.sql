-- Latency and time-to-first-token histograms get about ten buckets a decade from 1 ms to
-- 2 minutes (packages/db/src/rollup/histogram.ts). The old ones started at 25 ms, so every fast
-- model showed ~13 / 24 ms. The rollups are re-derived from request_logs with the new bounds.
-- (chr(59) is the semicolon: the migration runner splits scripts at every semicolon.)
DELETE FROM "usage_rollup_hour";
DELETE FROM "usage_rollup_day";
WITH inserted AS (
  SELECT created_at, team_id, api_key_id, routed_model, route_reason, status, input_tokens,
         output_tokens, cost_usd, baseline_cost_usd, latency_ms, ttft_ms, overhead_ms, cascaded
    FROM request_logs
),
zones as (
  select id, time_zone from teams
   where id in (select team_id from inserted)
     for share
),
classified as (
  select date_trunc('hour', i.created_at, 'UTC') as hour_bucket,
         date_trunc('day', i.created_at, coalesce(z.time_zone, 'UTC')) as day_bucket,
         i.team_id, coalesce(i.api_key_id, '') as api_key_id,
         coalesce(i.routed_model, '') as model,
         case
           when route_reason like 'classifier:%' then 'classifier'
           when split_part(route_reason, chr(59), 1) like 'rule:%'
             then split_part(split_part(route_reason, chr(59), 1), '+', 1)
           else coalesce(nullif(split_part(route_reason, chr(59), 1), ''), 'unknown')
         end as route_reason, i.status, i.input_tokens, i.output_tokens,
         i.cost_usd, i.baseline_cost_usd, i.latency_ms, i.ttft_ms, i.overhead_ms, i.cascaded,
         width_bucket(i.latency_ms, array[1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250, 300, 400, 500, 650, 800, 1000, 1300, 1600, 2000, 2500, 3000, 4000, 5000, 6500, 8000, 10000, 13000, 16000, 20000, 25000, 30000, 40000, 60000, 90000, 120000]::integer[]) as latency_bucket,
         case when i.ttft_ms is null then null
              else width_bucket(i.ttft_ms, array[1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250, 300, 400, 500, 650, 800, 1000, 1300, 1600, 2000, 2500, 3000, 4000, 5000, 6500, 8000, 10000, 13000, 16000, 20000, 25000, 30000, 40000, 60000, 90000, 120000]::integer[]) end as ttft_bucket
    from inserted i
    left join zones z on z.id = i.team_id
),
hourly as (
insert into usage_rollup_hour (bucket, team_id, api_key_id, model, route_reason, requests, errors, input_tokens, output_tokens, cost_usd, baseline_cost_usd, latency_sum_ms, latency_histogram, ttft_sum_ms, ttft_histogram, overhead_sum_ms, cascaded)
select hour_bucket, team_id, api_key_id, model, route_reason,
       count(*),
       count(*) filter (where status = 'error'),
       sum(input_tokens), sum(output_tokens), sum(cost_usd), sum(baseline_cost_usd),
       sum(latency_ms),
       array[count(*) filter (where latency_bucket = 0), count(*) filter (where latency_bucket = 1), count(*) filter (where latency_bucket = 2), count(*) filter (where latency_bucket = 3), count(*) filter (where latency_bucket = 4), count(*) filter (where latency_bucket = 5), count(*) filter (where latency_bucket = 6), count(*) filter (where latency_bucket = 7), count(*) filter (where latency_bucket = 8), count(*) filter (where latency_bucket = 9), count(*) filter (where latency_bucket = 10), count(*) filter (where latency_bucket = 11), count(*) filter (where latency_bucket = 12), count(*) filter (where latency_bucket = 13), count(*) filter (where latency_bucket = 14), count(*) filter (where latency_bucket = 15), count(*) filter (where latency_bucket = 16), count(*) filter (where latency_bucket = 17), count(*) filter (where latency_bucket = 18), count(*) filter (where latency_bucket = 19), count(*) filter (where latency_bucket = 20), count(*) filter (where latency_bucket = 21), count(*) filter (where latency_bucket = 22), count(*) filter (where latency_bucket = 23), count(*) filter (where latency_bucket = 24), count(*) filter (where latency_bucket = 25), count(*) filter (where latency_bucket = 26), count(*) filter (where latency_bucket = 27), count(*) filter (where latency_bucket = 28), count(*) filter (where latency_bucket = 29), count(*) filter (where latency_bucket = 30), count(*) filter (where latency_bucket = 31), count(*) filter (where latency_bucket = 32), count(*) filter (where latency_bucket = 33), count(*) filter (where latency_bucket = 34), count(*) filter (where latency_bucket = 35), count(*) filter (where latency_bucket = 36), count(*) filter (where latency_bucket = 37), count(*) filter (where latency_bucket = 38), count(*) filter (where latency_bucket = 39), count(*) filter (where latency_bucket = 40), count(*) filter (where latency_bucket = 41), count(*) filter (where latency_bucket = 42), count(*) filter (where latency_bucket = 43), count(*) filter (where latency_bucket = 44), count(*) filter (where latency_bucket = 45), count(*) filter (where latency_bucket = 46), count(*) filter (where latency_bucket = 47)]::integer[],
       coalesce(sum(ttft_ms), 0),
       array[count(*) filter (where ttft_bucket = 0), count(*) filter (where ttft_bucket = 1), count(*) filter (where ttft_bucket = 2), count(*) filter (where ttft_bucket = 3), count(*) filter (where ttft_bucket = 4), count(*) filter (where ttft_bucket = 5), count(*) filter (where ttft_bucket = 6), count(*) filter (where ttft_bucket = 7), count(*) filter (where ttft_bucket = 8), count(*) filter (where ttft_bucket = 9), count(*) filter (where ttft_bucket = 10), count(*) filter (where ttft_bucket = 11), count(*) filter (where ttft_bucket = 12), count(*) filter (where ttft_bucket = 13), count(*) filter (where ttft_bucket = 14), count(*) filter (where ttft_bucket = 15), count(*) filter (where ttft_bucket = 16), count(*) filter (where ttft_bucket = 17), count(*) filter (where ttft_bucket = 18), count(*) filter (where ttft_bucket = 19), count(*) filter (where ttft_bucket = 20), count(*) filter (where ttft_bucket = 21), count(*) filter (where ttft_bucket = 22), count(*) filter (where ttft_bucket = 23), count(*) filter (where ttft_bucket = 24), count(*) filter (where ttft_bucket = 25), count(*) filter (where ttft_bucket = 26), count(*) filter (where ttft_bucket = 27), count(*) filter (where ttft_bucket = 28), count(*) filter (where ttft_bucket = 29), count(*) filter (where ttft_bucket = 30), count(*) filter (where ttft_bucket = 31), count(*) filter (where ttft_bucket = 32), count(*) filter (where ttft_bucket = 33), count(*) filter (where ttft_bucket = 34), count(*) filter (where ttft_bucket = 35), count(*) filter (where ttft_bucket = 36), count(*) filter (where ttft_bucket = 37), count(*) filter (where ttft_bucket = 38), count(*) filter (where ttft_bucket = 39), count(*) filter (where ttft_bucket = 40), count(*) filter (where ttft_bucket = 41), count(*) filter (where ttft_bucket = 42), count(*) filter (where ttft_bucket = 43), count(*) filter (where ttft_bucket = 44), count(*) filter (where ttft_bucket = 45), count(*) filter (where ttft_bucket = 46), count(*) filter (where ttft_bucket = 47)]::integer[],
       sum(overhead_ms),
       count(*) filter (where cascaded)
  from classified
 group by hour_bucket, team_id, api_key_id, model, route_reason
on conflict (team_id, bucket, api_key_id, model, route_reason) do update set
  requests = usage_rollup_hour.requests + excluded.requests, errors = usage_rollup_hour.errors + excluded.errors, input_tokens = usage_rollup_hour.input_tokens + excluded.input_tokens, output_tokens = usage_rollup_hour.output_tokens + excluded.output_tokens,
  cost_usd = usage_rollup_hour.cost_usd + excluded.cost_usd, baseline_cost_usd = usage_rollup_hour.baseline_cost_usd + excluded.baseline_cost_usd, latency_sum_ms = usage_rollup_hour.latency_sum_ms + excluded.latency_sum_ms,
  latency_histogram = (select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
      from unnest(usage_rollup_hour.latency_histogram, excluded.latency_histogram) with ordinality as u(a, b, i)),
  ttft_sum_ms = usage_rollup_hour.ttft_sum_ms + excluded.ttft_sum_ms,
  ttft_histogram = (select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
      from unnest(usage_rollup_hour.ttft_histogram, excluded.ttft_histogram) with ordinality as u(a, b, i)),
  overhead_sum_ms = usage_rollup_hour.overhead_sum_ms + excluded.overhead_sum_ms, cascaded = usage_rollup_hour.cascaded + excluded.cascaded
)
insert into usage_rollup_day (bucket, team_id, api_key_id, model, route_reason, requests, errors, input_tokens, output_tokens, cost_usd, baseline_cost_usd, latency_sum_ms, latency_histogram, ttft_sum_ms, ttft_histogram, overhead_sum_ms, cascaded)
select day_bucket, team_id, api_key_id, model, route_reason,
       count(*),
       count(*) filter (where status = 'error'),
       sum(input_tokens), sum(output_tokens), sum(cost_usd), sum(baseline_cost_usd),
       sum(latency_ms),
       array[count(*) filter (where latency_bucket = 0), count(*) filter (where latency_bucket = 1), count(*) filter (where latency_bucket = 2), count(*) filter (where latency_bucket = 3), count(*) filter (where latency_bucket = 4), count(*) filter (where latency_bucket = 5), count(*) filter (where latency_bucket = 6), count(*) filter (where latency_bucket = 7), count(*) filter (where latency_bucket = 8), count(*) filter (where latency_bucket = 9), count(*) filter (where latency_bucket = 10), count(*) filter (where latency_bucket = 11), count(*) filter (where latency_bucket = 12), count(*) filter (where latency_bucket = 13), count(*) filter (where latency_bucket = 14), count(*) filter (where latency_bucket = 15), count(*) filter (where latency_bucket = 16), count(*) filter (where latency_bucket = 17), count(*) filter (where latency_bucket = 18), count(*) filter (where latency_bucket = 19), count(*) filter (where latency_bucket = 20), count(*) filter (where latency_bucket = 21), count(*) filter (where latency_bucket = 22), count(*) filter (where latency_bucket = 23), count(*) filter (where latency_bucket = 24), count(*) filter (where latency_bucket = 25), count(*) filter (where latency_bucket = 26), count(*) filter (where latency_bucket = 27), count(*) filter (where latency_bucket = 28), count(*) filter (where latency_bucket = 29), count(*) filter (where latency_bucket = 30), count(*) filter (where latency_bucket = 31), count(*) filter (where latency_bucket = 32), count(*) filter (where latency_bucket = 33), count(*) filter (where latency_bucket = 34), count(*) filter (where latency_bucket = 35), count(*) filter (where latency_bucket = 36), count(*) filter (where latency_bucket = 37), count(*) filter (where latency_bucket = 38), count(*) filter (where latency_bucket = 39), count(*) filter (where latency_bucket = 40), count(*) filter (where latency_bucket = 41), count(*) filter (where latency_bucket = 42), count(*) filter (where latency_bucket = 43), count(*) filter (where latency_bucket = 44), count(*) filter (where latency_bucket = 45), count(*) filter (where latency_bucket = 46), count(*) filter (where latency_bucket = 47)]::integer[],
       coalesce(sum(ttft_ms), 0),
       array[count(*) filter (where ttft_bucket = 0), count(*) filter (where ttft_bucket = 1), count(*) filter (where ttft_bucket = 2), count(*) filter (where ttft_bucket = 3), count(*) filter (where ttft_bucket = 4), count(*) filter (where ttft_bucket = 5), count(*) filter (where ttft_bucket = 6), count(*) filter (where ttft_bucket = 7), count(*) filter (where ttft_bucket = 8), count(*) filter (where ttft_bucket = 9), count(*) filter (where ttft_bucket = 10), count(*) filter (where ttft_bucket = 11), count(*) filter (where ttft_bucket = 12), count(*) filter (where ttft_bucket = 13), count(*) filter (where ttft_bucket = 14), count(*) filter (where ttft_bucket = 15), count(*) filter (where ttft_bucket = 16), count(*) filter (where ttft_bucket = 17), count(*) filter (where ttft_bucket = 18), count(*) filter (where ttft_bucket = 19), count(*) filter (where ttft_bucket = 20), count(*) filter (where ttft_bucket = 21), count(*) filter (where ttft_bucket = 22), count(*) filter (where ttft_bucket = 23), count(*) filter (where ttft_bucket = 24), count(*) filter (where ttft_bucket = 25), count(*) filter (where ttft_bucket = 26), count(*) filter (where ttft_bucket = 27), count(*) filter (where ttft_bucket = 28), count(*) filter (where ttft_bucket = 29), count(*) filter (where ttft_bucket = 30), count(*) filter (where ttft_bucket = 31), count(*) filter (where ttft_bucket = 32), count(*) filter (where ttft_bucket = 33), count(*) filter (where ttft_bucket = 34), count(*) filter (where ttft_bucket = 35), count(*) filter (where ttft_bucket = 36), count(*) filter (where ttft_bucket = 37), count(*) filter (where ttft_bucket = 38), count(*) filter (where ttft_bucket = 39), count(*) filter (where ttft_bucket = 40), count(*) filter (where ttft_bucket = 41), count(*) filter (where ttft_bucket = 42), count(*) filter (where ttft_bucket = 43), count(*) filter (where ttft_bucket = 44), count(*) filter (where ttft_bucket = 45), count(*) filter (where ttft_bucket = 46), count(*) filter (where ttft_bucket = 47)]::integer[],
       sum(overhead_ms),
       count(*) filter (where cascaded)
  from classified
 group by day_bucket, team_id, api_key_id, model, route_reason
on conflict (team_id, bucket, api_key_id, model, route_reason) do update set
  requests = usage_rollup_day.requests + excluded.requests, errors = usage_rollup_day.errors + excluded.errors, input_tokens = usage_rollup_day.input_tokens + excluded.input_tokens, output_tokens = usage_rollup_day.output_tokens + excluded.output_tokens,
  cost_usd = usage_rollup_day.cost_usd + excluded.cost_usd, baseline_cost_usd = usage_rollup_day.baseline_cost_usd + excluded.baseline_cost_usd, latency_sum_ms = usage_rollup_day.latency_sum_ms + excluded.latency_sum_ms,
  latency_histogram = (select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
      from unnest(usage_rollup_day.latency_histogram, excluded.latency_histogram) with ordinality as u(a, b, i)),
  ttft_sum_ms = usage_rollup_day.ttft_sum_ms + excluded.ttft_sum_ms,
  ttft_histogram = (select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
      from unnest(usage_rollup_day.ttft_histogram, excluded.ttft_histogram) with ordinality as u(a, b, i)),
  overhead_sum_ms = usage_rollup_day.overhead_sum_ms + excluded.overhead_sum_ms, cascaded = usage_rollup_day.cascaded + excluded.cascaded;
