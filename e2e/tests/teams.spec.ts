import { expect, test } from "@playwright/test";
import { createTeam, uniqueSuffix } from "../support/console-api";
import { e2eEnv } from "../support/e2e-env";
import { fromConsole } from "../support/from-console";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

/** Signs in and lands on the settings page (ours: no dependence on the overview's charts). */
test("an owner creates a team and invites a member, who joins with a new account", async ({
  page,
  browser,
}, testInfo) => {
  const suffix = uniqueSuffix();
  const teamName = `Platform ${suffix}`;
  const memberEmail = `member-${suffix}@example.test`;

  await signIn(page, {
    email: e2eEnv.ownerEmail,
    password: e2eEnv.ownerPassword,
    landOn: "/settings",
  });
  await page.getByRole("button", { name: "New team" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a team" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Team name").fill(teamName);
  await snap(page, testInfo, "create-team-dialog");
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/[?&]team=/);
  const teamId = new URL(page.url()).searchParams.get("team") ?? "";
  await expect(page.getByTestId("team-switcher").locator("option:checked")).toHaveText(teamName);

  await page.goto(`/team?team=${teamId}`);
  await expect(page.getByRole("heading", { name: `Members of ${teamName}` })).toBeVisible();
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  const invites = page.getByRole("form", { name: "Invite someone" });
  await invites.getByLabel("Email").fill(memberEmail);
  await invites.getByLabel("Role").selectOption("member");
  await invites.getByRole("button", { name: "Create invite link" }).click();
  const link = (await page.getByTestId("secret-value").textContent()) ?? "";
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId("invite-row")).toContainText(memberEmail);
  await snap(page, testInfo, "team-with-invite");

  // The invited person, in a browser of their own.
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(link);
  await expect(guestPage.getByRole("heading", { name: `Join ${teamName}` })).toBeVisible();
  await guestPage.getByLabel("Your name").fill("Mia Member");
  await guestPage.getByLabel("Password").fill("a-good-long-password");
  await snap(guestPage, testInfo, "invite-sign-up");
  await guestPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(guestPage).toHaveURL(new RegExp(`/team\\?team=${teamId}`));
  await expect(guestPage.getByTestId("current-user")).toContainText(memberEmail);
  await expect(guestPage.getByTestId("team-switcher").locator("option:checked")).toHaveText(
    teamName,
  );
  await expect(guestPage.getByRole("heading", { name: `Members of ${teamName}` })).toBeVisible();
  await expect(guestPage.getByTestId("member-row")).toHaveCount(2);
  await snap(guestPage, testInfo, "member-sees-team");

  // The link worked once.
  await guestPage.goto(link);
  await expect(guestPage.getByRole("heading", { name: "Invite already used" })).toBeVisible();
  await snap(guestPage, testInfo, "invite-used");

  // A second invite, to someone who already has an account and is signed in: one click.
  const secondId = await createTeam(page.request, `Research ${suffix}`);
  const secondInvite = await page.request.post(`/api/admin/teams/${secondId}/invites`, {
    headers: fromConsole(),
    data: { email: memberEmail, role: "viewer" },
  });
  expect(secondInvite.status()).toBe(201);
  await guestPage.goto((await secondInvite.json()).path);
  await snap(guestPage, testInfo, "invite-signed-in");
  await guestPage.getByRole("button", { name: `Join Research ${suffix}` }).click();
  await expect(guestPage).toHaveURL(new RegExp(`/team\\?team=${secondId}`));
  await expect(guestPage.getByText("Your role: viewer.")).toBeVisible();
  const switcher = guestPage.getByTestId("team-switcher");
  await expect(switcher.locator("option")).toHaveText([teamName, `Research ${suffix}`]);
  await guest.close();

  // The owner sees the new member and the audit trail.
  await page.reload();
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  await expect(page.getByTestId("member-row").filter({ hasText: memberEmail })).toBeVisible();
  await page.getByRole("link", { name: /Audit log/ }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(page.getByTestId("audit-entry").first()).toContainText("invite.accept");
  await expect(page.getByTestId("audit-entry").filter({ hasText: "invite.create" })).toHaveCount(1);
  await expect(page.getByTestId("audit-entry").filter({ hasText: "team.create" })).toHaveCount(1);
  await snap(page, testInfo, "audit-log");

  await page.goto(`/settings?team=${teamId}`);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await page.getByLabel("Time zone (budget periods, dashboards)").fill("Europe/Berlin");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await snap(page, testInfo, "settings");
});

test("an unknown invite link is refused clearly", async ({ page }, testInfo) => {
  await page.goto("/invite/not-a-real-invite-token");
  await expect(page.getByRole("heading", { name: "Invite not found" })).toBeVisible();
  await expect(page.getByTestId("invite-problem")).toContainText("not valid");
  await snap(page, testInfo, "invite-unknown");
});
