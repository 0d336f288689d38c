import { expect, test } from "@playwright/test";
import { createTeamBudget } from "../support/budget-form";
import { chatCompletion, createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("create, edit and delete budgets; spend shows in the progress bar", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Spend ${uniqueSuffix()}`);
  const { id: keyId, secret } = await createKey(page.request, teamId, {
    name: "budgeted",
    scopes: [],
  });
  // One request through the gateway before any budget: its cost lands in the hourly rollup and
  // then in the progress bars.
  const response = await chatCompletion(page.request, secret, "Count to twenty.");
  expect(response.status()).toBe(200);

  await page.goto(`/budgets?team=${teamId}`);
  await expect(page.getByText("No budgets: requests are not limited by spend.")).toBeVisible();
  const form = page.getByRole("form", { name: "New budget" });
  await form.getByLabel("Limit (USD)").fill("-5");
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(form.getByText("an amount in USD such as 25 or 0.50")).toBeVisible();

  await form.getByLabel("Limit (USD)").fill("0.0001");
  await form.getByLabel("Period").selectOption("day");
  await form.getByLabel("Alert webhook URL (optional)").fill("https://hooks.example.test/budget");
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  const teamCard = page.getByTestId("budget-card").filter({ hasText: "Team budget" });
  await expect(teamCard).toContainText("of $0.0001");
  await snap(page, testInfo, "budgets-created-secret-once");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);

  // A key budget for the key.
  await form.getByLabel("Applies to").selectOption(keyId);
  await form.getByLabel("Limit (USD)").fill("5");
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByTestId("budget-card").filter({ hasText: "Key: budgeted" })).toContainText(
    "of $5.00",
  );

  await expect
    .poll(
      async () => {
        await page.reload();
        return (await teamCard.getByTestId("budget-spend").textContent()) ?? "";
      },
      { timeout: 20_000 },
    )
    .not.toContain("(0%)");
  await snap(page, testInfo, "budgets-spend-progress");

  await teamCard.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit budget" });
  await edit.getByLabel("Limit (USD)").fill("25");
  await edit.getByLabel("When exhausted").selectOption("downgrade");
  await edit.getByRole("button", { name: "Save budget" }).click();
  await expect(teamCard).toContainText("of $25.00");
  await expect(teamCard).toContainText("Downgrades when exhausted");

  page.once("dialog", (dialog) => void dialog.accept());
  await teamCard.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("budget-card")).toHaveCount(1);
  await snap(page, testInfo, "budgets-after-delete");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, "budgets-phone");
});

test("a tiny team budget blocks the next request with a budget error", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Block ${uniqueSuffix()}`);
  const { secret } = await createKey(page.request, teamId, { name: "blocked", scopes: [] });
  const call = () => chatCompletion(page.request, secret, "Write a long story.");
  expect((await call()).status()).toBe(200);

  await createTeamBudget(page, teamId, { limitUsd: "0.000001" });
  await snap(page, testInfo, "budgets-tiny-limit");

  let body: { error?: { code?: string; message?: string } } = {};
  await expect
    .poll(
      async () => {
        const response = await call();
        body = response.status() === 200 ? {} : await response.json();
        return response.status();
      },
      { timeout: 20_000 },
    )
    .toBe(402);
  expect(body.error?.code).toBe("budget_exceeded");
  expect(body.error?.message).toContain("exhausted");
  await page.reload();
  await snap(page, testInfo, "budgets-blocked");
});

test("a field's error clears once its value is changed", async ({ page }, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Fix ${uniqueSuffix()}`);
  await page.goto(`/budgets?team=${teamId}`);
  const form = page.getByRole("form", { name: "New budget" });
  const limit = form.getByLabel("Limit (USD)");
  await limit.fill("0");
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(form.getByText("must be more than 0")).toBeVisible();
  await expect(limit).toHaveAttribute("aria-describedby", /-error$/);
  await limit.fill("1");
  await expect(form.getByText("must be more than 0")).toHaveCount(0);
  await expect(limit).not.toHaveAttribute("aria-describedby", /-error$/);
  await snap(page, testInfo, "budgets-error-cleared");
  // A value still wrong after the change is reported again on the next submit.
  await limit.fill("-1");
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(form.getByText("an amount in USD such as 25 or 0.50")).toBeVisible();
  await limit.fill("2");
  await expect(form.getByText("an amount in USD such as 25 or 0.50")).toHaveCount(0);
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByTestId("budget-card")).toContainText("of $2.00");
});
