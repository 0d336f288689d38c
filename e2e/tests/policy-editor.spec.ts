import { type APIRequestContext, expect, test } from "@playwright/test";
import { createTeam, uniqueSuffix } from "../support/console-api";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

async function createPolicy(request: APIRequestContext, teamId: string, alias: string) {
  const created = await request.post(`/api/admin/teams/${teamId}/policies`, {
    headers: fromConsole(),
    data: { name: "Auto", alias },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).policy.id as string;
}

async function versionsOf(request: APIRequestContext, teamId: string, policyId: string) {
  const response = await request.get(`/api/admin/teams/${teamId}/policies/${policyId}`);
  expect(response.status()).toBe(200);
  return (await response.json()).versions as { id: string; version: number }[];
}

test("double-clicking Save as new version saves one version", async ({ page }, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Save ${uniqueSuffix()}`);
  const policyId = await createPolicy(page.request, teamId, "switchyard/auto");
  const saves: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/versions"))
      saves.push(request.url());
  });
  await page.goto(`/policies?team=${teamId}`);
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);
  await page.getByLabel("Note for this version").fill("saved once");
  await page.getByRole("button", { name: "Save as new version" }).dblclick();
  await expect(page.getByText("Saved as version 1.")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(saves).toHaveLength(1);
  await expect(page.getByText(/Request failed|Not saved/)).toHaveCount(0);
  expect((await versionsOf(page.request, teamId, policyId)).map((v) => v.version)).toEqual([1]);
  await expect(page.getByTestId("policy-row")).toContainText("1");
  await snap(page, testInfo, "policies-double-click-one-version");
});

test("a version save repeated with the same idempotency key returns the first version", async ({
  page,
}) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Retry ${uniqueSuffix()}`);
  const policyId = await createPolicy(page.request, teamId, "switchyard/auto");
  const data = {
    body: { version: 1, defaultModel: "demo-small", baselineModel: "demo-large" },
    idempotencyKey: `e2e-${uniqueSuffix()}-${uniqueSuffix()}`,
  };
  const path = `/api/admin/teams/${teamId}/policies/${policyId}/versions`;
  const first = await page.request.post(path, { headers: fromConsole(), data });
  expect(first.status()).toBe(201);
  const again = await page.request.post(path, { headers: fromConsole(), data });
  expect(again.status()).toBe(201);
  expect((await again.json()).version).toEqual((await first.json()).version);
  expect(await versionsOf(page.request, teamId, policyId)).toHaveLength(1);
});

test("the classifier and cascade start cheapest → dearest and warn when swapped", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Pair ${uniqueSuffix()}`);
  await createPolicy(page.request, teamId, "switchyard/auto");
  await page.goto(`/policies?team=${teamId}`);
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);
  for (const strategy of ["classifier", "cascade"]) {
    const name = strategy === "cascade" ? "Cascade" : "Classifier";
    const section = page.getByRole("group", { name, exact: true });
    await section.getByLabel(`Use the ${strategy}`).check();
    await expect(section.getByLabel("Cheap model", { exact: true })).toHaveValue("demo-small");
    await expect(section.getByLabel("Strong model", { exact: true })).toHaveValue("demo-large");
    await expect(section.getByTestId("pair-price-warning")).toHaveCount(0);
  }
  const cascade = page.getByRole("group", { name: "Cascade", exact: true });
  await cascade.getByLabel("Cheap model", { exact: true }).selectOption("demo-large");
  await cascade.getByLabel("Strong model", { exact: true }).selectOption("demo-small");
  await expect(cascade.getByTestId("pair-price-warning")).toContainText(
    "The cheap model costs more than the strong one",
  );
  await snap(page, testInfo, "policies-pair-price-warning");
  await cascade.getByLabel("Cheap model", { exact: true }).selectOption("demo-small");
  await cascade.getByLabel("Strong model", { exact: true }).selectOption("demo-medium");
  await expect(cascade.getByTestId("pair-price-warning")).toHaveCount(0);
});

test("the New policy form suggests an alias the team does not use yet", async ({ page }) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Alias ${uniqueSuffix()}`);
  await createPolicy(page.request, teamId, "switchyard/auto");
  await page.goto(`/policies?team=${teamId}`);
  await expect(page.getByTestId("policy-row")).toHaveCount(1);
  const alias = page.getByLabel("Alias (the model name callers send)");
  await expect(alias).not.toHaveValue("switchyard/auto");
  await expect(alias).not.toHaveValue("");
  await page.getByLabel("Name", { exact: true }).fill("Second");
  await page.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByTestId("policy-row")).toHaveCount(2);
  // The next suggestion is free again.
  await expect(alias).not.toHaveValue("");
  const taken = (await page.getByTestId("policy-row").allTextContents()).join(" ");
  expect(taken).not.toContain(await alias.inputValue());
});
