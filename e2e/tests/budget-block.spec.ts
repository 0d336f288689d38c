import { expect, test } from "@playwright/test";
import { createTeamBudget } from "../support/budget-form";
import { chatCompletion, createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("a tiny blocking team budget set in the console refuses the team's key with the budget error", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const suffix = uniqueSuffix();
  const teamId = await createTeam(page.request, `Capped ${suffix}`);
  const { secret } = await createKey(page.request, teamId, { name: "capped", scopes: [] });
  const call = () => chatCompletion(page.request, secret, "Say hello.");
  // No budget yet: served.
  expect((await call()).status()).toBe(200);

  await createTeamBudget(page, teamId, {
    limitUsd: "0.000001",
    period: "day",
    whenExhausted: "block",
  });
  await snap(page, testInfo, "budget-block-created");

  const listed = await page.request.get(`/api/admin/teams/${teamId}/budgets`);
  const budgets = (await listed.json()).budgets as { id: string; scope: string }[];
  const budgetId = budgets.find((b) => b.scope === "team")?.id ?? "";
  expect(budgetId).not.toBe("");

  // The console announced the change; the gateway reloads its budgets and blocks.
  let response = await call();
  await expect
    .poll(
      async () => {
        response = await call();
        return response.status();
      },
      { timeout: 10_000 },
    )
    .toBe(402);
  // 402, not 429: the official SDKs retry a 429, and no retry helps an exhausted budget.
  const body = (await response.json()) as {
    error: { message: string; type: string; code: string };
  };
  expect(body.error.code).toBe("budget_exceeded");
  expect(body.error.type).toBe("insufficient_quota");
  expect(body.error.message).toContain(`The daily budget of team "Capped ${suffix}" is exhausted`);
  expect(body.error.message).not.toContain(budgetId);
  expect(body.error.message).not.toContain(teamId);
  expect(response.headers()["x-switchyard-budget"]).toBe(budgetId);
});
