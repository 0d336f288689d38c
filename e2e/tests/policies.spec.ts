import { type APIRequestContext, expect, test } from "@playwright/test";
import { chatCompletion, createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

/** A fresh team with its own key (the demo's shared mock connection serves demo-small/large). */
async function seedTeam(request: APIRequestContext, prefix: string) {
  const teamId = await createTeam(request, `${prefix} ${uniqueSuffix()}`);
  const { secret } = await createKey(request, teamId, { name: "routing test", scopes: [] });
  return { teamId, secret };
}

async function routedModel(request: APIRequestContext, secret: string, content: string) {
  const response = await chatCompletion(request, secret, content, "switchyard/auto");
  expect(response.status()).toBe(200);
  return response.headers()["x-switchyard-model"];
}

test("edit a rule, publish, see routing change; roll back and see it return", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const { teamId, secret } = await seedTeam(page.request, "Routing");
  await page.goto(`/policies?team=${teamId}`);
  await expect(page.getByText("No policies yet.")).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Auto");
  await page.getByLabel("Alias (the model name callers send)").fill("switchyard/auto");
  await page.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByTestId("policy-row")).toContainText("not published");
  await expect(page.getByLabel("Default model")).toHaveValue("demo-small");
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);
  await page.getByLabel("Note for this version").fill("starter: everything to demo-small");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Saved as version 1.")).toBeVisible();
  await page.getByRole("button", { name: "Publish v1" }).click();
  await expect(page.getByTestId("policy-row")).toContainText("v1");
  await snap(page, testInfo, "policies-v1-published");

  const prompt = "Please help with this invoice question";
  await expect.poll(() => routedModel(page.request, secret, prompt)).toBe("demo-small");

  // Version 2: a keyword rule that sends invoice questions to demo-large.
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule 1 name").fill("invoices");
  await page.getByLabel("When", { exact: true }).selectOption("keywords");
  await page.getByLabel("Values (comma-separated)").fill("invoice, refund");
  await page.getByLabel("Then route to").selectOption("model:demo-large");
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);
  // An invalid edit shows the bad field's path inline, then is fixed.
  await page.getByLabel("Then route to").selectOption("strategy:classifier");
  await expect(page.getByTestId("policy-issues")).toContainText("rules[0].target");
  await snap(page, testInfo, "policies-inline-validation");
  await page.getByLabel("Then route to").selectOption("model:demo-large");
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);

  // Try the draft on a prompt before saving.
  await page.getByLabel("Prompt", { exact: true }).fill(prompt);
  await page.getByRole("button", { name: "Explain the routing" }).click();
  await expect(page.getByTestId("explain-model")).toHaveText("demo-large");
  await expect(page.getByTestId("explain-result")).toContainText("rule:invoices");

  await page.getByLabel("Note for this version").fill("invoices to demo-large");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  await expect(page.getByTestId("version-diff")).toContainText('"invoices"');
  await page.getByRole("button", { name: "Publish v2" }).click();
  await expect(page.getByTestId("policy-row")).toContainText("v2");
  await snap(page, testInfo, "policies-v2-published-with-diff");

  await expect.poll(() => routedModel(page.request, secret, prompt)).toBe("demo-large");
  expect(await routedModel(page.request, secret, "What is the capital of France?")).toBe(
    "demo-small",
  );

  await page.getByRole("button", { name: "Roll back to v1" }).click();
  await expect(page.getByTestId("policy-row")).toContainText("v1");
  await snap(page, testInfo, "policies-rolled-back");
  await expect.poll(() => routedModel(page.request, secret, prompt)).toBe("demo-small");
});

test("the JSON view validates with the router's schema and shows the threshold trade-off", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const { teamId } = await seedTeam(page.request, "Json");
  const created = await page.request.post(`/api/admin/teams/${teamId}/policies`, {
    headers: fromConsole(),
    data: { name: "Auto", alias: "switchyard/auto" },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/policies?team=${teamId}`);
  await page.getByRole("tab", { name: "JSON" }).click();
  const json = page.getByTestId("policy-json");
  await json.fill(
    JSON.stringify({ version: 1, defaultModel: "ghost-model", baselineModel: "demo-large" }),
  );
  await expect(page.getByTestId("policy-issues")).toContainText("defaultModel");
  await expect(page.getByTestId("policy-issues")).toContainText('unknown model "ghost-model"');
  await json.fill("{ not json");
  await expect(page.getByText(/Not valid JSON/)).toBeVisible();
  await json.fill(
    JSON.stringify({
      version: 1,
      defaultModel: "demo-small",
      baselineModel: "demo-large",
      otherwise: "classifier",
      classifier: { cheap: "demo-small", strong: "demo-large", threshold: 0.4 },
    }),
  );
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);
  await page.getByRole("tab", { name: "Form" }).click();
  await expect(page.getByTestId("threshold-tradeoff").first()).toContainText("0.4");
  await snap(page, testInfo, "policies-classifier-threshold");
  // A cascade graded by an LLM judge, set in the form, lands in the document and validates.
  await page.getByLabel("Use the cascade").check();
  await page.getByLabel("Grade the cheap answer with an LLM judge").check();
  await page.getByLabel("Judge model").selectOption("demo-medium");
  await page.getByLabel("Judge threshold (0–1)").fill("0.6");
  await expect(page.getByTestId("validation-status")).toHaveText(/Valid/);
  await page.getByRole("tab", { name: "JSON" }).click();
  const document = JSON.parse(await json.inputValue()) as {
    cascade?: { judge?: { model: string; threshold: number } };
  };
  expect(document.cascade?.judge).toEqual({ model: "demo-medium", threshold: 0.6 });
  await page.getByRole("tab", { name: "Form" }).click();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("threshold-tradeoff").first()).toBeVisible();
  await snap(page, testInfo, "policies-phone");
});
