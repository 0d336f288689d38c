import { expect, test } from "@playwright/test";
import { e2eEnv } from "../support/e2e-env";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("a request made with a key shows in the request log and on the overview", async ({
  page,
  request,
}, testInfo) => {
  const response = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${e2eEnv.demoKey}` },
    data: {
      model: "switchyard/auto",
      messages: [{ role: "user", content: "Name three colours of the rainbow." }],
    },
  });
  expect(response.status()).toBe(200);
  const requestId = response.headers()["x-request-id"];
  const routedModel = response.headers()["x-switchyard-model"];
  expect(requestId).toBeTruthy();
  expect(routedModel).toBeTruthy();

  await signIn(page);
  // Other tests create teams that sort before "Demo": open the demo team's pages explicitly.
  const teams = (await (await page.request.get("/api/admin/teams")).json()).teams as {
    id: string;
    name: string;
  }[];
  const demoTeam = teams.find((team) => team.name === "Demo");
  expect(demoTeam).toBeTruthy();
  const teamQuery = `team=${demoTeam?.id}`;

  // The gateway writes accounting in batches: reload the log until the request is there.
  const row = page.locator(`[data-testid="request-row"][data-request-id="${requestId}"]`);
  await expect(async () => {
    await page.goto(`/requests?${teamQuery}`);
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText(routedModel as string);
  await snap(page, testInfo, "request-log");

  await row.getByRole("button").click();
  const detail = page.getByTestId("request-detail");
  await expect(detail).toContainText(requestId as string);
  await expect(detail).toContainText(routedModel as string);
  await expect(detail.getByTestId("route-reason")).not.toBeEmpty();
  await expect(detail).toContainText("Attempts (1)");
  await expect(page).toHaveURL(new RegExp(`request=${encodeURIComponent(requestId as string)}`));
  await snap(page, testInfo, "request-detail");

  // The overview reads the hourly rollups written in the same batch.
  await page.goto(`/?${teamQuery}`);
  const requests = page.getByTestId("kpi-requests");
  await expect(requests).toBeVisible();
  await expect(async () => {
    await page.reload();
    const text = (await requests.locator("p").nth(1).textContent()) ?? "0";
    expect(Number(text.replace(/,/g, ""))).toBeGreaterThanOrEqual(1);
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("chart-mix")).toContainText(routedModel as string);
  await expect(page.getByTestId("budget-panel")).toBeVisible();
  await expect(page.getByTestId("chart-spend").locator(".recharts-surface").first()).toBeVisible();

  // Filtering by the routed model keeps the request; the 7-day range too.
  await page.getByLabel("Filter by model").selectOption(routedModel as string);
  await expect(page).toHaveURL(/model=/);
  await page.getByRole("button", { name: "7 d" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(requests.locator("p").nth(1)).not.toHaveText("0");
  await snap(page, testInfo, "overview");
});

test("the request log filters by a tag the request carried", async ({ page, request }) => {
  const tag = `e2e-run:${Date.now()}`;
  const tagged = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${e2eEnv.demoKey}`, "x-switchyard-tags": tag },
    data: { model: "switchyard/auto", messages: [{ role: "user", content: "Tagged hello." }] },
  });
  expect(tagged.status()).toBe(200);
  const untagged = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${e2eEnv.demoKey}` },
    data: { model: "switchyard/auto", messages: [{ role: "user", content: "Untagged hello." }] },
  });
  expect(untagged.status()).toBe(200);
  const rowOf = (id: string) =>
    page.locator(`[data-testid="request-row"][data-request-id="${id}"]`);
  const taggedRow = rowOf(tagged.headers()["x-request-id"] as string);
  const untaggedRow = rowOf(untagged.headers()["x-request-id"] as string);

  await signIn(page);
  const teams = (await (await page.request.get("/api/admin/teams")).json()).teams as {
    id: string;
    name: string;
  }[];
  const teamQuery = `team=${teams.find((team) => team.name === "Demo")?.id}`;
  await expect(async () => {
    await page.goto(`/requests?${teamQuery}`);
    await expect(untaggedRow).toBeVisible({ timeout: 2_000 });
    await expect(taggedRow).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  const filter = page.getByTestId("log-filters").getByLabel("Tag");
  await filter.fill(tag);
  await filter.press("Enter");
  await expect(page).toHaveURL(new RegExp(`tag=${encodeURIComponent(tag)}`));
  await expect(taggedRow).toBeVisible();
  await expect(untaggedRow).toHaveCount(0);

  await taggedRow.getByRole("button").click();
  await expect(page.getByTestId("request-detail")).toContainText(tag);
});
