import { expect, test } from "@playwright/test";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

/**
 * First start: the demo team's overview is alive with thirty days of generated traffic, routed by
 * its policy (rules, classifier, cascade) and labelled as demo data; one button removes it.
 */
test("the first run shows routing at work, labelled as demo data, and removes it on request", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teams = (await (await page.request.get("/api/admin/teams")).json()).teams as {
    id: string;
    name: string;
  }[];
  const demo = teams.find((team) => team.name === "Demo");
  expect(demo).toBeDefined();
  const overviewOf = async () =>
    (await (await page.request.get(`/api/admin/teams/${demo?.id}/usage/overview?range=30d`)).json())
      .totals as { requests: number; costUsd: string; baselineCostUsd: string };

  const before = await overviewOf();
  expect(before.requests).toBeGreaterThan(2_000);
  expect(Number(before.costUsd)).toBeLessThan(0.6 * Number(before.baselineCostUsd));

  await page.goto(`/?team=${demo?.id}&range=30d`);
  const banner = page.getByRole("region", { name: "Demo data" });
  await expect(banner).toContainText("generated requests over the last 30 days");
  await expect(banner).toContainText("demo:generated");
  // The policy's three ways of deciding all show in the route reasons.
  const reasons = page.getByTestId("chart-reasons");
  await expect(reasons).toContainText("classifier");
  await expect(reasons).toContainText("rule:math");
  await expect(page.getByTestId("chart-mix")).toContainText("demo-large");
  await snap(page, testInfo, "overview-first-run");

  page.once("dialog", (dialog) => void dialog.accept());
  await banner.getByRole("button", { name: "Remove demo data" }).click();
  await expect(banner).toHaveCount(0);
  const after = await overviewOf();
  expect(before.requests - after.requests).toBeGreaterThan(2_000);
  const status = await page.request.get(`/api/admin/teams/${demo?.id}/demo-data`, {
    headers: fromConsole(),
  });
  expect(await status.json()).toMatchObject({ present: false, requests: 0 });
});
