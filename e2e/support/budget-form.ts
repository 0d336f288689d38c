import { expect, type Page } from "@playwright/test";

/**
 * Creates a team budget with the console's "New budget" form (fields left out keep the form's
 * defaults) and waits for its card.
 */
export async function createTeamBudget(
  page: Page,
  teamId: string,
  fields: { limitUsd: string; period?: string; whenExhausted?: string },
) {
  await page.goto(`/budgets?team=${teamId}`);
  const form = page.getByRole("form", { name: "New budget" });
  await form.getByLabel("Limit (USD)").fill(fields.limitUsd);
  if (fields.period) await form.getByLabel("Period").selectOption(fields.period);
  if (fields.whenExhausted)
    await form.getByLabel("When exhausted").selectOption(fields.whenExhausted);
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByTestId("budget-card")).toContainText("Team budget");
}
