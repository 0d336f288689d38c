import { expect, type Locator, type Page, test } from "@playwright/test";
import { createKey, createTeam, publishPolicy, uniqueSuffix } from "../support/console-api";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

/** How far the page scrolls sideways (0 when it fits the viewport). */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Whether the element lies within the viewport's width (wherever it is vertically). */
async function withinWidth(page: Page, locator: Locator) {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}

test("unbroken long names and notes wrap or truncate: no page scrolls sideways", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const suffix = uniqueSuffix();
  const teamId = await createTeam(page.request, `Long ${suffix}`);
  const keyName = `k${suffix}${"x".repeat(73)}`;
  expect(keyName).toHaveLength(80);
  const { id: keyId } = await createKey(page.request, teamId, { name: keyName });
  const budget = await page.request.post(`/api/admin/teams/${teamId}/budgets`, {
    headers: fromConsole(),
    data: { apiKeyId: keyId, period: "month", limitUsd: "5" },
  });
  expect(budget.status()).toBe(201);
  const policyId = await publishPolicy(page.request, teamId, {
    name: `Policy${"p".repeat(90)}`,
    alias: `team/${"a".repeat(90)}`,
    body: { version: 1, defaultModel: "demo-small", baselineModel: "demo-large" },
  });
  const note = "n".repeat(500);
  const version = await page.request.post(
    `/api/admin/teams/${teamId}/policies/${policyId}/versions`,
    {
      headers: fromConsole(),
      data: { body: { version: 1, defaultModel: "demo-large", baselineModel: "demo-large" }, note },
    },
  );
  expect(version.status()).toBe(201);

  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/keys?team=${teamId}`);
    const row = page.getByTestId("key-row").filter({ hasText: keyName.slice(0, 20) });
    await expect(row).toBeVisible();
    await expect(row.getByTitle(keyName).first()).toBeAttached();
    expect(await sidewaysScroll(page), `/keys at ${width}px`).toBe(0);
    if (width === 1440) {
      expect(await withinWidth(page, row.getByRole("button", { name: /^Revoke/ }))).toBe(true);
    }
    await snap(page, testInfo, `keys-long-name-${width}`);

    await page.goto(`/policies?team=${teamId}`);
    const versionRow = page.getByTestId("policy-version").filter({ hasText: "v2" });
    await expect(versionRow).toBeVisible();
    await expect(versionRow.getByTitle(note)).toBeAttached();
    expect(await withinWidth(page, versionRow.getByRole("button", { name: "Edit from v2" }))).toBe(
      true,
    );
    expect(await sidewaysScroll(page), `/policies at ${width}px`).toBe(0);
    await snap(page, testInfo, `policies-long-note-${width}`);

    await page.goto(`/budgets?team=${teamId}`);
    await expect(page.getByTestId("budget-card")).toBeVisible();
    expect(await sidewaysScroll(page), `/budgets at ${width}px`).toBe(0);
    const edit = page.getByTestId("budget-card").getByRole("button", { name: "Edit" });
    expect(await withinWidth(page, edit)).toBe(true);
    await snap(page, testInfo, `budgets-long-key-name-${width}`);
  }
});
