import { expect, test } from "@playwright/test";
import { chatCompletion, createTeam, uniqueSuffix } from "../support/console-api";
import { e2eEnv } from "../support/e2e-env";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("add a connection with a write-only credential, import catalog models, edit a price", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const suffix = uniqueSuffix();
  const teamId = await createTeam(page.request, `Prov ${suffix}`);
  const credential = `sk-secret-${suffix}`;

  await page.goto(`/providers?team=${teamId}`);
  // The demo's shared mock connection is visible to every team.
  await expect(page.getByTestId("connection-row").filter({ hasText: "shared" })).toBeVisible();
  const form = page.getByRole("form", { name: "Add a provider connection" });
  await form.getByLabel("Provider").selectOption("groq");
  await form.getByLabel("Name").fill(`Groq ${suffix}`);
  await form.getByLabel("API key / credential (write-only)").fill(credential);
  await form.getByRole("button", { name: "Add connection" }).click();
  const row = page.getByTestId("connection-row").filter({ hasText: `Groq ${suffix}` });
  await expect(row.getByTestId("credential-status")).toHaveText("set");
  await expect(page.locator("body")).not.toContainText(credential);
  const listed = await page.request.get(`/api/admin/teams/${teamId}/providers`);
  expect(await listed.text()).not.toContain(credential);

  await row.getByRole("button", { name: "Add the catalog's models" }).click();
  await expect(row.getByRole("status")).toContainText("Added");
  const models = await (await page.request.get(`/api/admin/teams/${teamId}/models`)).json();
  const groqModel = (models.models as { name: string; providerKind: string }[]).find(
    (m) => m.providerKind === "groq",
  );
  expect(groqModel).toBeDefined();
  const modelRow = page.getByTestId("model-row").filter({ hasText: groqModel?.name ?? "" });
  await modelRow.getByRole("button", { name: `Edit ${groqModel?.name}` }).click();
  const edit = page.getByRole("form", { name: `Edit ${groqModel?.name}` });
  await edit.getByLabel("Input $ / M tokens", { exact: true }).fill("0.123");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(modelRow).toContainText("0.123");
  await expect(modelRow).toContainText("set by hand");
  await snap(page, testInfo, "providers-connection-and-models");
});

test("the health view shows per-model requests from the last day", async ({ page }, testInfo) => {
  await signIn(page);
  const response = await chatCompletion(page.request, e2eEnv.demoKey, "Hello!");
  expect(response.status()).toBe(200);
  const teams = (await (await page.request.get("/api/admin/teams")).json()).teams as {
    id: string;
    name: string;
  }[];
  const demo = teams.find((team) => team.name === "Demo");
  // Accounting is written in batches: reload until the demo model's row is there.
  await expect(async () => {
    await page.goto(`/providers?team=${demo?.id}`);
    await expect(page.getByTestId("health-row").filter({ hasText: "demo-small" })).toHaveCount(1, {
      timeout: 5_000,
    });
  }).toPass({ timeout: 40_000 });
  await snap(page, testInfo, "providers-health");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, "providers-phone");
});
