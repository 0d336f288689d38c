import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("the monthly statement shows the month's spend, prints without the console frame, and downloads as CSV and JSON", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const suffix = uniqueSuffix();
  const teamId = await createTeam(page.request, `Statement ${suffix}`);
  const key = await createKey(page.request, teamId, { name: `ledger ${suffix}` });
  for (const user of ["ann", "bob", "ann"]) {
    const response = await page.request.post("/v1/chat/completions", {
      headers: { authorization: `Bearer ${key.secret}` },
      data: { model: "demo-small", user, messages: [{ role: "user", content: "Invoice?" }] },
    });
    expect(response.status()).toBe(200);
  }
  const month = new Date().toISOString().slice(0, 7);

  await page.goto(`/statement?team=${teamId}`);
  // With no month chosen, the last complete month (this team has no traffic then).
  await expect(page.getByTestId("statement-title")).toBeVisible();
  await page.getByLabel("Month").fill(month);
  const keyRow = page
    .getByTestId("statement-api-key")
    .getByTestId("statement-row")
    .filter({ hasText: `ledger ${suffix}` });
  await expect(async () => {
    await page.reload();
    await page.getByLabel("Month").fill(month);
    await expect(keyRow).toContainText("3", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("total-Requests")).toHaveText("3");
  await expect(page.getByTestId("statement-user").getByTestId("statement-row")).toHaveCount(2);

  // The same numbers as the API's JSON, and as the Spend page's API for the month.
  const json = await (
    await page.request.get(`/api/admin/teams/${teamId}/statement?month=${month}`)
  ).json();
  expect(json.total.requests).toBe(3);
  const spend = await (
    await page.request.get(
      `/api/admin/teams/${teamId}/spend?range=custom&by=key&from=${json.window.from}&to=${json.window.to}`,
    )
  ).json();
  expect(spend.total).toEqual(json.total);

  const [csvDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toBe(`statement-${month}.csv`);
  const lines = (await readFile((await csvDownload.path()) ?? "", "utf8")).trim().split("\r\n");
  expect(lines[1]?.split(",").slice(0, 4)).toEqual(["total", month, `Statement ${suffix}`, "3"]);
  expect(lines.filter((line) => line.startsWith("user,"))).toHaveLength(2);

  // Printed: the statement alone (no navigation, header or controls), nothing cut at the side.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation").first()).toBeHidden();
  await expect(page.getByTestId("statement-controls")).toBeHidden();
  await expect(page.getByTestId("statement")).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await snap(page, testInfo, "statement-print");
  await page.emulateMedia({ media: "screen" });
  await snap(page, testInfo, "statement");

  // On a phone the page does not scroll sideways (wide tables scroll inside their box).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.getByLabel("Month").fill(month);
  await expect(keyRow).toContainText("3");
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(sideways).toBeLessThanOrEqual(0);
});
