import { expect, test } from "@playwright/test";
import {
  chatCompletion,
  createKey,
  createTeam,
  listKeys,
  uniqueSuffix,
} from "../support/console-api";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("rotating a key from the keys page shows a new secret once and keeps the old one for the grace period", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Rotate ${uniqueSuffix()}`);
  const made = await createKey(page.request, teamId, { name: "rotated in the console" });
  expect((await chatCompletion(page.request, made.secret, "before")).status()).toBe(200);

  await page.goto(`/keys?team=${teamId}`);
  await page.getByRole("button", { name: "Rotate rotated in the console" }).click();
  const panel = page.getByTestId("rotate-panel");
  await expect(panel.getByLabel("Old secret keeps working for")).toHaveValue("24h");
  await panel.getByLabel("Old secret keeps working for").selectOption("1h");
  await panel.getByRole("button", { name: "Rotate secret" }).dblclick();
  const secret = (await page.getByTestId("secret-value").textContent()) ?? "";
  expect(secret).toMatch(/^sk-sy-/);
  expect(secret).not.toBe(made.secret);
  await expect(page.getByTestId("rotation-grace")).toContainText(
    "The old secret keeps working until",
  );
  const row = page.getByTestId("key-row").filter({ hasText: "rotated in the console" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row.getByTestId("previous-secret")).toContainText("Old secret works until");
  await snap(page, testInfo, "keys-rotated");

  // One key still: same id and name; both secrets work while the grace period lasts.
  const keys = await listKeys(page.request, teamId);
  expect(keys.map((key) => key.id)).toEqual([made.id]);
  expect((await chatCompletion(page.request, secret, "new")).status()).toBe(200);
  expect((await chatCompletion(page.request, made.secret, "old")).status()).toBe(200);

  // The audit log records the rotation.
  const audit = await page.request.get(`/api/admin/teams/${teamId}/audit`);
  expect(JSON.stringify(await audit.json())).toContain("key.rotate");

  await page.getByTestId("secret-once").getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("secret-once")).toHaveCount(0);
});

test("a rotation without a grace period refuses the old secret as an invalid key", async ({
  page,
}) => {
  await signIn(page);
  const teamId = await createTeam(page.request, `Rotate now ${uniqueSuffix()}`);
  const made = await createKey(page.request, teamId, { name: "rotated at once" });
  expect((await chatCompletion(page.request, made.secret, "warm the cache")).status()).toBe(200);
  const rotated = await page.request.post(`/api/admin/teams/${teamId}/keys/${made.id}/rotate`, {
    headers: fromConsole(),
    data: { gracePeriod: "none" },
  });
  expect(rotated.status()).toBe(200);
  const { secret } = (await rotated.json()) as { secret: string };
  await expect
    .poll(async () => (await chatCompletion(page.request, made.secret, "old")).status())
    .toBe(401);
  const refused = await chatCompletion(page.request, made.secret, "old");
  expect((await refused.json()).error.message).toBe("Invalid API key.");
  expect((await chatCompletion(page.request, secret, "new")).status()).toBe(200);
});

test("the rotate panel fits a phone, even for a long unbroken key name", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  const teamId = await createTeam(page.request, `Rotate phone ${uniqueSuffix()}`);
  const name = `k${"x".repeat(79)}`;
  await createKey(page.request, teamId, { name });
  await page.goto(`/keys?team=${teamId}`);
  await page.getByRole("button", { name: `Rotate ${name}` }).click();
  const panel = page.getByTestId("rotate-panel");
  await expect(panel.getByRole("button", { name: "Rotate secret" })).toBeInViewport();
  await panel.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByTestId("secret-value")).toBeVisible();
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(sideways).toBeLessThanOrEqual(0);
});
