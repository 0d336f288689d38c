/**
 * Reading the rollups for a time range: the team's whole local days from usage_rollup_day, the
 * partial days at either end from usage_rollup_hour. A month of one team is then ~30 day rows per
 * series instead of ~720 hour rows, whatever the traffic.
 */
import { Prisma } from "../generated/client";

export interface RollupRange {
  teamId: string;
  /** Inclusive; hour-aligned (the hourly rollups' resolution). */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** The team's IANA time zone: the one usage_rollup_day's days are cut in. */
  timeZone: string;
}

const HOUR = 3_600_000;

/** The range from `from` through the end of the hour holding `now`: spend "so far" in a period. */
export function rangeThroughNow(
  teamId: string,
  from: Date,
  timeZone: string,
  now: Date | number = Date.now(),
): RollupRange {
  const end = Math.floor(new Date(now).getTime() / HOUR) * HOUR + HOUR;
  return { teamId, from, to: new Date(end), timeZone };
}

/**
 * A parenthesised subquery usable in FROM (alias it), selecting `columns` (columns both rollup
 * tables share, e.g. "bucket, model, cost_usd") from the rows covering [from, to). `where` adds
 * conditions on those tables' columns (api key, model). Buckets of day rows are local midnights,
 * so date_trunc('day', bucket, timeZone) groups day and hour rows alike.
 */
export function rollupRows(range: RollupRange, columns: string, where?: Prisma.Sql): Prisma.Sql {
  const select = Prisma.raw(columns);
  const extra = where ? Prisma.sql` and ${where}` : Prisma.empty;
  const { teamId, from, to, timeZone } = range;
  return Prisma.sql`(
    with edge as (
      select date_trunc('day', ${from}::timestamptz, ${timeZone}) as from_day,
             date_trunc('day', ${to}::timestamptz, ${timeZone}) as to_day
    ),
    span as (
      select case when from_day = ${from}::timestamptz then from_day
                  else ((from_day at time zone ${timeZone}) + interval '1 day') at time zone ${timeZone}
             end as first_day,
             to_day
        from edge
    ),
    cut as (
      select case when first_day < to_day then first_day else ${to}::timestamptz end as days_from,
             case when first_day < to_day then to_day else ${to}::timestamptz end as days_to
        from span
    )
    select ${select} from usage_rollup_day, cut
     where team_id = ${teamId} and bucket >= cut.days_from and bucket < cut.days_to${extra}
    union all
    select ${select} from usage_rollup_hour, cut
     where team_id = ${teamId} and bucket >= ${from}::timestamptz and bucket < cut.days_from${extra}
    union all
    select ${select} from usage_rollup_hour, cut
     where team_id = ${teamId} and bucket >= cut.days_to and bucket < ${to}::timestamptz${extra}
  )`;
}
