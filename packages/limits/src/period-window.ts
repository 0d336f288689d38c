import type { BudgetPeriod } from "./budget-spec";

/**
 * Budget periods in a time zone, with Intl only. A window is [start, end); `end` is null for
 * "lifetime". Days start at local midnight (or the first instant of the day when a DST change
 * skips midnight), weeks on Monday, months on the 1st.
 */
export interface PeriodWindow {
  start: number;
  end: number | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of `instant` in `timeZone`, expressed as if it were UTC milliseconds. */
function wallClock(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

const DAY = 86_400_000;

/** The first instant whose local date in `timeZone` is the given calendar date (month 1-12, may overflow). */
function startOfLocalDay(timeZone: string, year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month - 1, day);
  const candidates = [wall - DAY, wall, wall + DAY].map(
    (probe) => wall - (wallClock(timeZone, probe) - probe),
  );
  const exact = candidates.filter((t) => wallClock(timeZone, t) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // Midnight does not exist (DST gap): the day starts at the first instant after the gap.
  const sameDay = candidates.filter((t) => {
    const local = wallClock(timeZone, t);
    return local > wall && local < wall + DAY;
  });
  return Math.min(...sameDay);
}

export function periodWindow(
  period: BudgetPeriod,
  timeZone: string,
  now: number | Date,
): PeriodWindow {
  const instant = typeof now === "number" ? now : now.getTime();
  if (period === "lifetime") return { start: 0, end: null };
  const local = new Date(wallClock(timeZone, instant - (instant % 1000)));
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  if (period === "day") {
    return {
      start: startOfLocalDay(timeZone, year, month, day),
      end: startOfLocalDay(timeZone, year, month, day + 1),
    };
  }
  if (period === "week") {
    const sinceMonday = (local.getUTCDay() + 6) % 7;
    return {
      start: startOfLocalDay(timeZone, year, month, day - sinceMonday),
      end: startOfLocalDay(timeZone, year, month, day - sinceMonday + 7),
    };
  }
  return {
    start: startOfLocalDay(timeZone, year, month, 1),
    end: startOfLocalDay(timeZone, year, month + 1, 1),
  };
}

/** periodWindow with a cache per (period, zone) that is reused while `now` stays inside it. */
export class PeriodWindowCache {
  private readonly cache = new Map<string, PeriodWindow>();

  get(period: BudgetPeriod, timeZone: string, now: number): PeriodWindow {
    const key = `${period}|${timeZone}`;
    const cached = this.cache.get(key);
    if (cached && now >= cached.start && (cached.end === null || now < cached.end)) return cached;
    const window = periodWindow(period, timeZone, now);
    this.cache.set(key, window);
    return window;
  }
}
