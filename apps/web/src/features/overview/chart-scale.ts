/**
 * Axis and time-bucket helpers for the charts: every local day of a window (so quiet days plot as
 * zero), round axis ticks ("nice" steps of 1, 2, 2.5 or 5 × 10^n) and their labels in dollars or
 * milliseconds.
 */

const DAY = 86_400_000;

/** Minutes the wall clock of `timeZone` is ahead of UTC at `instant`. */
function offsetMinutes(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The instant of local midnight starting the day (in `timeZone`) that holds `instant`. */
export function localMidnight(instant: number, timeZone: string): number {
  const wall = instant + offsetMinutes(timeZone, instant) * 60_000;
  const wallMidnight = Math.floor(wall / DAY) * DAY;
  // The offset at midnight may differ from the one at `instant` (a DST change that day).
  let guess = wallMidnight - offsetMinutes(timeZone, wallMidnight) * 60_000;
  guess = wallMidnight - offsetMinutes(timeZone, guess) * 60_000;
  return guess;
}

/** Every local day overlapping [from, to), as the ISO instants of their midnights. */
export function localDays(from: string, to: string, timeZone: string): string[] {
  const end = new Date(to).getTime();
  const days: string[] = [];
  let day = localMidnight(new Date(from).getTime(), timeZone);
  while (day < end && days.length < 1_000) {
    days.push(new Date(day).toISOString());
    // Noon of the next day, then back to its midnight: right whether the day has 23, 24 or 25 h.
    day = localMidnight(day + DAY + DAY / 2, timeZone);
  }
  return days;
}

/**
 * The round step (1, 2, 2.5 or 5 × 10^n) giving about `count` intervals up to `max`; at least 1
 * for whole quantities (`integer`, e.g. request counts).
 */
export function niceStep(max: number, count = 4, integer = false): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factors = integer && magnitude < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = (factors.find((factor) => factor * magnitude >= raw) ?? 10) * magnitude;
  return integer ? Math.max(1, step) : step;
}

/** Round ticks from 0 to the first multiple of the step at or above `max` ([0, 1] when empty). */
export function niceTicks(max: number, count = 4, integer = false): number[] {
  const step = niceStep(max, count, integer);
  const top = max > 0 && Number.isFinite(max) ? Math.ceil(max / step - 1e-9) * step : step;
  const ticks: number[] = [];
  for (let index = 0; index * step <= top + step / 1e6; index++) {
    ticks.push(Number((index * step).toPrecision(12)));
  }
  return ticks;
}

/** Decimals needed to write every multiple of `step` exactly (e.g. 0.025 → 3). */
const decimalsOf = (step: number) => {
  const text = step.toPrecision(12).replace(/0+$/, "");
  const dot = text.indexOf(".");
  return dot === -1 ? 0 : text.length - dot - 1;
};

/** A dollar tick: "$0", "$0.005", "$2.50", "$1.5k". */
export function formatUsdTick(value: number, step: number): string {
  if (value === 0) return "$0";
  if (Math.abs(value) >= 1000) {
    return `$${(value / 1000).toLocaleString("en-US", { maximumFractionDigits: decimalsOf(step / 1000) })}k`;
  }
  const digits = decimalsOf(step);
  const fixed = step < 1 ? Math.min(2, digits) : 0;
  return `$${value.toLocaleString("en-US", { minimumFractionDigits: fixed, maximumFractionDigits: digits })}`;
}

/** A latency tick: "0 ms", "250 ms", "1.5 s". */
export function formatMsTick(value: number): string {
  if (value === 0) return "0 ms";
  if (value >= 1000)
    return `${(value / 1000).toLocaleString("en-US", { maximumFractionDigits: 2 })} s`;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: 1 })} ms`;
}

/** A count tick: "0", "250", "1.5k". */
export function formatCountTick(value: number): string {
  if (Math.abs(value) >= 1000) {
    return `${(value / 1000).toLocaleString("en-US", { maximumFractionDigits: 1 })}k`;
  }
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
