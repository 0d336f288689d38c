import { expect, test } from "@playwright/test";
import { createKey, createTeam, uniqueSuffix } from "../support/console-api";
import { e2eEnv } from "../support/e2e-env";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

const completion = {
  model: "switchyard/auto",
  messages: [{ role: "user", content: "Say hello in five words." }],
};

/** Signs in and lands on the settings page (ours: no dependence on the overview's charts). */
test("an owner issues a key, calls the gateway with it, and revokes it", async ({
  page,
}, testInfo) => {
  const keyName = `ci-${uniqueSuffix()}`;
  await signIn(page, {
    email: e2eEnv.ownerEmail,
    password: e2eEnv.ownerPassword,
    landOn: "/settings",
  });
  await page.goto("/keys");
  await page.getByTestId("team-switcher").selectOption({ label: "Demo" });
  await expect(page).toHaveURL(/\/keys\?team=/);
  await expect(page.getByRole("heading", { name: "Keys of Demo" })).toBeVisible();

  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill(keyName);
  await form.getByLabel("Requests per minute (optional)").fill("600");
  await snap(page, testInfo, "keys-create-form");
  await form.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("secret-value").textContent()) ?? "";
  expect(secret).toMatch(/^sk-sy-/);
  const row = page.getByTestId("key-row").filter({ hasText: keyName });
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText("active");
  await expect(row).toContainText("$0.00");
  await snap(page, testInfo, "keys-secret-shown-once");

  const ok = await page.request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${secret}` },
    data: completion,
  });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).object).toBe("chat.completion");

  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("secret-value")).toHaveCount(0);

  // Default tags changed in place: the key's next request carries them.
  const tag = `app:${keyName}`;
  await row.getByRole("button", { name: `Edit ${keyName}` }).click();
  const tagsForm = row.getByTestId("key-tags-form");
  await tagsForm.getByLabel("Default tags (comma-separated)").fill(`${tag}, env:e2e`);
  await tagsForm.getByRole("button", { name: "Save" }).click();
  await expect(tagsForm).toHaveCount(0);
  await expect(row).toContainText(`${tag}, env:e2e`);
  const tagged = await page.request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${secret}` },
    data: completion,
  });
  expect(tagged.status()).toBe(200);
  const teamId = new URL(page.url()).searchParams.get("team");
  await expect
    .poll(
      async () => {
        const listed = await page.request.get(
          `/api/admin/teams/${teamId}/requests?tag=${encodeURIComponent(tag)}`,
        );
        return ((await listed.json()).requests as { id: string }[]).map((r) => r.id);
      },
      { timeout: 30_000 },
    )
    .toContain(tagged.headers()["x-request-id"]);

  // Renamed in place: the same secret keeps working.
  await row.getByRole("button", { name: `Edit ${keyName}` }).click();
  const renameForm = row.getByTestId("key-tags-form");
  await renameForm.getByLabel("Name").fill(`${keyName}-renamed`);
  await renameForm.getByRole("button", { name: "Save" }).click();
  await expect(renameForm).toHaveCount(0);
  await expect(row).toContainText(`${keyName}-renamed`);
  const renamed = await page.request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${secret}` },
    data: completion,
  });
  expect(renamed.status()).toBe(200);

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
  await expect(row).toContainText("revoked");
  await snap(page, testInfo, "keys-revoked");
  await expect
    .poll(
      async () =>
        (
          await page.request.post("/v1/chat/completions", {
            headers: { authorization: `Bearer ${secret}` },
            data: completion,
          })
        ).status(),
      { timeout: 10_000 },
    )
    .toBe(401);
});

test("a viewer sees the keys but has no buttons, and the API refuses their changes", async ({
  page,
  browser,
}, testInfo) => {
  const suffix = uniqueSuffix();
  const viewerEmail = `viewer-${suffix}@example.test`;
  await signIn(page, {
    email: e2eEnv.ownerEmail,
    password: e2eEnv.ownerPassword,
    landOn: "/settings",
  });

  // Seed through the management API with the owner's session.
  const teamId = await createTeam(page.request, `Ops ${suffix}`);
  const { id: keyId } = await createKey(page.request, teamId, { name: "owner key" });
  const invite = await page.request.post(`/api/admin/teams/${teamId}/invites`, {
    headers: fromConsole(),
    data: { email: viewerEmail, role: "viewer" },
  });
  expect(invite.status()).toBe(201);
  const invitePath = (await invite.json()).path as string;

  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await viewerPage.goto(invitePath);
  await viewerPage.getByLabel("Your name").fill("Vic Viewer");
  await viewerPage.getByLabel("Password").fill("a-good-long-password");
  await viewerPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(viewerPage.getByTestId("current-user")).toContainText(viewerEmail);

  await viewerPage.goto(`/keys?team=${teamId}`);
  await expect(viewerPage.getByTestId("key-row").filter({ hasText: "owner key" })).toBeVisible();
  await expect(viewerPage.getByTestId("read-only-note")).toBeVisible();
  await expect(viewerPage.getByRole("form", { name: "Create an API key" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await snap(viewerPage, testInfo, "keys-as-viewer");

  await viewerPage.goto(`/team?team=${teamId}`);
  await expect(viewerPage.getByTestId("member-row")).toHaveCount(2);
  await expect(viewerPage.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  await expect(viewerPage.getByRole("form", { name: "Invite someone" })).toHaveCount(0);
  await snap(viewerPage, testInfo, "team-as-viewer");
  await viewerPage.setViewportSize({ width: 390, height: 844 });
  await viewerPage.goto(`/keys?team=${teamId}`);
  await expect(viewerPage.getByTestId("key-row").filter({ hasText: "owner key" })).toBeVisible();
  await snap(viewerPage, testInfo, "keys-as-viewer-phone");

  const create = await viewerPage.request.post(`/api/admin/teams/${teamId}/keys`, {
    headers: fromConsole(),
    data: { name: "sneaky" },
  });
  expect(create.status()).toBe(403);
  const revoke = await viewerPage.request.delete(`/api/admin/teams/${teamId}/keys/${keyId}`, {
    headers: fromConsole(),
  });
  expect(revoke.status()).toBe(403);
  const settings = await viewerPage.request.patch(`/api/admin/teams/${teamId}/settings`, {
    headers: fromConsole(),
    data: { name: "renamed" },
  });
  expect(settings.status()).toBe(403);
  await viewer.close();
});
