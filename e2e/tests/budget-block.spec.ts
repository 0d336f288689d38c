import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("a tiny blocking team budget set in the console refuses the team's key with the budget error", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const suffix = randomBytes(3).toString("hex");
  const team = await page.request.post("/api/admin/teams", {
    headers: fromConsole(),
    data: { name: `Capped ${suffix}` },
  });
  expect(team.status()).toBe(201);
  const teamId = (await team.json()).team.id as string;
  const key = await page.request.post(`/api/admin/teams/${teamId}/keys`, {
    headers: fromConsole(),
    data: { name: "capped", scopes: [] },
  });
  const secret = (await key.json()).secret as string;
  const call = () =>
    page.request.post("/v1/chat/completions", {
      headers: { authorization: `Bearer ${secret}` },
      data: { model: "demo-small", messages: [{ role: "user", content: "Say hello." }] },
    });
  // No budget yet: served.
  expect((await call()).status()).toBe(200);

  await page.goto(`/budgets?team=${teamId}`);
  const form = page.getByRole("form", { name: "New budget" });
  await form.getByLabel("Limit (USD)").fill("0.000001");
  await form.getByLabel("Period").selectOption("day");
  await form.getByLabel("When exhausted").selectOption("block");
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByTestId("budget-card")).toContainText("Team budget");
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
