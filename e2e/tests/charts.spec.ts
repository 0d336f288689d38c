import { expect, type Page, test } from "@playwright/test";
import { chatCompletion, createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

const CHARTS = ["chart-spend", "chart-reasons", "chart-latency", "chart-mix"] as const;

/** The texts of a chart's legend entries. */
const legendOf = (page: Page, chart: string) =>
  page
    .getByTestId(chart)
    .locator(".recharts-legend-item-text")
    .allTextContents()
    .then((texts) => texts.sort());

test("every overview chart has a legend, round axis ticks, and latency drawn as lines", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Charts ${uniqueSuffix()}`);
  const key = await createKey(page.request, teamId, { name: "charted" });
  for (const content of ["one", "two", "three"]) {
    expect((await chatCompletion(page.request, key.secret, content)).status()).toBe(200);
  }
  await expect(async () => {
    await page.goto(`/?team=${teamId}&range=30d`);
    await expect(page.getByTestId("chart-spend").locator(".recharts-legend-item")).not.toHaveCount(
      0,
      { timeout: 2_000 },
    );
  }).toPass({ timeout: 30_000 });

  for (const chart of CHARTS) {
    await expect(page.getByTestId(chart).locator(".recharts-legend-item").first()).toBeVisible();
  }
  expect(await legendOf(page, "chart-spend")).toEqual(["demo-small"]);
  expect(await legendOf(page, "chart-mix")).toEqual(["demo-small"]);
  expect(await legendOf(page, "chart-reasons")).toEqual(["Errors", "Requests"]);
  expect(await legendOf(page, "chart-latency")).toEqual([
    "Latency p50",
    "Latency p95",
    "TTFT p50",
    "TTFT p95",
  ]);

  // One day with traffic in thirty: no line to draw, so that lone point gets a dot.
  await expect(page.getByTestId("chart-latency").locator(".latency-single-point")).not.toHaveCount(
    0,
  );

  // Round y ticks: from zero, evenly spaced, written in dollars and milliseconds.
  const ticks = (chart: string) =>
    page
      .getByTestId(chart)
      .locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value")
      .allTextContents();
  const spendTicks = await ticks("chart-spend");
  expect(spendTicks[0]).toBe("$0");
  for (const tick of spendTicks) expect(tick).toMatch(/^\$\d+(\.\d+)?k?$/);
  const latencyTicks = await ticks("chart-latency");
  expect(latencyTicks[0]).toBe("0 ms");
  for (const tick of latencyTicks) expect(tick).toMatch(/^\d+(\.\d+)? (ms|s)$/);
  const values = spendTicks.map((tick) => Number(tick.replace(/[$k]/g, "")));
  const steps = values.slice(1).map((value, index) => value - (values[index] ?? 0));
  for (const step of steps) expect(step).toBeCloseTo(steps[0] ?? 0, 9);
  // Thirty days of buckets (every local day, quiet ones at zero): the one day with traffic has
  // a thirtieth of the plot's width, not the whole of it.
  const spend = page.getByTestId("chart-spend");
  const bar = await spend.locator(".recharts-bar-rectangle path").first().boundingBox();
  const plot = await spend.locator(".recharts-cartesian-grid").boundingBox();
  expect(bar && plot && bar.width * 20 < plot.width).toBe(true);
  await snap(page, testInfo, "overview-charts");
});

test("latency over days of traffic is drawn as lines, without dots", async ({ page }, testInfo) => {
  await signIn(page);
  const teams = (await (await page.request.get("/api/admin/teams")).json()).teams as {
    id: string;
    name: string;
  }[];
  const demo = teams.find((team) => team.name === "Demo");
  expect(demo).toBeDefined();
  // The demo team's generated history: thirty days of traffic.
  await page.goto(`/?team=${demo?.id}&range=30d`);
  const latency = page.getByTestId("chart-latency");
  const curve = latency.locator("path.recharts-line-curve").first();
  await expect(curve).toBeVisible();
  const segments = ((await curve.getAttribute("d")) ?? "").match(/[LC]/g) ?? [];
  expect(segments.length).toBeGreaterThan(10);
  await expect(latency.locator(".recharts-line-dots circle")).toHaveCount(0);
  const ticks = await latency
    .locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value")
    .allTextContents();
  expect(ticks[0]).toBe("0 ms");
  await snap(page, testInfo, "overview-demo-charts");
});
