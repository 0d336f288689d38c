import { expect, test } from "@playwright/test";
import { createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("the audit log names its targets and filters by action, actor and target", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Audited ${uniqueSuffix()}`);
  const key = await createKey(page.request, teamId, { name: "invoice bot", scopes: [] });
  const policy = await page.request.post(`/api/admin/teams/${teamId}/policies`, {
    headers: fromConsole(),
    data: { name: "Auto", alias: "switchyard/auto" },
  });
  expect(policy.status()).toBe(201);

  await page.goto(`/team/audit?team=${teamId}`);
  const entries = page.getByTestId("audit-entry");
  await expect(entries).toHaveCount(3);
  const keyEntry = entries.filter({ hasText: "key.create" });
  await expect(keyEntry.getByTestId("audit-target")).toHaveText("API key invoice bot");
  await expect(keyEntry).not.toContainText(key.id);
  await expect(entries.filter({ hasText: "policy.create" }).getByTestId("audit-target")).toHaveText(
    "routing policy Auto (switchyard/auto)",
  );

  const filters = page.getByTestId("audit-filters");
  await filters.getByLabel("Action").selectOption("key.create");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("invoice bot");
  await filters.getByLabel("Action").selectOption("");
  await filters.getByLabel("Target").selectOption("routing_policy");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("policy.create");
  await filters.getByLabel("Target").selectOption("");
  await expect(filters.getByLabel("Actor").locator("option")).toHaveCount(2);
  await filters.getByLabel("Actor").selectOption({ index: 1 });
  await expect(entries).toHaveCount(3);
  await snap(page, testInfo, "audit-filters");
});
