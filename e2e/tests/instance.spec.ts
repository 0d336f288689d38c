import { expect, test } from "@playwright/test";
import { createTeam, uniqueSuffix } from "../support/console-api";
import { signIn } from "../support/sign-in";
import { snap } from "../support/snap";

test("the instance owner decides who creates teams and which teams use the shared connections", async ({
  page,
}, testInfo) => {
  await signIn(page, { landOn: "/settings" });
  const suffix = uniqueSuffix();
  const teamId = await createTeam(page.request, `Allowed ${suffix}`);
  await page.reload();

  const section = page.getByRole("region", { name: "Instance settings" });
  await expect(section).toBeVisible();
  const creation = section.getByLabel("Who may create teams");
  await expect(creation).toHaveValue("instance_owner");
  await creation.selectOption("any_user");
  await expect
    .poll(async () => (await (await page.request.get("/api/admin/instance")).json()).settings)
    .toEqual({ teamCreation: "any_user" });
  await creation.selectOption("instance_owner");
  await expect(creation).toHaveValue("instance_owner");

  // A team the owner made may use the shared connections until the owner says otherwise.
  const access = section.getByLabel(`Allowed ${suffix} may use the shared connections`);
  await expect(access).toBeChecked();
  await access.uncheck();
  await expect(access).not.toBeChecked();
  await snap(page, testInfo, "instance-settings");
  await page.goto(`/providers?team=${teamId}`);
  await expect(page.getByTestId("shared-connections-note")).toBeVisible();
  await expect(page.getByTestId("connection-row")).toHaveCount(0);
});
