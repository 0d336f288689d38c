/** Calendar months in a team's time zone: the statement's window and its default month. */
import { periodWindow } from "@switchyard/limits";

const pad = (value: number) => String(value).padStart(2, "0");

/** "YYYY-MM" of the month holding `instant` on the team's wall clock. */
export function monthOf(instant: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
  }).formatToParts(new Date(instant));
  const year = parts.find((part) => part.type === "year")?.value;
  const month = parts.find((part) => part.type === "month")?.value;
  return `${year}-${month}`;
}

/** [from, to) of `month` ("YYYY-MM") in `timeZone`: its first local midnight to the next month's. */
export function monthWindow(month: string, timeZone: string): { from: Date; to: Date } {
  const [year, number] = month.split("-").map(Number) as [number, number];
  // The 15th at noon UTC lies inside the month on every wall clock (offsets are within ±14 h).
  const window = periodWindow("month", timeZone, Date.UTC(year, number - 1, 15, 12));
  return { from: new Date(window.start), to: new Date(window.end ?? window.start) };
}

/** The last month that has ended on the team's wall clock. */
export function lastCompleteMonth(now: number, timeZone: string): string {
  const current = monthWindow(monthOf(now, timeZone), timeZone);
  return monthOf(current.from.getTime() - 1, timeZone);
}

/** The month after `month`, e.g. for a link to the next statement. */
export function nextMonth(month: string): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${pad(number + 1)}`;
}
