import { expect, test } from "@playwright/test";
import {
  chatCompletion,
  createTeam,
  listKeys,
  publishPolicy,
  uniqueSuffix,
} from "../support/console-api";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("double-clicking Create key makes one key and shows its secret", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Double ${uniqueSuffix()}`);
  const creates: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/keys")) creates.push(request.url());
  });
  await page.goto(`/keys?team=${teamId}`);
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill("clicked twice");
  await form.getByRole("button", { name: "Create key" }).dblclick();
  const secret = (await page.getByTestId("secret-value").textContent()) ?? "";
  expect(secret).toMatch(/^sk-sy-/);
  await page.waitForLoadState("networkidle");
  expect(creates).toHaveLength(1);
  const rows = page.getByTestId("key-row").filter({ hasText: "clicked twice" });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(secret.slice(0, 10));
  expect((await listKeys(page.request, teamId)).map((key) => key.name)).toEqual(["clicked twice"]);
  await snap(page, testInfo, "keys-double-click-one-key");

  // The same form, used again, makes a second key (a new token per created key).
  await form.getByLabel("Name").fill("second on purpose");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("key-row").filter({ hasText: "second on purpose" })).toHaveCount(1);
  expect(await listKeys(page.request, teamId)).toHaveLength(2);
});

test("a create repeated with the same idempotency key is refused and makes no second key", async ({
  page,
}) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Idem ${uniqueSuffix()}`);
  const data = { name: "retried", idempotencyKey: `e2e-${uniqueSuffix()}-${uniqueSuffix()}` };
  const first = await page.request.post(`/api/admin/teams/${teamId}/keys`, {
    headers: fromConsole(),
    data,
  });
  expect(first.status()).toBe(201);
  const created = (await first.json()) as { key: { id: string }; secret: string };
  const firstKey = created.key;
  const again = await page.request.post(`/api/admin/teams/${teamId}/keys`, {
    headers: fromConsole(),
    data,
  });
  expect(again.status()).toBe(409);
  const refusal = (await again.json()).error as { code: string; message: string };
  expect(refusal.code).toBe("already_created");
  expect(refusal.message).toContain(firstKey.id);
  expect(JSON.stringify(await again.json())).not.toContain(created.secret);
  expect((await listKeys(page.request, teamId)).map((key) => key.id)).toEqual([firstKey.id]);
});

test("a key scoped to switchyard/auto and a published policy alias can call them", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Scoped ${uniqueSuffix()}`);
  await publishPolicy(page.request, teamId, {
    name: "Auto",
    alias: "switchyard/auto",
    body: { version: 1, defaultModel: "demo-small", baselineModel: "demo-large" },
  });
  await publishPolicy(page.request, teamId, {
    name: "Smart",
    alias: "team/smart",
    body: { version: 1, defaultModel: "demo-medium", baselineModel: "demo-large" },
  });
  await page.goto(`/keys?team=${teamId}`);
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill("policy only");
  await form.getByRole("checkbox", { name: "switchyard/auto" }).check();
  await form.getByRole("checkbox", { name: "team/smart" }).check();
  await snap(page, testInfo, "keys-scope-policy-aliases");
  await form.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("secret-value").textContent()) ?? "";
  expect(secret).toMatch(/^sk-sy-/);
  const [key] = await listKeys(page.request, teamId);
  expect(key?.scopes.sort()).toEqual(["switchyard/auto", "team/smart"]);

  const routed = async (model: string) => {
    const response = await chatCompletion(page.request, secret, "Hello there", model);
    return `${response.status()} ${response.headers()["x-switchyard-model"] ?? "-"}`;
  };
  await expect.poll(() => routed("switchyard/auto")).toBe("200 demo-small");
  await expect.poll(() => routed("team/smart")).toBe("200 demo-medium");
  const direct = await chatCompletion(page.request, secret, "Hello there", "demo-large");
  expect(direct.status()).toBe(403);
});

test("a key created with a monthly budget has it on the Budgets page", async ({ page }) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Capped ${uniqueSuffix()}`);
  await page.goto(`/keys?team=${teamId}`);
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill("capped app");
  await form.getByLabel("Monthly budget in USD (optional)").fill("25");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("secret-value")).toBeVisible();
  const [key] = await listKeys(page.request, teamId);
  const budgets = (
    await (
      await page.request.get(`/api/admin/teams/${teamId}/budgets`, { headers: fromConsole() })
    ).json()
  ).budgets as { apiKeyId: string | null; period: string; limitUsd: string }[];
  expect(budgets).toEqual([
    expect.objectContaining({ apiKeyId: key?.id, period: "month", limitUsd: "25" }),
  ]);
  await page.goto(`/budgets?team=${teamId}`);
  await expect(page.getByText("capped app").first()).toBeVisible();
});
