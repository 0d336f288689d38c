import { badRequest } from "../../../server/admin/errors";
import type { RangeName } from "../contract";

export interface TimeWindow {
  from: Date;
  to: Date;
  granularity: "hour" | "day";
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Longest custom range the dashboard accepts. */
export const MAX_WINDOW_DAYS = 400;

const floorHour = (time: number) => Math.floor(time / HOUR) * HOUR;

/**
 * The window a range covers, ending now: whole hours (the rollups' resolution), the current hour
 * included. Hourly points up to 7 days, daily beyond.
 */
export function resolveWindow(
  input: { range: RangeName; from?: string | undefined; to?: string | undefined },
  now: Date,
): TimeWindow {
  if (input.range === "custom") {
    const from = new Date(input.from ?? Number.NaN);
    const to = new Date(input.to ?? Number.NaN);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
      throw badRequest("A custom range needs from and to.");
    }
    if (to <= from) throw badRequest("The range must end after it starts.");
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY) {
      throw badRequest(`A custom range may span at most ${MAX_WINDOW_DAYS} days.`);
    }
    return {
      from: new Date(floorHour(from.getTime())),
      to,
      granularity: to.getTime() - from.getTime() <= 7 * DAY ? "hour" : "day",
    };
  }
  const hours = { "24h": 24, "7d": 7 * 24, "30d": 30 * 24 }[input.range];
  const from = floorHour(now.getTime()) - (hours - 1) * HOUR;
  return { from: new Date(from), to: now, granularity: hours <= 7 * 24 ? "hour" : "day" };
}
